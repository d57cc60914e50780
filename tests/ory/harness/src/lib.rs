//! Test support for running the page's tests against the real Ory Kratos
//! (and Hydra), built by `cargo xtask ory` into `target/ory/`.
//!
//! - [`Kratos::start`] runs Kratos on free loopback ports with the config in
//!   `tests/ory/`, waits for its health endpoints, and stops it when dropped
//!   (also when a test panics, printing the tail of its log then).
//! - Sessions are made the way a person makes them, through Kratos's own
//!   flows ([`flows`]): identities through the admin API, a device's session
//!   through the API login flow, the browser's cookie through the browser
//!   login flow, AAL2 through TOTP. Nothing is written to the database.
//! - OAuth2 apps are connected through Hydra's own authorization-code flow
//!   ([`hydra`]): a client, a login and consent accepted as a login/consent
//!   app would, the code exchanged for tokens.
//!
//! This is test code: failures panic with what went wrong.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

pub mod demo;
pub mod flows;
pub mod http;
pub mod hydra;
mod process;
pub mod totp;

pub use flows::Device;
pub use http::{Http, Jar, Res};
pub use hydra::{AppSpec, ConnectedApp, Grant, OAuthClient, Tokens};
pub use process::{binary, Hydra, Kratos, KratosOptions};
