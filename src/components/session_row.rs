//! One session in the list: device, address, place, times and how it
//! signed in, with its action. Every string from Kratos is rendered as
//! text, never as markup.

use leptos::prelude::*;

use super::icons::DeviceIcon;
use crate::intl;
use crate::messages as msg;
use crate::view_model::session_view::{MethodView, SignInView};
use crate::view_model::SessionView;

/// A time shown relative ("3 hours ago"), exact on hover and focus.
#[component]
fn Moment(at: i64, now: Signal<i64>, locales: StoredValue<Vec<String>>) -> impl IntoView {
    let exact = locales.with_value(|l| intl::date_time(l, at));
    view! {
        <time class="ks-moment" datetime=intl::iso(at) data-exact=exact.clone() aria-description=exact tabindex="0">
            {move || locales.with_value(|l| intl::relative_time(l, now.get(), at))}
        </time>
    }
}

#[component]
fn MethodChip(method: MethodView, now: Signal<i64>, locales: StoredValue<Vec<String>>) -> impl IntoView {
    let label = msg::method_label(&method.method);
    match method.completed_at {
        Some(at) => {
            let exact = locales.with_value(|l| intl::date_time(l, at));
            let tip = msg::method_completed(&label, &exact);
            view! {
                <li class="ks-chip ks-has-tip" tabindex="0" data-exact=tip>
                    <span class="ks-chip-label">{label}</span>
                    <span class="ks-visually-hidden">
                        ", " {move || locales.with_value(|l| intl::relative_time(l, now.get(), at))}
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
    let count = trail.len();
    let items = trail
        .into_iter()
        .map(|s| {
            let place = s.location.unwrap_or_else(|| msg::LOCATION_UNKNOWN.to_owned());
            let ip = s.ip_masked.unwrap_or_else(|| msg::IP_UNKNOWN.to_owned());
            view! { <li>{msg::device_title(&s.device)} " · " {ip} " · " {place}</li> }
        })
        .collect_view();
    view! {
        <details class="ks-details ks-trail">
            <summary>{msg::SIGN_IN_TRAIL} " (" {count} ")"</summary>
            <ol>{items}</ol>
        </details>
    }
}

#[component]
pub fn SessionRow(
    session: SessionView,
    now: Signal<i64>,
    locales: StoredValue<Vec<String>>,
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
) -> impl IntoView {
    let title = msg::device_title(&session.device);
    let show_ip = RwSignal::new(false);
    let ip_view = match (session.ip.clone(), session.ip_masked.clone()) {
        (Some(ip), Some(masked)) => {
            let (show_label, hide_label) = (msg::show_ip_label(&title), msg::hide_ip_label(&title));
            view! {
                <span class="ks-ip">
                    <span class="ks-ip-value">{move || if show_ip.get() { ip.clone() } else { masked.clone() }}</span>
                    <button type="button" class="ks-link"
                        aria-pressed=move || show_ip.get().to_string()
                        aria-label=move || if show_ip.get() { hide_label.clone() } else { show_label.clone() }
                        on:click=move |_| show_ip.update(|s| *s = !*s)>
                        {move || if show_ip.get() { msg::HIDE_IP } else { msg::SHOW_IP }}
                    </button>
                </span>
            }
            .into_any()
        }
        _ => view! { <span class="ks-ip ks-muted">{msg::IP_UNKNOWN}</span> }.into_any(),
    };
    let location = match session.location.clone() {
        Some(l) => view! { <span class="ks-location">{l}</span> }.into_any(),
        None => view! { <span class="ks-location ks-muted">{msg::LOCATION_UNKNOWN}</span> }.into_any(),
    };
    let signed_in =
        session.authenticated_at.map(|at| view! { <span>{msg::SIGNED_IN} " " <Moment at now locales /></span> });
    let expires = session.expires_at.map(|at| view! { <span>{msg::EXPIRES} " " <Moment at now locales /></span> });
    let methods =
        session.methods.iter().cloned().map(|method| view! { <MethodChip method now locales /> }).collect_view();
    let aal = session.aal.clone().map(|a| view! { <li class="ks-chip ks-aal">{a}</li> });
    let trail = (!session.trail.is_empty()).then(|| view! { <SignInTrail trail=session.trail.clone() /> });
    let raw_ua = session.user_agent.clone().map(|ua| {
        view! {
            <details class="ks-details">
                <summary>{msg::TECHNICAL_DETAILS}</summary>
                <code class="ks-ua">{ua}</code>
            </details>
        }
    });
    let id = session.id.clone();
    let action = match (on_revoke, on_log_out) {
        (Some(revoke), _) if !session.current => {
            let label = msg::sign_out_label(&title);
            Some(
                view! {
                    <button type="button" class="ks-button ks-secondary ks-revoke" aria-label=label
                        disabled=move || busy.get()
                        on:click=move |_| revoke.run(id.clone())>
                        {move || if busy.get() { msg::SIGNING_OUT } else { msg::SIGN_OUT }}
                    </button>
                }
                .into_any(),
            )
        }
        (_, Some(log_out)) if session.current => Some(
            view! {
                <button type="button" class="ks-button ks-secondary ks-log-out" disabled=move || busy.get()
                    on:click=move |_| log_out.run(())>
                    {move || if busy.get() { msg::LOGGING_OUT } else { msg::LOG_OUT }}
                </button>
            }
            .into_any(),
        ),
        _ => None,
    };
    view! {
        <li class="ks-session" class:ks-current=session.current class:ks-busy=move || busy.get()
            data-session-id=session.id.clone() aria-busy=move || busy.get().to_string()>
            <DeviceIcon kind=session.device.kind />
            <div class="ks-body">
                <p class="ks-title">
                    <span class="ks-device">{title.clone()}</span>
                    {session.current.then(|| view! { <span class="ks-badge">{msg::THIS_DEVICE}</span> })}
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
