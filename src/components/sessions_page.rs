//! The page: this device first, then the other sessions, with every state
//! of loading them.

use futures::future::join;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::session_row::SessionRow;
use crate::config::Config;
use crate::intl;
use crate::kratos::client::MAX_PAGE_SIZE;
use crate::kratos::{ApiError, Kratos};
use crate::messages as msg;
use crate::view_model::SessionView;

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Ready,
    Failed(ApiError),
}

/// How often relative times ("5 minutes ago") are refreshed.
const CLOCK_MS: u64 = 30_000;

#[component]
pub fn SessionsPage(config: Config) -> impl IntoView {
    let kratos = StoredValue::new(Kratos::new(&config.kratos_url));
    let locales = StoredValue::new(intl::locales(config.locale.as_deref()));
    let login_url = config.clone();
    let current = RwSignal::new(None::<SessionView>);
    let others = RwSignal::new(Vec::<SessionView>::new());
    let phase = RwSignal::new(Phase::Loading);
    let now = RwSignal::new(intl::now_ms());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(intl::now_ms()),
        std::time::Duration::from_millis(CLOCK_MS),
    ) {
        on_cleanup(move || handle.clear());
    }

    let load = move || {
        spawn_local(async move {
            let k = kratos.get_value();
            // whoami and the list in one round trip.
            let (me, list) = join(k.whoami(), k.other_sessions(0, MAX_PAGE_SIZE)).await;
            match me.and_then(|me| list.map(|l| (me, l))) {
                Ok((me, list)) => {
                    current.set(Some(SessionView::new(&me, true)));
                    others.set(
                        list.sessions
                            .iter()
                            .filter(|s| s.id != me.id)
                            .map(|s| SessionView::new(s, false))
                            .collect(),
                    );
                    phase.set(Phase::Ready);
                }
                Err(e) => {
                    if let ApiError::SecondFactorRequired {
                        redirect_to: Some(to),
                    } = &e
                    {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().assign(to);
                        }
                    }
                    phase.set(Phase::Failed(e));
                }
            }
        });
    };
    load();

    let sign_in_href = move || {
        let here = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        login_url.login_href(&here, |s| String::from(js_sys::encode_uri_component(s)))
    };
    let status = move || match phase.get() {
        Phase::Loading if current.with(Option::is_none) => Some(view! { <Skeleton /> }.into_any()),
        Phase::Failed(ApiError::SignedOut) => Some(
            view! {
                <div class="ks-panel" role="status">
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
                            <button type="button" class="ks-button" on:click=move |_| { phase.set(Phase::Loading); load(); }>
                                {msg::RETRY}
                            </button>
                        })}
                    </div>
                }
                .into_any(),
            )
        }
        _ => None,
    };

    view! {
        <section class="ks" aria-labelledby="ks-title" aria-busy=move || (phase.get() == Phase::Loading).to_string()>
            <h2 id="ks-title" class="ks-h2">{msg::TITLE}</h2>
            <p class="ks-intro">{msg::INTRO}</p>
            {status}
            <Show when=move || current.with(Option::is_some)>
                <h3 class="ks-h3">{msg::THIS_DEVICE}</h3>
                <ul class="ks-list" aria-label=msg::THIS_DEVICE>
                    {move || current.get().map(|s| view! { <SessionRow session=s now=now.into() locales /> })}
                </ul>
                <h3 class="ks-h3">{msg::OTHER_SESSIONS}</h3>
                <Show when=move || !others.with(Vec::is_empty) fallback=|| view! { <p class="ks-empty">{msg::NO_OTHER_SESSIONS}</p> }>
                    <ul class="ks-list" aria-label=msg::OTHER_SESSIONS>
                        <For each=move || others.get() key=|s| s.id.clone() let:s>
                            <SessionRow session=s now=now.into() locales />
                        </For>
                    </ul>
                </Show>
            </Show>
        </section>
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
