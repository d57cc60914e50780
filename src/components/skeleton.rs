//! Placeholder rows the size of real ones, so nothing jumps when data
//! lands.

use leptos::prelude::*;

/// `label` is said by screen readers; until the catalogue is there the
/// section's `aria-busy` speaks for it.
#[component]
pub fn Skeleton(#[prop(optional)] label: Option<String>) -> impl IntoView {
    let role = label.as_ref().map(|_| "status");
    view! {
        <div class="ks-skeleton" role=role>
            {label.map(|l| view! { <span class="ks-visually-hidden">{l}</span> })}
            <div class="ks-skeleton-row" aria-hidden="true"></div>
            <div class="ks-skeleton-row" aria-hidden="true"></div>
            <div class="ks-skeleton-row" aria-hidden="true"></div>
        </div>
    }
}
