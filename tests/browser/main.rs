//! Browser end-to-end tests: headless Chromium against the release build
//! and kratos-dev. Each asserts what a person sees.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

/// A browser test: `scenario!(name, |env| { … })`, or with a kratos-dev
/// tweak and host-element attributes: `scenario!(name, tweak, "attrs", |env| { … })`.
macro_rules! scenario {
    ($(#[$meta:meta])* $name:ident, |$env:ident| $body:block) => {
        scenario!($(#[$meta])* $name, $crate::support::no_tweak, "", |$env| $body);
    };
    ($(#[$meta:meta])* $name:ident, $tweak:expr, $attrs:expr, |$env:ident| $body:block) => {
        $(#[$meta])*
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            $crate::support::run_with($tweak, $attrs, Box::new(|$env| Box::pin(async move $body))).await;
        }
    };
}

/// A browser test against the real Kratos v1.3.1 (`cargo xtask ory`),
/// whose sessions are made through Kratos's own login flows.
macro_rules! ory_scenario {
    ($(#[$meta:meta])* $name:ident, |$env:ident| $body:block) => {
        $(#[$meta])*
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            $crate::support::run_ory("", Box::new(|$env| Box::pin(async move $body))).await;
        }
    };
}

mod fixtures;
mod support;

mod a11y;
mod actions;
mod demo;
mod embed;
mod first_slice;
mod i18n;
mod layout;
mod ory;
mod paging;
mod states;
mod step_up;
mod wire;
