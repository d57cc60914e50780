//! The page: this device first, then the other sessions, the actions, and
//! every state of loading them.

use std::rc::Rc;

use leptos::prelude::*;

use super::confirm_dialog::ConfirmDialog;
use super::heading::Heading;
use super::session_row::SessionRow;
use crate::browser;
use crate::config::{Config, Theme};
use crate::controller::{Controller, Phase};
use crate::i18n::I18n;
use crate::intl;
use crate::kratos::{ApiError, Kratos, SessionsApi};
use crate::messages as msg;
use crate::view_model::actions::Action;
use crate::view_model::window::window;
use wasm_bindgen::JsCast;

/// How often relative times ("5 minutes ago") are refreshed.
const CLOCK_MS: u64 = 30_000;

/// The sessions page. `api` defaults to Kratos at `config.kratos_url`.
#[component]
pub fn SessionsPage(config: Config, #[prop(optional)] api: Option<Rc<dyn SessionsApi>>) -> impl IntoView {
    let api = api.unwrap_or_else(|| Rc::new(Kratos::new(&config.kratos_url).with_timeout(config.timeout_ms)));
    let i18n = StoredValue::new(I18n::new(&intl::locales(config.locale.as_deref()), config.messages.clone()));
    provide_context(i18n);
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let (lang, dir) = i18n.with_value(|i| (i.tag.clone(), if i.lang.is_rtl() { "rtl" } else { "ltr" }));
    let theme = match config.theme {
        Some(Theme::Light) => "ks ks-light",
        Some(Theme::Dark) => "ks ks-dark",
        None => "ks",
    };
    let level = config.heading_level;
    let ctrl = Controller::new(config, i18n, api);
    if let Ok(handle) =
        set_interval_with_handle(move || ctrl.now.set(intl::now_ms()), std::time::Duration::from_millis(CLOCK_MS))
    {
        on_cleanup(move || handle.clear());
    }
    let visible = browser::on_visible(move || ctrl.refresh());
    StoredValue::new_local(visible);
    ctrl.load();

    let now: Signal<i64> = ctrl.now.into();

    // Long lists keep only the rows near the viewport in the DOM.
    let list = NodeRef::<leptos::html::Ul>::new();
    let view_box = RwSignal::new((0.0_f64, 800.0_f64, 150.0_f64));
    let win = Memo::new(move |_| {
        let (top, height, row) = view_box.get();
        window(ctrl.others.with(Vec::len), top, height, row)
    });
    let measure = move || {
        let (Some(ul), Some(w)) = (list.get_untracked(), web_sys::window()) else { return };
        let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
        let rows = ul.query_selector_all(":scope > .ks-session").ok();
        let count = rows.as_ref().map_or(0, |r| r.length());
        let total: f64 = (0..count)
            .filter_map(|i| rows.as_ref()?.item(i)?.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.get_bounding_client_rect().height())
            .sum();
        let row = if count > 0 && total > 0.0 { total / f64::from(count) } else { view_box.get_untracked().2 };
        view_box.set((ul.get_bounding_client_rect().top(), height, row));
    };
    let scheduled = StoredValue::new(false);
    let schedule = move || {
        if !scheduled.get_value() {
            scheduled.set_value(true);
            request_animation_frame(move || {
                scheduled.set_value(false);
                measure();
            });
        }
    };
    let document = web_sys::window().and_then(|w| w.document());
    let scrolling = document.and_then(|d| browser::listen_capture(d.into(), "scroll", move |_| schedule()));
    let resizing = web_sys::window().and_then(|w| browser::listen(w.into(), "resize", move |_| schedule()));
    StoredValue::new_local((scrolling, resizing));
    Effect::new(move |_| {
        ctrl.others.track();
        schedule();
    });
    let has_others = move || !ctrl.others.with(Vec::is_empty);
    let bulk_busy = move || ctrl.busy.with(Option::is_some);
    let log_out = Callback::new(move |()| ctrl.ask(Action::LogOutHere));
    let revoke = Callback::new(move |id: String| ctrl.ask(Action::RevokeOne { id }));

    view! {
        <section node_ref=ctrl.root class=theme lang=lang dir=dir aria-labelledby="ks-title"
            aria-busy=move || (ctrl.phase.get() == Phase::Loading).to_string()>
            <Heading level id="ks-title" class="ks-h2">{t("title")}</Heading>
            <p class="ks-intro">{t("intro")}</p>
            <Notices ctrl />
            <Status ctrl />
            <Show when=move || ctrl.current.with(Option::is_some)>
                <Heading level=level + 1 class="ks-h3">{t("this_device")}</Heading>
                <ul class="ks-list" aria-label=t("this_device")>
                    {move || ctrl.current.get().map(|s| view! {
                        <SessionRow session=s now on_log_out=log_out
                            busy=Signal::derive(move || ctrl.busy.with(|b| b.is_some())) />
                    })}
                </ul>
                <div class="ks-section-head">
                    <Heading level=level + 1 class="ks-h3" id="ks-others-heading" focusable=true>{t("other_sessions")}</Heading>
                    <Show when=has_others>
                        <button type="button" class="ks-button ks-secondary ks-revoke-others" disabled=bulk_busy
                            on:click=move |_| ctrl.ask(Action::RevokeOthers)>
                            {move || i18n.with_value(|i| msg::sign_out_others(i, ctrl.others.with(Vec::len), ctrl.more.with(|m| m.available)))}
                        </button>
                    </Show>
                </div>
                <Show when=has_others fallback=move || view! { <p class="ks-empty">{t("no_other_sessions")}</p> }>
                    <ul class="ks-list" data-ks-list="others" aria-labelledby="ks-others-heading" node_ref=list
                        data-ks-total=move || ctrl.others.with(Vec::len)
                        style:padding-top=move || format!("{}px", win.get().before_px)
                        style:padding-bottom=move || format!("{}px", win.get().after_px)>
                        <For each=move || { let w = win.get(); ctrl.others.with(|o| o.get(w.start..w.end).map(<[_]>::to_vec).unwrap_or_default()) }
                            key=|s| s.id.clone() let:s>
                            {
                                // Memos: a row re-renders only when its own state changes.
                                let (id, id2, id3) = (s.id.clone(), s.id.clone(), s.id.clone());
                                let busy = Memo::new(move |_| ctrl.revoking.with(|r| r.contains(&id)));
                                let error = Memo::new(move |_| {
                                    ctrl.row_errors.with(|e| e.iter().find(|(row, _)| *row == id2).map(|(_, text)| text.clone()))
                                });
                                let position = Memo::new(move |_| ctrl.others.with(|o| {
                                    o.iter().position(|x| x.id == id3).map(|i| (i + 1, o.len()))
                                }));
                                view! { <SessionRow session=s now on_revoke=revoke busy error position /> }
                            }
                        </For>
                    </ul>
                </Show>
                <Show when=move || ctrl.more.with(|m| m.available)>
                    <button type="button" class="ks-button ks-secondary ks-load-more" disabled=move || ctrl.more.with(|m| m.loading)
                        on:click=move |_| ctrl.load_more()>
                        {move || if ctrl.more.with(|m| m.loading) { t("loading_more") } else { t("load_more") }}
                    </button>
                </Show>
                <div class="ks-footer">
                    <button type="button" class="ks-button ks-danger ks-everywhere" disabled=bulk_busy
                        on:click=move |_| ctrl.ask(Action::SignOutEverywhere)>
                        {t("sign_out_everywhere")}
                    </button>
                </div>
            </Show>
            <ConfirmDialog ctrl />
        </section>
    }
}

/// Results of actions: shown, and announced through live regions that are
/// always in the page (a region added with its text is not announced).
#[component]
fn Notices(ctrl: Controller) -> impl IntoView {
    let text = move |error: bool| move || ctrl.notice.get().filter(|n| n.error == error).map(|n| n.text);
    view! {
        <div class="ks-notice" role="status" aria-live="polite">{text(false)}</div>
        <div class="ks-notice ks-notice-error" role="alert" aria-live="assertive">{text(true)}</div>
    }
}

/// Loading, signed out, and failures to load.
#[component]
fn Status(ctrl: Controller) -> impl IntoView {
    let t = move |k: &str| ctrl.i18n.with_value(|i| i.t(k));
    let sign_in_href =
        move || ctrl.config.with_value(|c| c.login_href(&browser::here(), None, browser::encode_component));
    move || match ctrl.phase.get() {
        Phase::Loading if ctrl.current.with(Option::is_none) => Some(view! { <Skeleton /> }.into_any()),
        Phase::Failed(ApiError::SignedOut) => Some(
            view! {
                <div class="ks-panel ks-signed-out">
                    <p>{t("signed_out")}</p>
                    <a class="ks-button" href=sign_in_href()>{t("sign_in")}</a>
                </div>
            }
            .into_any(),
        ),
        Phase::Failed(e) => {
            let retry = e.is_transient();
            Some(
                view! {
                    <div class="ks-panel ks-error" role="alert">
                        <p>{ctrl.i18n.with_value(|i| msg::load_error(i, &e))}</p>
                        {retry.then(|| view! {
                            <button type="button" class="ks-button ks-retry" on:click=move |_| {
                                ctrl.phase.set(Phase::Loading);
                                ctrl.load();
                            }>{t("retry")}</button>
                        })}
                    </div>
                }
                .into_any(),
            )
        }
        _ => None,
    }
}

/// Placeholder rows the size of real ones, so nothing jumps when data lands.
#[component]
fn Skeleton() -> impl IntoView {
    let label = crate::i18n::use_i18n().with_value(|i| i.t("loading"));
    view! {
        <div class="ks-skeleton" role="status">
            <span class="ks-visually-hidden">{label}</span>
            <div class="ks-skeleton-row" aria-hidden="true"></div>
            <div class="ks-skeleton-row" aria-hidden="true"></div>
            <div class="ks-skeleton-row" aria-hidden="true"></div>
        </div>
    }
}
