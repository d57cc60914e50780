//! "Connected apps": the OAuth2 apps the person gave access to, from the
//! server half, with "Remove access" per app and "Remove all". Its own
//! loading, empty and error states: a failure here never hides the
//! sessions above it.

use leptos::prelude::*;

use super::app_row::AppRow;
use super::ask_button::AskButton;
use super::heading::Heading;
use crate::controller::{use_controller, Phase};
use crate::messages as msg;
use crate::view_model::actions::Action;

#[component]
pub fn ConnectedApps(level: u8) -> impl IntoView {
    let ctrl = use_controller()?;
    let apps = ctrl.apps?;
    let t = move |k: &str| ctrl.i18n.with_value(|i| i.t(k));
    let bulk_busy = Signal::derive(move || ctrl.busy.with(Option::is_some));
    let has_apps = move || !apps.list.with(Vec::is_empty);
    let body = move || match apps.phase.get() {
        Phase::Loading if !has_apps() => {
            view! { <p class="ks-muted ks-apps-loading">{t("apps_loading")}</p> }.into_any()
        }
        Phase::Failed(e) => {
            let retry = e.is_transient().then(|| {
                view! {
                    <button type="button" class="ks-button ks-retry ks-apps-retry" on:click=move |_| ctrl.retry_apps()>
                        {t("retry")}
                    </button>
                }
            });
            let text = ctrl.i18n.with_value(|i| msg::because(i, "apps_load_failed", &e, &[]));
            view! {
                <div class="ks-panel ks-error ks-apps-error" role="alert">
                    <p>{text}</p>
                    {retry}
                </div>
            }
            .into_any()
        }
        _ if !has_apps() => view! { <p class="ks-empty ks-no-apps">{t("no_apps")}</p> }.into_any(),
        _ => ().into_any(),
    };
    Some(view! {
        <div class="ks-section-head">
            <Heading level=level + 1 class="ks-h3 ks-apps-heading" text=t("connected_apps") id=ctrl.id("apps-heading") focusable=true />
            <Show when=has_apps>
                <AskButton class="ks-button ks-secondary ks-remove-all-apps" action=Action::RemoveAllApps label=t("remove_all_apps") />
            </Show>
        </div>
        <p class="ks-apps-intro ks-muted">{t("apps_intro")}</p>
        {body}
        <ul class="ks-list ks-apps" aria-labelledby=ctrl.id("apps-heading")>
            <For each=move || apps.list.get() key=|a| a.client_id.clone() let:app>
                {
                    let id = app.client_id.clone();
                    let (busy_id, error_id, remove_id) = (id.clone(), id.clone(), id);
                    let rows = apps.rows;
                    view! {
                        <AppRow
                            app
                            now=ctrl.now
                            on_remove=Callback::new(move |()| ctrl.ask(Action::RemoveApp { client_id: remove_id.clone() }))
                            busy=Signal::derive(move || rows.busy(&busy_id))
                            bulk_busy
                            error=Signal::derive(move || rows.error(&error_id))
                        />
                    }
                }
            </For>
        </ul>
    })
}
