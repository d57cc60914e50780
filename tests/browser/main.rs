//! Browser end-to-end tests: headless Chromium against the release build
//! and kratos-dev. Each asserts what a person sees.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod fixtures;
mod support;

mod a11y;
mod actions;
mod demo;
mod embed;
mod first_slice;
mod i18n;
mod layout;
mod paging;
mod states;
mod step_up;
