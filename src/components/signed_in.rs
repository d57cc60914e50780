//! Signed in: this device, the other sessions, the connected apps (when
//! the server half is configured), and the actions on them.

use std::sync::Arc;

use leptos::prelude::*;

use super::ask_button::AskButton;
use super::connected_apps::ConnectedApps;
use super::heading::Heading;
use super::other_sessions::OtherSessions;
use super::session_row::SessionRow;
use crate::controller::use_controller;
use crate::messages as msg;
use crate::view_model::actions::Action;

#[component]
pub fn SignedIn(level: u8) -> impl IntoView {
    use_controller().map(|ctrl| {
        let t = move |k: &str| ctrl.i18n.with_value(|i| i.t(k));
        let bulk_busy = Signal::derive(move || ctrl.busy.with(Option::is_some));
        // Rebuilt only when the session itself changes, not on every refresh.
        let current = Memo::new(move |_| ctrl.current.get());
        let has_others = move || !ctrl.others.with(Vec::is_empty);
        let log_out = Callback::new(move |()| ctrl.ask(Action::LogOutHere));
        let others_label = move || {
            let (listed, more) = (ctrl.others.with(Vec::len), ctrl.more.with(|m| m.available));
            ctrl.i18n.with_value(|i| msg::sign_out_others(i, listed, more))
        };
        let loading_more = move || ctrl.more.with(|m| m.loading);
        view! {
            <Heading level=level + 1 class="ks-h3" text=t("this_device") />
            <ul class="ks-list" aria-label=t("this_device")>
                {move || {
                    current
                        .get()
                        .map(|s| {
                            view! { <SessionRow session=Arc::new(s) now=ctrl.now on_action=log_out busy=bulk_busy /> }
                        })
                }}
            </ul>
            <div class="ks-section-head">
                <Heading
                    level=level + 1
                    class="ks-h3 ks-others-heading"
                    text=t("other_sessions")
                    id=ctrl.id("others-heading")
                    focusable=true
                />
                <Show when=has_others>
                    <AskButton class="ks-button ks-secondary ks-revoke-others" action=Action::RevokeOthers label=others_label />
                </Show>
            </div>
            <div class="ks-others">
                <Show when=has_others fallback=move || view! { <p class="ks-empty">{t("no_other_sessions")}</p> }>
                    <OtherSessions />
                </Show>
            </div>
            <div class="ks-more">
                <Show when=move || ctrl.more.with(|m| m.available)>
                    <button
                        type="button"
                        class="ks-button ks-secondary ks-load-more"
                        disabled=loading_more
                        on:click=move |_| ctrl.load_more()
                    >
                        {move || if loading_more() { t("loading_more") } else { t("load_more") }}
                    </button>
                </Show>
            </div>
            <ConnectedApps level />
            <div class="ks-footer">
                <AskButton
                    class="ks-button ks-danger ks-everywhere"
                    action=Action::SignOutEverywhere
                    label=t("sign_out_everywhere")
                />
            </div>
        }
    })
}
