//! One session in the list: device, address, place, times and how it
//! signed in. Every string from Kratos is rendered as text, never markup.

use leptos::prelude::*;

use super::icons::DeviceIcon;
use crate::intl;
use crate::messages as msg;
use crate::view_model::SessionView;

/// A time shown relative ("3 hours ago"), exact on hover and focus.
#[component]
fn Moment(at: i64, now: Signal<i64>, locales: StoredValue<Vec<String>>) -> impl IntoView {
    let exact = locales.with_value(|l| intl::date_time(l, at));
    let iso = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64))
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    view! {
        <time class="ks-moment" datetime=iso title=exact.clone() data-exact=exact tabindex="0">
            {move || locales.with_value(|l| intl::relative_time(l, now.get(), at))}
        </time>
    }
}

#[component]
pub fn SessionRow(
    session: SessionView,
    now: Signal<i64>,
    locales: StoredValue<Vec<String>>,
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
        None => {
            view! { <span class="ks-location ks-muted">{msg::LOCATION_UNKNOWN}</span> }.into_any()
        }
    };
    let signed_in = session.authenticated_at.map(|at| {
        view! { <span>{msg::SIGNED_IN} " " <Moment at now locales /></span> }
    });
    let expires = session.expires_at.map(|at| {
        view! { <span>{msg::EXPIRES} " " <Moment at now locales /></span> }
    });
    let methods = session
        .methods
        .iter()
        .map(|m| view! { <li class="ks-chip">{msg::method_label(&m.method)}</li> })
        .collect_view();
    let aal = session
        .aal
        .clone()
        .map(|a| view! { <li class="ks-chip ks-aal">{a}</li> });
    let raw_ua = session.user_agent.clone().map(|ua| {
        view! {
            <details class="ks-details">
                <summary>{msg::TECHNICAL_DETAILS}</summary>
                <code class="ks-ua">{ua}</code>
            </details>
        }
    });
    view! {
        <li class="ks-session" class:ks-current=session.current data-session-id=session.id.clone()>
            <DeviceIcon kind=session.device.kind />
            <div class="ks-body">
                <p class="ks-title">
                    <span class="ks-device">{title}</span>
                    {session.current.then(|| view! { <span class="ks-badge">{msg::THIS_DEVICE}</span> })}
                </p>
                <p class="ks-meta">{ip_view} <span aria-hidden="true">" · "</span> {location}</p>
                <p class="ks-meta ks-times">{signed_in} {expires}</p>
                <ul class="ks-methods">{aal} {methods}</ul>
                {raw_ua}
            </div>
        </li>
    }
}
