//! The page: this device first, then the other sessions, the actions, and
//! every state of loading them.

use std::rc::Rc;

use leptos::prelude::*;

use super::confirm_dialog::ConfirmDialog;
use super::session_row::SessionRow;
use crate::browser;
use crate::config::Config;
use crate::controller::{Controller, Phase};
use crate::intl;
use crate::kratos::{ApiError, Kratos, SessionsApi};
use crate::messages as msg;
use crate::view_model::actions::Action;

/// How often relative times ("5 minutes ago") are refreshed.
const CLOCK_MS: u64 = 30_000;

/// The sessions page. `api` defaults to Kratos at `config.kratos_url`.
#[component]
pub fn SessionsPage(config: Config, #[prop(optional)] api: Option<Rc<dyn SessionsApi>>) -> impl IntoView {
    let api = api.unwrap_or_else(|| Rc::new(Kratos::new(&config.kratos_url).with_timeout(config.timeout_ms)));
    let locales = StoredValue::new(intl::locales(config.locale.as_deref()));
    let ctrl = Controller::new(config, api);
    if let Ok(handle) =
        set_interval_with_handle(move || ctrl.now.set(intl::now_ms()), std::time::Duration::from_millis(CLOCK_MS))
    {
        on_cleanup(move || handle.clear());
    }
    let visible = browser::on_visible(move || ctrl.refresh());
    StoredValue::new_local(visible);
    ctrl.load();

    let now: Signal<i64> = ctrl.now.into();
    let has_others = move || !ctrl.others.with(Vec::is_empty);
    let bulk_busy = move || ctrl.busy.with(Option::is_some);
    let log_out = Callback::new(move |()| ctrl.ask(Action::LogOutHere));
    let revoke = Callback::new(move |id: String| ctrl.ask(Action::RevokeOne { id }));

    view! {
        <section node_ref=ctrl.root class="ks" aria-labelledby="ks-title"
            aria-busy=move || (ctrl.phase.get() == Phase::Loading).to_string()>
            <h2 id="ks-title" class="ks-h2">{msg::TITLE}</h2>
            <p class="ks-intro">{msg::INTRO}</p>
            <Notices ctrl />
            <Status ctrl />
            <Show when=move || ctrl.current.with(Option::is_some)>
                <h3 class="ks-h3">{msg::THIS_DEVICE}</h3>
                <ul class="ks-list" aria-label=msg::THIS_DEVICE>
                    {move || ctrl.current.get().map(|s| view! {
                        <SessionRow session=s now locales on_log_out=log_out
                            busy=Signal::derive(move || ctrl.busy.with(|b| b.is_some())) />
                    })}
                </ul>
                <div class="ks-section-head">
                    <h3 class="ks-h3" id="ks-others-heading" tabindex="-1">{msg::OTHER_SESSIONS}</h3>
                    <Show when=has_others>
                        <button type="button" class="ks-button ks-secondary ks-revoke-others" disabled=bulk_busy
                            on:click=move |_| ctrl.ask(Action::RevokeOthers)>
                            {move || msg::sign_out_others(ctrl.others.with(Vec::len), ctrl.more.with(|m| m.available))}
                        </button>
                    </Show>
                </div>
                <Show when=has_others fallback=|| view! { <p class="ks-empty">{msg::NO_OTHER_SESSIONS}</p> }>
                    <ul class="ks-list" data-ks-list="others" aria-labelledby="ks-others-heading">
                        <For each=move || ctrl.others.get() key=|s| s.id.clone() let:s>
                            {
                                let id = s.id.clone();
                                let id2 = s.id.clone();
                                view! {
                                    <SessionRow session=s now locales on_revoke=revoke
                                        busy=Signal::derive(move || ctrl.revoking.with(|r| r.contains(&id)))
                                        error=Signal::derive(move || ctrl.row_errors.with(|e| e.get(&id2).cloned())) />
                                }
                            }
                        </For>
                    </ul>
                </Show>
                <Show when=move || ctrl.more.with(|m| m.available)>
                    <button type="button" class="ks-button ks-secondary ks-load-more" disabled=move || ctrl.more.with(|m| m.loading)
                        on:click=move |_| ctrl.load_more()>
                        {move || if ctrl.more.with(|m| m.loading) { msg::LOADING_MORE } else { msg::LOAD_MORE }}
                    </button>
                </Show>
                <div class="ks-footer">
                    <button type="button" class="ks-button ks-danger ks-everywhere" disabled=bulk_busy
                        on:click=move |_| ctrl.ask(Action::SignOutEverywhere)>
                        {msg::SIGN_OUT_EVERYWHERE}
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
    let sign_in_href =
        move || ctrl.config.with_value(|c| c.login_href(&browser::here(), None, browser::encode_component));
    move || match ctrl.phase.get() {
        Phase::Loading if ctrl.current.with(Option::is_none) => Some(view! { <Skeleton /> }.into_any()),
        Phase::Failed(ApiError::SignedOut) => Some(
            view! {
                <div class="ks-panel ks-signed-out">
                    <p>{msg::SIGNED_OUT}</p>
                    <a class="ks-button" href=sign_in_href()>{msg::SIGN_IN}</a>
                </div>
            }
            .into_any(),
        ),
        Phase::Failed(e) => {
            let retry = e.is_transient();
            Some(
                view! {
                    <div class="ks-panel ks-error" role="alert">
                        <p>{msg::load_error(&e)}</p>
                        {retry.then(|| view! {
                            <button type="button" class="ks-button ks-retry" on:click=move |_| {
                                ctrl.phase.set(Phase::Loading);
                                ctrl.load();
                            }>{msg::RETRY}</button>
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
    view! {
        <div class="ks-skeleton" role="status">
            <span class="ks-visually-hidden">{msg::LOADING}</span>
            <div class="ks-skeleton-row" aria-hidden="true"></div>
            <div class="ks-skeleton-row" aria-hidden="true"></div>
            <div class="ks-skeleton-row" aria-hidden="true"></div>
        </div>
    }
}
