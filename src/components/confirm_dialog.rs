//! The confirmation before anything ends a session. A native modal
//! `<dialog>`: the browser traps focus, closes it on Escape and puts focus
//! back where it was.

use crate::reactive::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlDialogElement;

use crate::controller::Controller;
use crate::dom::El;
use crate::messages as msg;
use crate::view_model::actions::Action;

struct Wording {
    title: String,
    body: String,
    confirm: String,
}

fn wording(ctrl: &Controller, action: &Action) -> Wording {
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

pub fn confirm_dialog(ctrl: &Controller) -> El {
    // Worked out per part when the action changes (and written to the DOM
    // only if it reads differently).
    let part = |pick: fn(Wording) -> String| {
        let ctrl = ctrl.clone();
        move || ctrl.confirm.get().map(|a| pick(wording(&ctrl, &a))).unwrap_or_default()
    };
    let (cancel, escape, confirm, open) = (ctrl.clone(), ctrl.clone(), ctrl.clone(), ctrl.clone());
    let dialog = El::new("dialog")
        .class("ks-dialog")
        .attr("aria-labelledby", "ks-dialog-title")
        .attr("aria-describedby", "ks-dialog-body")
        .on("cancel", move |ev| {
            ev.prevent_default();
            escape.cancel();
        })
        .child(El::new("h2").attr("id", "ks-dialog-title").class("ks-dialog-title").dyn_text(part(|w| w.title)))
        .child(El::new("p").attr("id", "ks-dialog-body").dyn_text(part(|w| w.body)))
        .child(
            El::new("div")
                .class("ks-dialog-actions")
                .child(
                    El::new("button")
                        .attr("type", "button")
                        .class("ks-button ks-secondary ks-cancel")
                        .attr("autofocus", "")
                        .text(&ctrl.i18n.with_value(|i| i.t("cancel")))
                        .on("click", move |_| cancel.cancel()),
                )
                .child(
                    El::new("button")
                        .attr("type", "button")
                        .class("ks-button ks-danger ks-confirm")
                        .dyn_text(part(|w| w.confirm))
                        .on("click", move |_| confirm.confirmed()),
                ),
        );
    let node: HtmlDialogElement = dialog.node().clone().unchecked_into();
    // Open while an action waits for confirmation, from the state as it is
    // when this runs (a deferred run must not act on a stale answer).
    let sync = move || {
        let open = open.confirm.with_untracked(Option::is_some);
        if open && !node.open() {
            let _ = node.show_modal();
        } else if !open && node.open() {
            node.close();
        }
    };
    let (tracked, in_document) = (ctrl.clone(), dialog.node().clone());
    let alive = Alive::new();
    watch(move || {
        tracked.confirm.track();
        // A dialog opens only in the document: one built before the page
        // is mounted waits for the page's first frame.
        if in_document.is_connected() {
            sync();
        } else {
            alive.next_frame(sync.clone());
        }
    });
    dialog
}
