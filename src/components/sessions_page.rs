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
    let clock = ctrl.clone();
    every(CLOCK_MS, move || clock.now.set(intl::now_ms()));
    let back = ctrl.clone();
    let visible = browser::on_visible(move || back.refresh());
    keep(visible);

    let catalogue = i18n.with_value(|i| i.needs_catalogue().then(|| i.lang.catalogue()).flatten());
    let ready = Rc::new(Tracked::new(catalogue.is_none()));
    let (busy_ctrl, busy_ready, page_ctrl, ready_now) = (ctrl.clone(), ready.clone(), ctrl.clone(), ready.clone());
    let section = El::new("section")
        .class(theme)
        .attr("lang", &lang)
        .attr("dir", dir)
        .attr("aria-labelledby", "ks-title")
        .dyn_attr("aria-busy", move || {
            Some((busy_ctrl.phase.with(|p| *p == Phase::Loading) || !busy_ready.get()).to_string())
        })
        .switch(
            move || ready_now.get(),
            move |ready| if *ready { page(&page_ctrl, level) } else { vec![skeleton(None)] },
        );
    let _ = ctrl.root.set(section.node().clone());
    if let Some(file) = catalogue {
        // Fetched alongside Kratos's answers; the page waits for both.
        let (url, timeout) = (format!("{}{file}", ctrl.config.catalogues), ctrl.config.timeout_ms);
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
fn page(ctrl: &Controller, level: u8) -> Vec<El> {
    let t = |k: &str| ctrl.i18n.with_value(|i| i.t(k));
    let mut parts = vec![
        heading(level, "ks-h2", Some("ks-title"), false, &t("title")),
        El::new("p").class("ks-intro").text(&t("intro")),
    ];
    parts.extend(notices(ctrl));
    let (status_ctrl, signed_in, view_ctrl, status_key) = (ctrl.clone(), ctrl.clone(), ctrl.clone(), ctrl.clone());
    parts.push(
        El::new("div")
            .class("ks-content")
            .switch(
                move || (status_key.phase.get(), status_key.current.with(Option::is_none)),
                move |(phase, none)| status(&status_ctrl, phase, *none).into_iter().collect(),
            )
            .switch(
                move || signed_in.current.with(Option::is_some),
                move |signed_in| if *signed_in { signed_in_view(&view_ctrl, level) } else { Vec::new() },
            ),
    );
    parts.push(confirm_dialog(ctrl));
    parts
}

/// This device, the other sessions and the actions on them.
fn signed_in_view(ctrl: &Controller, level: u8) -> Vec<El> {
    let i18n = ctrl.i18n;
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let c = ctrl.clone();
    let bulk_busy = Rc::new(move || c.busy.with(Option::is_some));
    let c = ctrl.clone();
    let log_out: Rc<dyn Fn()> = Rc::new(move || c.ask(Action::LogOutHere));
    let (c, c2, busy) = (ctrl.clone(), ctrl.clone(), bulk_busy.clone());
    let this_device = El::new("ul").class("ks-list").attr("aria-label", &t("this_device")).switch(
        move || c.current.get(),
        move |current| {
            current
                .iter()
                .map(|s| {
                    let now = c2.clone();
                    let mut row = Row::plain(s.clone().into(), Rc::new(move || now.now.get()));
                    row.action = RowAction::LogOut(log_out.clone());
                    row.busy = busy.clone();
                    session_row(row)
                })
                .collect()
        },
    );
    let (c, busy) = (ctrl.clone(), bulk_busy.clone());
    let revoke_others = move || {
        let (label, click, busy) = (c.clone(), c.clone(), busy.clone());
        El::new("button")
            .attr("type", "button")
            .class("ks-button ks-secondary ks-revoke-others")
            .dyn_flag("disabled", move || busy())
            .dyn_text(move || {
                let (listed, more) = (label.others.with(Vec::len), label.more.with(|m| m.available));
                i18n.with_value(|i| msg::sign_out_others(i, listed, more))
            })
            .on("click", move |_| click.ask(Action::RevokeOthers))
    };
    let c = ctrl.clone();
    let load_more = move || {
        let (flag, label, click) = (c.clone(), c.clone(), c.clone());
        El::new("button")
            .attr("type", "button")
            .class("ks-button ks-secondary ks-load-more")
            .dyn_flag("disabled", move || flag.more.with(|m| m.loading))
            .dyn_text(move || if label.more.with(|m| m.loading) { t("loading_more") } else { t("load_more") })
            .on("click", move |_| click.load_more())
    };
    let (has, has2, list, more, everywhere) = (ctrl.clone(), ctrl.clone(), ctrl.clone(), ctrl.clone(), ctrl.clone());
    vec![
        heading(level + 1, "ks-h3", None, false, &t("this_device")),
        this_device,
        El::new("div")
            .class("ks-section-head")
            .child(heading(level + 1, "ks-h3", Some("ks-others-heading"), true, &t("other_sessions")))
            .switch(move || !has.others.with(Vec::is_empty), move |has| has.then(&revoke_others).into_iter().collect()),
        El::new("div").class("ks-others").switch(
            move || !has2.others.with(Vec::is_empty),
            move |has| {
                vec![if *has {
                    other_sessions(&list)
                } else {
                    El::new("p").class("ks-empty").text(&t("no_other_sessions"))
                }]
            },
        ),
        El::new("div")
            .class("ks-more")
            .switch(move || more.more.with(|m| m.available), move |on| on.then(&load_more).into_iter().collect()),
        El::new("div").class("ks-footer").child(
            El::new("button")
                .attr("type", "button")
                .class("ks-button ks-danger ks-everywhere")
                .dyn_flag("disabled", move || bulk_busy())
                .text(&t("sign_out_everywhere"))
                .on("click", move |_| everywhere.ask(Action::SignOutEverywhere)),
        ),
    ]
}

/// Results of actions: shown, and announced through live regions that are
/// always in the page (a region added with its text is not announced).
fn notices(ctrl: &Controller) -> [El; 2] {
    let region = |class: &str, role: &str, live: &str, error: bool| {
        let ctrl = ctrl.clone();
        El::new("div").class(class).attr("role", role).attr("aria-live", live).dyn_text(move || {
            ctrl.notice.with(|n| n.as_ref().filter(|n| n.error == error).map(|n| n.text.clone()).unwrap_or_default())
        })
    };
    [region("ks-notice", "status", "polite", false), region("ks-notice ks-notice-error", "alert", "assertive", true)]
}

/// Loading (before anything is shown), signed out, and failures to load.
fn status(ctrl: &Controller, phase: &Phase, nothing_shown: bool) -> Option<El> {
    let t = |k: &str| ctrl.i18n.with_value(|i| i.t(k));
    match phase {
        Phase::Loading if nothing_shown => Some(skeleton(Some(&t("loading")))),
        Phase::Failed(ApiError::SignedOut) => {
            let href = ctrl.config.login_href(&browser::here(), None, browser::encode_component);
            Some(
                El::new("div")
                    .class("ks-panel ks-signed-out")
                    .child(El::new("p").text(&t("signed_out")))
                    .child(El::new("a").class("ks-button").attr("href", &href).text(&t("sign_in"))),
            )
        }
        Phase::Failed(e) => {
            let retry = e.is_transient().then(|| {
                let ctrl = ctrl.clone();
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
                    .child(El::new("p").text(&ctrl.i18n.with_value(|i| msg::load_error(i, e))))
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
