//! Device icons, inline so they cost no request and follow `currentColor`.

use leptos::prelude::*;

use crate::view_model::user_agent::DeviceKind;

#[component]
pub fn DeviceIcon(kind: DeviceKind) -> impl IntoView {
    let d = match kind {
        DeviceKind::Desktop => "M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-6v2h3v2H8v-2h3v-2H5a2 2 0 0 1-2-2zm2 0v10h14V5z",
        DeviceKind::Phone => "M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h10V4zm4 13h2v2h-2z",
        DeviceKind::Tablet => "M5 2h14a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v16h14V4zm6 13h2v2h-2z",
        DeviceKind::Cli => "M3 4h18a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v12h16V6zm2 2l4 4-4 4-1.4-1.4L7.2 12 4.6 9.4zm5 6h6v2h-6z",
        DeviceKind::Bot => "M11 2h2v3h5a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h5zM6 7v11h12V7zm3 3a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm6 0a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm-6 5h6v1.5H9z",
        DeviceKind::Unknown => "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm0 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm-1 11h2v2h-2zm1-8a3.5 3.5 0 0 1 1.2 6.8c-.2.1-.2.2-.2.4V14h-2v-.8c0-1 .6-1.9 1.5-2.2A1.5 1.5 0 1 0 10.5 9.5h-2A3.5 3.5 0 0 1 12 7z",
    };
    view! {
        <svg class="ks-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path fill="currentColor" d=d></path>
        </svg>
    }
}
