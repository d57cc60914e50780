//! kratos-sessions: an embeddable "Your sessions" page for Ory Kratos, in
//! Leptos 0.8.
//!
//! - [`kratos`]: Kratos's wire types (serde) and HTTP client (gloo-net); no UI.
//! - [`connected_apps`]: the same for the server half (`kratos-sessions-server`),
//!   which lists and removes the OAuth2 apps a person gave access to.
//! - [`view_model`]: what the page shows, in plain Rust (tested natively).
//! - [`components`]: the page's parts, one Leptos component per file.
//! - [`config`]: settings from the host element's `data-*` attributes.
//! - [`i18n`]: the message catalogues.
//! - embedding: [`mount_standalone`] here, `mount()` and the custom element
//!   in `embed` (feature `embed`), and [`SessionsPage`] for Leptos hosts:
//!
//! ```no_run
//! use kratos_sessions::{Config, SessionsPage};
//! use leptos::prelude::*;
//!
//! #[component]
//! fn Account() -> impl IntoView {
//!     view! { <SessionsPage config=Config::with_kratos("https://auth.example.com") /> }
//! }
//! ```

mod browser;
pub mod components;
pub mod config;
pub mod connected_apps;
mod controller;
#[cfg(feature = "embed")]
pub mod embed;
pub mod i18n;
mod intl;
pub mod kratos;
mod messages;
pub mod view_model;

pub use components::SessionsPage;
pub use config::Config;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

// talc instead of std's dlmalloc: smaller, and made for wasm. Without the
// `atomics` target feature the page has one thread, the browser's, so the
// allocator needs no lock: that is the promise `new_global` asks for.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

/// The element the standalone page mounts into.
pub const HOST_ID: &str = "kratos-sessions";

/// Mounts the page into `#kratos-sessions` (or `<body>`), configured by that
/// element's `data-*` attributes.
pub fn mount_standalone() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let host = document
        .get_element_by_id(HOST_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body());
    let Some(host) = host else { return };
    let dataset = host.dataset();
    let config = Config::from_attributes(|key| dataset.get(&data_key(key)));
    leptos::mount::mount_to(host, move || view! { <SessionsPage config /> }).forget();
}

/// Bytes of linear memory the app holds, for `cargo xtask bench`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// `kratos-url` → `kratosUrl`: the dataset's and the JS options' spelling.
fn data_key(attr: &str) -> String {
    let mut out = String::with_capacity(attr.len());
    let mut upper = false;
    for c in attr.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}
