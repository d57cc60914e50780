//! Browser end-to-end tests: headless Chromium against the release build
//! and kratos-dev or the real Kratos v1.3.1 (`ory`, `both!`), with the real
//! Hydra v2.3.0 and the server half for the connected apps (`apps`). Each
//! asserts what a person sees.

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

/// A browser test run on both backends, kratos-dev and the real Kratos
/// v1.3.1, as tests `name::kratos_dev` and `name::real_kratos`:
/// `both!(name, |env| { … })`, or with host-element attributes:
/// `both!(name, "attrs", |env| { … })`. Its fixtures make the same state on
/// either (`fixtures::signed_in_with`).
macro_rules! both {
    ($(#[$meta:meta])* $name:ident, |$env:ident| $body:block) => {
        both!($(#[$meta])* $name, "", |$env| $body);
    };
    ($(#[$meta:meta])* $name:ident, $attrs:expr, |$env:ident| $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn kratos_dev() {
                let scenario: $crate::support::Scenario = Box::new(|$env| Box::pin(async move $body));
                $crate::support::run_with($crate::support::no_tweak, $attrs, scenario).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn real_kratos() {
                let scenario: $crate::support::Scenario = Box::new(|$env| Box::pin(async move $body));
                $crate::support::run_ory($crate::support::no_ory_tweak, $attrs, scenario).await;
            }
        }
    };
}

/// A browser test against the real Kratos v1.3.1 (`cargo xtask ory`),
/// whose sessions are made through Kratos's own login flows.
macro_rules! ory_scenario {
    ($(#[$meta:meta])* $name:ident, |$env:ident| $body:block) => {
        ory_scenario!($(#[$meta])* $name, $crate::support::no_ory_tweak, "", |$env| $body);
    };
    ($(#[$meta:meta])* $name:ident, $tweak:expr, $attrs:expr, |$env:ident| $body:block) => {
        $(#[$meta])*
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            $crate::support::run_ory($tweak, $attrs, Box::new(|$env| Box::pin(async move $body))).await;
        }
    };
}

mod fixtures;
mod support;

mod a11y;
mod actions;
mod apps;
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
