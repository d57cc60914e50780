//! The confirmation before anything ends a session. A native modal
//! `<dialog>`: the browser traps focus, closes it on Escape and puts focus
//! back where it was.

use leptos::html;
use leptos::prelude::*;

use crate::controller::Controller;
use crate::messages as msg;
use crate::view_model::actions::Action;

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
        Action::SignOutEverywhere => Wording {
            title: i.t("confirm_everywhere_title"),
            body: msg::confirm_everywhere_body(i, listed),
            confirm: i.t("sign_out_everywhere"),
        },
    })
}

#[component]
pub fn ConfirmDialog(ctrl: Controller) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let text = Memo::new(move |_| ctrl.confirm.get().map(|a| wording(ctrl, &a)).map(|w| (w.title, w.body, w.confirm)));
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
    let part = move |i: usize| {
        move || {
            text.with(|t| {
                t.as_ref()
                    .map(|(title, body, confirm)| match i {
                        0 => title.clone(),
                        1 => body.clone(),
                        _ => confirm.clone(),
                    })
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <dialog node_ref=dialog class="ks-dialog" aria-labelledby="ks-dialog-title" aria-describedby="ks-dialog-body"
            on:cancel=move |ev: web_sys::Event| { ev.prevent_default(); ctrl.cancel(); }>
            <h2 id="ks-dialog-title" class="ks-dialog-title">{part(0)}</h2>
            <p id="ks-dialog-body">{part(1)}</p>
            <div class="ks-dialog-actions">
                <button type="button" class="ks-button ks-secondary ks-cancel" autofocus on:click=move |_| ctrl.cancel()>
                    {ctrl.i18n.with_value(|i| i.t("cancel"))}
                </button>
                <button type="button" class="ks-button ks-danger ks-confirm" on:click=move |_| ctrl.confirmed()>
                    {part(2)}
                </button>
            </div>
        </dialog>
    }
}
