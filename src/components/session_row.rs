//! One session in the list: device, address, place, times and how it
//! signed in, with its action. Every string from Kratos is rendered as
//! text, never as markup.

use std::rc::Rc;
use std::slice::from_ref;
use std::sync::Arc;

use crate::reactive::*;

use super::icons::device_icon;
use crate::dom::El;
use crate::i18n::use_i18n;
use crate::intl;
use crate::messages as msg;
use crate::view_model::session_view::{MethodView, SignInView};
use crate::view_model::SessionView;

/// A value the row reads reactively (state behind a closure, so the
/// row's code is not repeated per kind of state).
pub type Read<T> = Rc<dyn Fn() -> T>;

/// What a row offers besides showing the session.
pub enum RowAction {
    /// "Sign out" another session, by id.
    Revoke(Rc<dyn Fn(String)>),
    /// "Log out" on this device.
    LogOut(Rc<dyn Fn()>),
    None,
}

pub struct Row {
    pub session: Arc<SessionView>,
    /// The clock relative times are measured from (ms since the epoch).
    pub now: Read<i64>,
    pub action: RowAction,
    /// The revoke (or logout) is in flight.
    pub busy: Read<bool>,
    /// Why the last revoke failed.
    pub error: Read<Option<String>>,
    /// Place in the list and the list's length (1-based), for lists that
    /// keep only some rows in the DOM: assistive tech still says "5 of 1000".
    pub position: Read<Option<(usize, usize)>>,
}

impl Row {
    /// A row with no action and no state (previews, tests).
    pub fn plain(session: Arc<SessionView>, now: Read<i64>) -> Self {
        Self {
            session,
            now,
            action: RowAction::None,
            busy: Rc::new(|| false),
            error: Rc::new(|| None),
            position: Rc::new(|| None),
        }
    }
}

/// A time shown relative ("3 hours ago"), exact on hover and focus.
fn moment(at: i64, now: Read<i64>) -> El {
    // The page's one catalogue holds the locale tag; nothing per row.
    let i18n = use_i18n();
    let exact = i18n.with_value(|i| intl::date_time(from_ref(&i.tag), at));
    El::new("time")
        .class("ks-moment")
        .attr("datetime", &intl::iso(at))
        .attr("data-exact", &exact)
        .attr("aria-description", &exact)
        .attr("tabindex", "0")
        .dyn_text(move || i18n.with_value(|i| intl::relative_time(from_ref(&i.tag), now(), at)))
}

fn method_chip(method: &MethodView, now: &Read<i64>) -> El {
    let i18n = use_i18n();
    let label = i18n.with_value(|i| msg::method_label(i, &method.method));
    let chip = El::new("li").class("ks-chip");
    let name = El::new("span").class("ks-chip-label").text(&label);
    let Some(at) = method.completed_at else { return chip.child(name) };
    let exact = i18n.with_value(|i| intl::date_time(from_ref(&i.tag), at));
    let now = now.clone();
    let tip = i18n.with_value(|i| i.f("method_completed", &[("method", &label), ("time", &exact)]));
    chip.class("ks-chip ks-has-tip").attr("tabindex", "0").attr("data-exact", &tip).child(name).child(
        El::new("span")
            .class("ks-visually-hidden")
            .text(", ")
            .dyn_text(move || i18n.with_value(|i| intl::relative_time(from_ref(&i.tag), now(), at))),
    )
}

/// Every sign-in of a session that signed in more than once. Kratos keeps
/// no time per sign-in, so none is shown.
fn sign_in_trail(trail: &[SignInView]) -> El {
    let i18n = use_i18n();
    i18n.with_value(|i| {
        let items = trail.iter().map(|s| {
            let place = s.location.clone().unwrap_or_else(|| i.t("location_unknown"));
            let ip = s.ip_masked.clone().unwrap_or_else(|| i.t("ip_unknown"));
            El::new("li")
                .text(&msg::device_title(i, &s.device))
                .text(" · ")
                .child(El::new("bdi").attr("dir", "ltr").text(&ip))
                .text(" · ")
                .text(&place)
        });
        El::new("details")
            .class("ks-details ks-trail")
            .child(El::new("summary").text(&i.f("sign_in_trail", &[("n", &trail.len().to_string())])))
            .child(El::new("ol").children(items))
    })
}

/// The address, masked, with a button that reveals it.
fn address(session: &SessionView, title: &str) -> El {
    let i18n = use_i18n();
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let (Some(ip), Some(masked)) = (session.ip.clone(), session.ip_masked.clone()) else {
        return El::new("span").class("ks-ip ks-muted").text(&t("ip_unknown"));
    };
    let (show_label, hide_label) =
        i18n.with_value(|i| (i.f("show_ip_label", &[("device", title)]), i.f("hide_ip_label", &[("device", title)])));
    let (show, hide) = (t("show_ip"), t("hide_ip"));
    let shown = Rc::new(Tracked::new(false));
    let (pressed, toggle) = (shown.clone(), shown.clone());
    let pick = move |a: &String, b: &String| if shown.get() { a.clone() } else { b.clone() };
    let (pick2, pick3) = (pick.clone(), pick.clone());
    El::new("span")
        .class("ks-ip")
        .child(El::new("span").class("ks-ip-value").attr("dir", "ltr").dyn_text(move || pick(&ip, &masked)))
        .child(
            El::new("button")
                .attr("type", "button")
                .class("ks-link")
                .dyn_attr("aria-pressed", move || Some(pressed.get().to_string()))
                .dyn_attr("aria-label", move || Some(pick2(&hide_label, &show_label)))
                .dyn_text(move || pick3(&hide, &show))
                .on("click", move |_| toggle.update(|s| *s = !*s)),
        )
}

/// The row's button: "Sign out" another session or "Log out" here.
fn action_button(row: &Row, title: &str) -> Option<El> {
    let i18n = use_i18n();
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let (class, idle, working, label, run): (_, _, _, _, Box<dyn Fn()>) = match &row.action {
        RowAction::Revoke(revoke) if !row.session.current => {
            let revoke = revoke.clone();
            let id = row.session.id.clone();
            (
                "ks-button ks-secondary ks-revoke",
                t("sign_out"),
                t("signing_out"),
                Some(i18n.with_value(|i| i.f("sign_out_label", &[("device", title)]))),
                Box::new(move || revoke(id.clone())),
            )
        }
        RowAction::LogOut(log_out) if row.session.current => {
            let log_out = log_out.clone();
            ("ks-button ks-secondary ks-log-out", t("log_out"), t("logging_out"), None, Box::new(move || log_out()))
        }
        _ => return None,
    };
    let (busy, busy2) = (row.busy.clone(), row.busy.clone());
    Some(
        El::new("button")
            .attr("type", "button")
            .class(class)
            .maybe_attr("aria-label", label.as_deref())
            .dyn_flag("disabled", move || busy())
            .dyn_text(move || if busy2() { working.clone() } else { idle.clone() })
            .on("click", move |_| run()),
    )
}

pub fn session_row(row: Row) -> El {
    let i18n = use_i18n();
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let s = &row.session;
    let title = i18n.with_value(|i| msg::device_title(i, &s.device));
    let location = match &s.location {
        Some(l) => El::new("span").class("ks-location").text(l),
        None => El::new("span").class("ks-location ks-muted").text(&t("location_unknown")),
    };
    let when = |label: &str, at: Option<i64>| {
        at.map(|at| El::new("span").text(&t(label)).text(" ").child(moment(at, row.now.clone())))
    };
    let methods = s.methods.iter().map(|m| method_chip(m, &row.now));
    let raw_ua = s.user_agent.as_ref().map(|ua| {
        El::new("details")
            .class("ks-details")
            .child(El::new("summary").text(&t("technical_details")))
            .child(El::new("code").class("ks-ua").attr("dir", "ltr").text(ua))
    });
    let body = El::new("div")
        .class("ks-body")
        .child(
            El::new("p")
                .class("ks-title")
                .child(El::new("span").class("ks-device").text(&title))
                .maybe(s.current.then(|| El::new("span").class("ks-badge").text(&t("this_device")))),
        )
        .child(
            El::new("p")
                .class("ks-meta")
                .child(address(s, &title))
                .child(El::new("span").attr("aria-hidden", "true").text(" · "))
                .child(location),
        )
        .child(
            El::new("p")
                .class("ks-meta ks-times")
                .maybe(when("signed_in", s.authenticated_at))
                .maybe(when("expires", s.expires_at)),
        )
        .child(
            El::new("ul")
                .class("ks-methods")
                .maybe(s.aal.as_ref().map(|a| El::new("li").class("ks-chip ks-aal").text(a)))
                .children(methods),
        )
        .maybe((!s.trail.is_empty()).then(|| sign_in_trail(&s.trail)))
        .maybe(raw_ua)
        .switch(
            {
                let error = row.error.clone();
                move || error()
            },
            |error| error.iter().map(|e| El::new("p").class("ks-row-error").text(e)).collect(),
        );
    let (busy, busy2, position, position2) =
        (row.busy.clone(), row.busy.clone(), row.position.clone(), row.position.clone());
    El::new("li")
        .class(if s.current { "ks-session ks-current" } else { "ks-session" })
        .attr("data-session-id", &s.id)
        .dyn_class("ks-busy", move || busy())
        .dyn_attr("aria-busy", move || Some(busy2().to_string()))
        .dyn_attr("aria-posinset", move || position().map(|p| p.0.to_string()))
        .dyn_attr("aria-setsize", move || position2().map(|p| p.1.to_string()))
        .child(device_icon(s.device.kind))
        .child(body)
        .child(El::new("div").class("ks-actions").maybe(action_button(&row, &title)))
}
