//! One session in the list: device, address, place, times and how it
//! signed in, with its action. Every string from Kratos is rendered as
//! text, never as markup.

mod address;
mod method_chip;
mod sign_in_trail;

use std::sync::Arc;

use leptos::prelude::*;

use self::address::Address;
use self::method_chip::MethodChip;
use self::sign_in_trail::SignInTrail;
use super::icons::DeviceIcon;
use super::moment::Moment;
use crate::i18n::use_i18n;
use crate::messages as msg;
use crate::view_model::SessionView;

/// A session as a list item. Each reactive prop is this row's own state,
/// so a change to another row leaves this one untouched.
#[component]
pub fn SessionRow(
    session: Arc<SessionView>,
    /// The clock relative times are measured from (ms since the epoch).
    #[prop(into)]
    now: Signal<i64>,
    /// "Sign out" for another session, "Log out" for this one; without it
    /// the row has no button.
    #[prop(optional)]
    on_action: Option<Callback<()>>,
    /// The row's sign-out (or logout) is in flight.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// Why the row's last sign-out failed.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Place in the list and the list's length (1-based), for lists that
    /// keep only some rows in the DOM: assistive tech still says "5 of 1000".
    #[prop(optional, into)]
    position: Signal<Option<(usize, usize)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let s = session;
    let title = i18n.with_value(|i| msg::device_title(i, &s.device));
    let (location_class, location) = match &s.location {
        Some(l) => ("ks-location", l.clone()),
        None => ("ks-location ks-muted", t("location_unknown")),
    };
    let when = move |label: &str, at: Option<i64>| {
        at.map(|at| {
            view! {
                <span>{t(label)} " " <Moment at now /></span>
            }
        })
    };
    let two_step =
        s.two_step().then(|| view! { <li class="ks-chip ks-aal" title=t("two_step_label")>{t("two_step")}</li> });
    let methods = s.methods.iter().map(|m| view! { <MethodChip method=m.clone() now /> }).collect_view();
    let details = (s.user_agent.is_some() || s.aal.is_some()).then(|| {
        let level = s.aal.as_ref().map(|aal| i18n.with_value(|i| i.f("assurance_level", &[("aal", aal)])));
        view! {
            <details class="ks-details">
                <summary>{t("technical_details")}</summary>
                {level.map(|l| view! { <p class="ks-level">{l}</p> })}
                {s.user_agent.clone().map(|ua| view! { <code class="ks-ua" dir="ltr">{ua}</code> })}
            </details>
        }
    });
    let button = on_action.map(|run| {
        let (class, idle, working, label) = if s.current {
            ("ks-button ks-secondary ks-log-out", t("log_out"), t("logging_out"), None)
        } else {
            let label = i18n.with_value(|i| i.f("sign_out_label", &[("device", &title)]));
            ("ks-button ks-secondary ks-revoke", t("sign_out"), t("signing_out"), Some(label))
        };
        view! {
            <button type="button" class=class aria-label=label disabled=move || busy.get() on:click=move |_| run.run(())>
                {move || if busy.get() { working.clone() } else { idle.clone() }}
            </button>
        }
    });
    view! {
        <li
            class=if s.current { "ks-session ks-current" } else { "ks-session" }
            class:ks-busy=move || busy.get()
            data-session-id=s.id.clone()
            aria-busy=move || busy.get().to_string()
            aria-posinset=move || position.get().map(|p| p.0.to_string())
            aria-setsize=move || position.get().map(|p| p.1.to_string())
        >
            <DeviceIcon kind=s.device.kind />
            <div class="ks-body">
                <p class="ks-title">
                    <span class="ks-device">{title.clone()}</span>
                    {s.current.then(|| view! { <span class="ks-badge">{t("this_device")}</span> })}
                </p>
                <p class="ks-meta">
                    <Address ip=s.ip.clone() masked=s.ip_masked.clone() device=title />
                    <span aria-hidden="true">" · "</span>
                    <span class=location_class>{location}</span>
                </p>
                <p class="ks-meta ks-times">{when("signed_in", s.authenticated_at)}{when("expires", s.expires_at)}</p>
                <ul class="ks-methods">{two_step}{methods}</ul>
                {(!s.trail.is_empty()).then(|| view! { <SignInTrail trail=s.trail.clone() /> })}
                {details}
                {move || error.get().map(|e| view! { <p class="ks-row-error">{e}</p> })}
            </div>
            <div class="ks-actions">{button}</div>
        </li>
    }
}
