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
    match action {
        Action::RevokeOne { id } => {
            let title = ctrl
                .others
                .with(|o| o.iter().find(|s| &s.id == id).map(|s| msg::device_title(&s.device)))
                .unwrap_or_default();
            Wording {
                title: msg::confirm_revoke_title(&title),
                body: msg::CONFIRM_REVOKE_BODY.into(),
                confirm: msg::SIGN_OUT.into(),
            }
        }
        Action::RevokeOthers => Wording {
            title: msg::confirm_others_title(listed, more),
            body: msg::CONFIRM_OTHERS_BODY.into(),
            confirm: msg::sign_out_others(listed, more),
        },
        Action::LogOutHere => Wording {
            title: msg::CONFIRM_LOG_OUT_TITLE.into(),
            body: msg::CONFIRM_LOG_OUT_BODY.into(),
            confirm: msg::LOG_OUT.into(),
        },
        Action::SignOutEverywhere => Wording {
            title: msg::CONFIRM_EVERYWHERE_TITLE.into(),
            body: msg::confirm_everywhere_body(listed),
            confirm: msg::SIGN_OUT_EVERYWHERE.into(),
        },
    }
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
            <h3 id="ks-dialog-title" class="ks-dialog-title">{part(0)}</h3>
            <p id="ks-dialog-body">{part(1)}</p>
            <div class="ks-dialog-actions">
                <button type="button" class="ks-button ks-secondary ks-cancel" autofocus on:click=move |_| ctrl.cancel()>
                    {msg::CANCEL}
                </button>
                <button type="button" class="ks-button ks-danger ks-confirm" on:click=move |_| ctrl.confirmed()>
                    {part(2)}
                </button>
            </div>
        </dialog>
    }
}
