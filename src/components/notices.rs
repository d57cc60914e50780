//! Results of actions: shown, and announced through live regions that are
//! always in the page (a region added with its text is not announced).

use leptos::prelude::*;

use crate::controller::use_controller;

#[component]
pub fn Notices() -> impl IntoView {
    use_controller().map(|ctrl| {
        // The notice's text, in the region for errors or in the other one.
        let text = move |error: bool| {
            move || ctrl.notice.with(|n| n.as_ref().filter(|n| n.error == error).map(|n| n.text.clone()))
        };
        view! {
            <div class="ks-notice" role="status" aria-live="polite">{text(false)}</div>
            <div class="ks-notice ks-notice-error" role="alert" aria-live="assertive">{text(true)}</div>
        }
    })
}
