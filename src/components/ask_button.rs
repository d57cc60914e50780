//! A button that asks the user to confirm an action ("Sign out all…",
//! "Remove all", "Sign out everywhere"): off while a bulk action runs.

use leptos::prelude::*;

use crate::controller::use_controller;
use crate::view_model::actions::Action;

#[component]
pub fn AskButton(class: &'static str, action: Action, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let ctrl = use_controller()?;
    let busy = move || ctrl.busy.with(Option::is_some);
    Some(view! {
        <button type="button" class=class disabled=busy on:click=move |_| ctrl.ask(action.clone())>
            {move || label.get()}
        </button>
    })
}
