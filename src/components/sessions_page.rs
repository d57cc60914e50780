//! The page: this device first, then the other sessions, the actions, and
//! every state of loading them.

use std::rc::Rc;

use crate::reactive::*;

use super::confirm_dialog::confirm_dialog;
use super::heading::heading;
use super::other_sessions::other_sessions;
use super::session_row::{session_row, Row, RowAction};
use crate::browser;
use crate::config::{Config, Theme};
use crate::controller::{Controller, Phase};
use crate::dom::El;
use crate::i18n::{load_catalogue, I18n};
use crate::intl;
use crate::kratos::{ApiError, Kratos, SessionsApi};
use crate::messages as msg;
use crate::view_model::actions::Action;

/// How often relative times ("5 minutes ago") are refreshed.
const CLOCK_MS: i32 = 30_000;

/// The sessions page. `api` defaults to Kratos at `config.kratos_url`.
pub fn sessions_page(config: Config, api: Option<Rc<dyn SessionsApi>>) -> El {
    let api = api.unwrap_or_else(|| Rc::new(Kratos::new(&config.kratos_url).with_timeout(config.timeout_ms)));
    let i18n = StoredValue::new(I18n::new(&intl::locales(config.locale.as_deref()), config.messages.clone()));
    provide_context(i18n);
    let (lang, dir) = i18n.with_value(|i| (i.tag.clone(), if i.lang.is_rtl() { "rtl" } else { "ltr" }));
    let theme = match config.theme {
        Some(Theme::Light) => "ks ks-light",
        Some(Theme::Dark) => "ks ks-dark",
        None => "ks",
    };
    let level = config.heading_level;
    let ctrl = Controller::new(config, i18n, api);
    every(CLOCK_MS, move || ctrl.now.set(intl::now_ms()));
    let visible = browser::on_visible(move || ctrl.refresh());
    StoredValue::new_local(visible);

    let catalogue = i18n.with_value(|i| i.needs_catalogue().then(|| i.lang.catalogue()).flatten());
    let ready = RwSignal::new(catalogue.is_none());
    let section = El::new("section")
        .class(theme)
        .attr("lang", &lang)
        .attr("dir", dir)
        .attr("aria-labelledby", "ks-title")
        .dyn_attr("aria-busy", move || Some((ctrl.phase.get() == Phase::Loading || !ready.get()).to_string()))
        .dyn_children(move || if ready.get() { untrack(|| page(ctrl, level)) } else { vec![skeleton(None)] });
    ctrl.root.set_value(Some(section.node().clone()));
    if let Some(file) = catalogue {
        // Fetched alongside Kratos's answers; the page waits for both.
        let (url, timeout) = ctrl.config.with_value(|c| (format!("{}{file}", c.catalogues), c.timeout_ms));
        let node = section.node().clone();
        Alive::new().spawn(async move {
            match load_catalogue(&url, timeout).await {
                Some(messages) => i18n.update_value(|i| i.set_catalogue(messages)),
                None => {
                    i18n.update_value(I18n::fall_back_to_english);
                    let _ = node.set_attribute("lang", "en");
                    let _ = node.set_attribute("dir", "ltr");
                }
            }
            ready.set(true);
        });
    }
    ctrl.load();
    section
}

/// Everything under the section, once the catalogue is there.
fn page(ctrl: Controller, level: u8) -> Vec<El> {
    let t = move |k: &str| ctrl.i18n.with_value(|i| i.t(k));
    let signed_in = Memo::new(move |_| ctrl.current.with(Option::is_some));
    let mut parts = vec![
        heading(level, "ks-h2", Some("ks-title"), false, &t("title")),
        El::new("p").class("ks-intro").text(&t("intro")),
    ];
    parts.extend(notices(ctrl));
    parts.push(El::new("div").class("ks-content").dyn_child(move || status(ctrl)).dyn_children(move || {
        if signed_in.get() {
            untrack(|| signed_in_view(ctrl, level))
        } else {
            Vec::new()
        }
    }));
    parts.push(confirm_dialog(ctrl));
    parts
}

/// This device, the other sessions and the actions on them.
fn signed_in_view(ctrl: Controller, level: u8) -> Vec<El> {
    let t = move |k: &str| ctrl.i18n.with_value(|i| i.t(k));
    let bulk_busy = move || ctrl.busy.with(Option::is_some);
    let log_out = Callback::new(move |()| ctrl.ask(Action::LogOutHere));
    let has_others = Memo::new(move |_| !ctrl.others.with(Vec::is_empty));
    let more = Memo::new(move |_| ctrl.more.with(|m| m.available));
    let this_device = El::new("ul").class("ks-list").attr("aria-label", &t("this_device")).dyn_child(move || {
        ctrl.current.get().map(|s| {
            let mut row = Row::plain(s.into(), ctrl.now);
            row.action = RowAction::LogOut(log_out);
            row.busy = Rc::new(bulk_busy);
            session_row(row)
        })
    });
    let revoke_others = move || {
        El::new("button")
            .attr("type", "button")
            .class("ks-button ks-secondary ks-revoke-others")
            .dyn_flag("disabled", bulk_busy)
            .dyn_text(move || ctrl.i18n.with_value(|i| msg::sign_out_others(i, ctrl.others.with(Vec::len), more.get())))
            .on("click", move |_| ctrl.ask(Action::RevokeOthers))
    };
    let loading_more = move || ctrl.more.with(|m| m.loading);
    let load_more = move || {
        El::new("button")
            .attr("type", "button")
            .class("ks-button ks-secondary ks-load-more")
            .dyn_flag("disabled", loading_more)
            .dyn_text(move || if loading_more() { t("loading_more") } else { t("load_more") })
            .on("click", move |_| ctrl.load_more())
    };
    vec![
        heading(level + 1, "ks-h3", None, false, &t("this_device")),
        this_device,
        El::new("div")
            .class("ks-section-head")
            .child(heading(level + 1, "ks-h3", Some("ks-others-heading"), true, &t("other_sessions")))
            .dyn_child(move || has_others.get().then(revoke_others)),
        El::new("div").class("ks-others").dyn_child(move || {
            Some(if has_others.get() {
                untrack(|| other_sessions(ctrl))
            } else {
                El::new("p").class("ks-empty").text(&t("no_other_sessions"))
            })
        }),
        El::new("div").class("ks-more").dyn_child(move || more.get().then(load_more)),
        El::new("div").class("ks-footer").child(
            El::new("button")
                .attr("type", "button")
                .class("ks-button ks-danger ks-everywhere")
                .dyn_flag("disabled", bulk_busy)
                .text(&t("sign_out_everywhere"))
                .on("click", move |_| ctrl.ask(Action::SignOutEverywhere)),
        ),
    ]
}

/// Results of actions: shown, and announced through live regions that are
/// always in the page (a region added with its text is not announced).
fn notices(ctrl: Controller) -> [El; 2] {
    let region = |class: &str, role: &str, live: &str, error: bool| {
        El::new("div").class(class).attr("role", role).attr("aria-live", live).dyn_text(move || {
            ctrl.notice.with(|n| n.as_ref().filter(|n| n.error == error).map(|n| n.text.clone()).unwrap_or_default())
        })
    };
    [region("ks-notice", "status", "polite", false), region("ks-notice ks-notice-error", "alert", "assertive", true)]
}

/// Loading, signed out, and failures to load.
fn status(ctrl: Controller) -> Option<El> {
    let t = move |k: &str| ctrl.i18n.with_value(|i| i.t(k));
    match ctrl.phase.get() {
        Phase::Loading if ctrl.current.with(Option::is_none) => Some(skeleton(Some(&t("loading")))),
        Phase::Failed(ApiError::SignedOut) => {
            let href = ctrl.config.with_value(|c| c.login_href(&browser::here(), None, browser::encode_component));
            Some(
                El::new("div")
                    .class("ks-panel ks-signed-out")
                    .child(El::new("p").text(&t("signed_out")))
                    .child(El::new("a").class("ks-button").attr("href", &href).text(&t("sign_in"))),
            )
        }
        Phase::Failed(e) => {
            let retry = e.is_transient().then(|| {
                El::new("button").attr("type", "button").class("ks-button ks-retry").text(&t("retry")).on(
                    "click",
                    move |_| {
                        ctrl.phase.set(Phase::Loading);
                        ctrl.load();
                    },
                )
            });
            Some(
                El::new("div")
                    .class("ks-panel ks-error")
                    .attr("role", "alert")
                    .child(El::new("p").text(&ctrl.i18n.with_value(|i| msg::load_error(i, &e))))
                    .maybe(retry),
            )
        }
        _ => None,
    }
}

/// Placeholder rows the size of real ones, so nothing jumps when data
/// lands. `label` is said by screen readers; until the catalogue is there
/// the section's `aria-busy` speaks for it.
fn skeleton(label: Option<&str>) -> El {
    let row = || El::new("div").class("ks-skeleton-row").attr("aria-hidden", "true");
    El::new("div")
        .class("ks-skeleton")
        .maybe_attr("role", label.map(|_| "status"))
        .maybe(label.map(|l| El::new("span").class("ks-visually-hidden").text(l)))
        .children([row(), row(), row()])
}
