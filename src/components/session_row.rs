//! One session in the list: device, address, place, times and how it
//! signed in, with its action. Every string from Kratos is rendered as
//! text, never as markup.

use leptos::prelude::*;

use super::icons::DeviceIcon;
use crate::i18n::use_i18n;
use crate::intl;
use crate::messages as msg;
use crate::view_model::session_view::{MethodView, SignInView};
use crate::view_model::SessionView;

/// A time shown relative ("3 hours ago"), exact on hover and focus.
#[component]
fn Moment(at: i64, now: Signal<i64>) -> impl IntoView {
    // The page's one catalogue holds the locale tag; nothing per row.
    let i18n = use_i18n();
    let exact = i18n.with_value(|i| intl::date_time(std::slice::from_ref(&i.tag), at));
    view! {
        <time class="ks-moment" datetime=intl::iso(at) data-exact=exact.clone() aria-description=exact tabindex="0">
            {move || i18n.with_value(|i| intl::relative_time(std::slice::from_ref(&i.tag), now.get(), at))}
        </time>
    }
}

#[component]
fn MethodChip(method: MethodView, now: Signal<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let label = i18n.with_value(|i| msg::method_label(i, &method.method));
    match method.completed_at {
        Some(at) => {
            let exact = i18n.with_value(|i| intl::date_time(std::slice::from_ref(&i.tag), at));
            let tip = i18n.with_value(|i| i.f("method_completed", &[("method", &label), ("time", &exact)]));
            view! {
                <li class="ks-chip ks-has-tip" tabindex="0" data-exact=tip>
                    <span class="ks-chip-label">{label}</span>
                    <span class="ks-visually-hidden">
                        ", " {move || i18n.with_value(|i| intl::relative_time(std::slice::from_ref(&i.tag), now.get(), at))}
                    </span>
                </li>
            }
            .into_any()
        }
        None => view! { <li class="ks-chip"><span class="ks-chip-label">{label}</span></li> }.into_any(),
    }
}

/// Every sign-in of a session that signed in more than once. Kratos keeps
/// no time per sign-in, so none is shown.
#[component]
fn SignInTrail(trail: Vec<SignInView>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let summary = i18n.with_value(|i| i.f("sign_in_trail", &[("n", &trail.len().to_string())]));
    let items = trail
        .into_iter()
        .map(|s| {
            let place = s.location.unwrap_or_else(|| t("location_unknown"));
            let ip = s.ip_masked.unwrap_or_else(|| t("ip_unknown"));
            let device = i18n.with_value(|i| msg::device_title(i, &s.device));
            view! { <li>{device} " · " <bdi dir="ltr">{ip}</bdi> " · " {place}</li> }
        })
        .collect_view();
    view! {
        <details class="ks-details ks-trail">
            <summary>{summary}</summary>
            <ol>{items}</ol>
        </details>
    }
}

#[component]
pub fn SessionRow(
    #[prop(into)] session: std::sync::Arc<SessionView>,
    now: Signal<i64>,
    /// Offers "Sign out" for another session.
    #[prop(optional, into)]
    on_revoke: Option<Callback<String>>,
    /// Offers "Log out" for this device.
    #[prop(optional, into)]
    on_log_out: Option<Callback<()>>,
    /// The revoke (or logout) is in flight.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// Why the last revoke failed.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Place in the list and the list's length (1-based), for lists that
    /// keep only some rows in the DOM: assistive tech still says "5 of 1000".
    #[prop(optional, into)]
    position: Signal<Option<(usize, usize)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let title = i18n.with_value(|i| msg::device_title(i, &session.device));
    let (show, hide) = (t("show_ip"), t("hide_ip"));
    let show_ip = RwSignal::new(false);
    let ip_view = match (session.ip.clone(), session.ip_masked.clone()) {
        (Some(ip), Some(masked)) => {
            let (show_label, hide_label) = i18n.with_value(|i| {
                (i.f("show_ip_label", &[("device", &title)]), i.f("hide_ip_label", &[("device", &title)]))
            });
            view! {
                <span class="ks-ip">
                    <span class="ks-ip-value" dir="ltr">{move || if show_ip.get() { ip.clone() } else { masked.clone() }}</span>
                    <button type="button" class="ks-link"
                        aria-pressed=move || show_ip.get().to_string()
                        aria-label=move || if show_ip.get() { hide_label.clone() } else { show_label.clone() }
                        on:click=move |_| show_ip.update(|s| *s = !*s)>
                        {move || if show_ip.get() { hide.clone() } else { show.clone() }}
                    </button>
                </span>
            }
            .into_any()
        }
        _ => view! { <span class="ks-ip ks-muted">{t("ip_unknown")}</span> }.into_any(),
    };
    let location = match session.location.clone() {
        Some(l) => view! { <span class="ks-location">{l}</span> }.into_any(),
        None => view! { <span class="ks-location ks-muted">{t("location_unknown")}</span> }.into_any(),
    };
    let signed_in = session.authenticated_at.map(|at| view! { <span>{t("signed_in")} " " <Moment at now /></span> });
    let expires = session.expires_at.map(|at| view! { <span>{t("expires")} " " <Moment at now /></span> });
    let methods = session.methods.iter().cloned().map(|method| view! { <MethodChip method now /> }).collect_view();
    let aal = session.aal.clone().map(|a| view! { <li class="ks-chip ks-aal">{a}</li> });
    let trail = (!session.trail.is_empty()).then(|| view! { <SignInTrail trail=session.trail.clone() /> });
    let raw_ua = session.user_agent.clone().map(|ua| {
        view! {
            <details class="ks-details">
                <summary>{t("technical_details")}</summary>
                <code class="ks-ua" dir="ltr">{ua}</code>
            </details>
        }
    });
    let id = session.id.clone();
    let action = match (on_revoke, on_log_out) {
        (Some(revoke), _) if !session.current => {
            let label = i18n.with_value(|i| i.f("sign_out_label", &[("device", &title)]));
            let (idle, working) = (t("sign_out"), t("signing_out"));
            Some(
                view! {
                    <button type="button" class="ks-button ks-secondary ks-revoke" aria-label=label
                        disabled=move || busy.get()
                        on:click=move |_| revoke.run(id.clone())>
                        {move || if busy.get() { working.clone() } else { idle.clone() }}
                    </button>
                }
                .into_any(),
            )
        }
        (_, Some(log_out)) if session.current => Some({
            let (idle, working) = (t("log_out"), t("logging_out"));
            view! {
                <button type="button" class="ks-button ks-secondary ks-log-out" disabled=move || busy.get()
                    on:click=move |_| log_out.run(())>
                    {move || if busy.get() { working.clone() } else { idle.clone() }}
                </button>
            }
            .into_any()
        }),
        _ => None,
    };
    view! {
        <li class="ks-session" class:ks-current=session.current class:ks-busy=move || busy.get()
            data-session-id=session.id.clone() aria-busy=move || busy.get().to_string()
            aria-posinset=move || position.get().map(|p| p.0) aria-setsize=move || position.get().map(|p| p.1)>
            <DeviceIcon kind=session.device.kind />
            <div class="ks-body">
                <p class="ks-title">
                    <span class="ks-device">{title.clone()}</span>
                    {session.current.then(|| view! { <span class="ks-badge">{t("this_device")}</span> })}
                </p>
                <p class="ks-meta">{ip_view} <span aria-hidden="true">" · "</span> {location}</p>
                <p class="ks-meta ks-times">{signed_in} {expires}</p>
                <ul class="ks-methods">{aal} {methods}</ul>
                {trail}
                {raw_ua}
                {move || error.get().map(|e| view! { <p class="ks-row-error">{e}</p> })}
            </div>
            <div class="ks-actions">{action}</div>
        </li>
    }
}
