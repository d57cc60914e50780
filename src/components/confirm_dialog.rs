//! The confirmation before anything ends a session. A native modal
//! `<dialog>`: the browser traps focus, closes it on Escape and puts focus
//! back where it was.

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::controller::{use_controller, Controller};
use crate::messages as msg;
use crate::view_model::actions::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Wording {
    title: String,
    body: String,
    confirm: String,
}

fn wording(ctrl: Controller, action: &Action) -> Wording {
    let (listed, more) = (ctrl.others.with(Vec::len), ctrl.more.with(|m| m.available));
    ctrl.i18n.with_value(|i| match action {
        Action::RevokeOne { id } => {
            let device = ctrl
                .others
                .with(|o| o.iter().find(|s| &s.id == id).map(|s| msg::device_title(i, &s.device)))
                .unwrap_or_default();
            Wording {
                title: i.f("confirm_revoke_title", &[("device", &device)]),
                body: i.t("confirm_revoke_body"),
                confirm: i.t("sign_out"),
            }
        }
        Action::RevokeOthers => Wording {
            title: msg::confirm_others_title(i, listed, more),
            body: i.t("confirm_others_body"),
            confirm: msg::sign_out_others(i, listed, more),
        },
        Action::LogOutHere => {
            Wording { title: i.t("confirm_log_out_title"), body: i.t("confirm_log_out_body"), confirm: i.t("log_out") }
        }
        Action::SignOutEverywhere => {
            let mut body = msg::confirm_everywhere_body(i, listed);
            if ctrl.apps.is_some_and(|a| a.list.with(|l| !l.is_empty())) {
                body = format!("{body} {}", i.t("confirm_everywhere_apps"));
            }
            Wording { title: i.t("confirm_everywhere_title"), body, confirm: i.t("sign_out_everywhere") }
        }
        Action::RemoveApp { client_id } => {
            let app = ctrl.apps.and_then(|a| a.name_of(client_id)).unwrap_or_else(|| client_id.clone());
            Wording {
                title: i.f("confirm_remove_app_title", &[("app", &app)]),
                body: i.f("confirm_remove_app_body", &[("app", &app)]),
                confirm: i.t("remove_access"),
            }
        }
        Action::RemoveAllApps => {
            let n = ctrl.apps.map_or(0, |a| a.list.with(Vec::len));
            Wording {
                title: i.p("confirm_remove_all_title", u64::try_from(n).unwrap_or(u64::MAX), &[]),
                body: i.t("confirm_remove_all_body"),
                confirm: i.t("remove_all_apps"),
            }
        }
    })
}

#[component]
pub fn ConfirmDialog() -> impl IntoView {
    use_controller().map(|ctrl| {
        let dialog = NodeRef::<Dialog>::new();
        let words = Memo::new(move |_| ctrl.confirm.get().map(|a| wording(ctrl, &a)));
        let part = move |pick: fn(&Wording) -> &String| move || words.with(|w| w.as_ref().map(|w| pick(w).clone()));
        // Open while an action waits for confirmation. Effects run once the
        // page is in the document, where a modal dialog can open.
        Effect::new(move |_| {
            let open = ctrl.confirm.with(Option::is_some);
            if let Some(d) = dialog.get() {
                if open && !d.open() {
                    let _ = d.show_modal();
                } else if !open && d.open() {
                    d.close();
                }
            }
        });
        view! {
            <dialog
                class="ks-dialog"
                node_ref=dialog
                aria-labelledby=ctrl.id("dialog-title")
                aria-describedby=ctrl.id("dialog-body")
                on:cancel=move |ev: web_sys::Event| {
                    ev.prevent_default();
                    ctrl.cancel();
                }
            >
                <h2 id=ctrl.id("dialog-title") class="ks-dialog-title">{part(|w| &w.title)}</h2>
                <p id=ctrl.id("dialog-body") class="ks-dialog-body">{part(|w| &w.body)}</p>
                <div class="ks-dialog-actions">
                    <button type="button" class="ks-button ks-secondary ks-cancel" autofocus on:click=move |_| ctrl.cancel()>
                        {ctrl.i18n.with_value(|i| i.t("cancel"))}
                    </button>
                    <button type="button" class="ks-button ks-danger ks-confirm" on:click=move |_| ctrl.confirmed()>
                        {part(|w| &w.confirm)}
                    </button>
                </div>
            </dialog>
        }
    })
}
