//! One connected app: its logo (or an initial-letter badge), its name and
//! links, what it may do, when access was given, and "Remove access".
//! Everything the app chose about itself is rendered as text or as an
//! `http(s)` URL, never as markup.

use std::sync::Arc;

use leptos::prelude::*;

use super::moment::Moment;
use crate::i18n::use_i18n;
use crate::view_model::app_view::Ability;
use crate::view_model::AppView;

#[component]
pub fn AppRow(
    app: Arc<AppView>,
    #[prop(into)] now: Signal<i64>,
    on_remove: Callback<()>,
    /// The removal is in flight.
    #[prop(into)]
    busy: Signal<bool>,
    /// A bulk action is in flight: no single removal meanwhile.
    #[prop(into)]
    bulk_busy: Signal<bool>,
    /// Why the last removal failed.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    // A logo that fails to load (missing, blocked by the host's CSP) gives
    // way to the badge.
    let logo_failed = RwSignal::new(false);
    let logo = app.logo.clone();
    let initial = app.initial.clone();
    let picture = move || {
        match logo.clone().filter(|_| !logo_failed.get()) {
        Some(src) => view! {
            <img class="ks-app-logo" src=src alt="" width="40" height="40" loading="lazy" on:error=move |_| logo_failed.set(true) />
        }
        .into_any(),
        None => view! { <span class="ks-app-badge" aria-hidden="true">{initial.clone()}</span> }.into_any(),
    }
    };
    let link = |href: &Option<String>, key: &str| {
        href.clone().map(|href| {
            view! {
                <li>
                    <a href=href target="_blank" rel="noopener noreferrer nofollow">{t(key)}</a>
                </li>
            }
        })
    };
    let links = [link(&app.homepage, "app_homepage"), link(&app.privacy, "app_privacy"), link(&app.terms, "app_terms")];
    let abilities = app
        .abilities
        .iter()
        .map(|a| {
            let text = match a {
                Ability::SignIn => t("ability_sign_in"),
                Ability::Email => t("ability_email"),
                Ability::Profile => t("ability_profile"),
                Ability::StayConnected => t("ability_offline"),
                Ability::Other(scope) => scope.clone(),
            };
            let class = if matches!(a, Ability::Other(_)) { "ks-chip ks-scope" } else { "ks-chip" };
            view! { <li class=class>{text}</li> }
        })
        .collect_view();
    let (abilities_label, remove_label) = i18n.with_value(|i| {
        (i.f("app_abilities_label", &[("app", &app.name)]), i.f("remove_access_label", &[("app", &app.name)]))
    });
    let granted = app
        .granted_at
        .map(|at| view! { <p class="ks-meta ks-times"><span>{t("app_granted")} " " <Moment at now /></span></p> });
    view! {
        <li class="ks-app" class:ks-busy=move || busy.get() data-client-id=app.client_id.clone() aria-busy=move || busy.get().to_string()>
            <span class="ks-app-picture">{picture}</span>
            <div class="ks-body">
                <p class="ks-title"><span class="ks-app-name">{app.name.clone()}</span></p>
                <ul class="ks-app-links">{links}</ul>
                <ul class="ks-methods ks-abilities" aria-label=abilities_label>{abilities}</ul>
                {granted}
                {move || error.get().map(|e| view! { <p class="ks-row-error">{e}</p> })}
            </div>
            <div class="ks-actions">
                <button
                    type="button"
                    class="ks-button ks-secondary ks-remove-app"
                    aria-label=remove_label
                    disabled=move || busy.get() || bulk_busy.get()
                    on:click=move |_| on_remove.run(())
                >
                    {move || if busy.get() { t("removing_access") } else { t("remove_access") }}
                </button>
            </div>
        </li>
    }
}
