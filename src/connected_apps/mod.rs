//! The server half's API (`kratos-sessions-server`): the OAuth2 apps a
//! person gave access to through Ory Hydra, which only a server may ask
//! Hydra about. Wire types and client, no UI; the same transport as
//! Kratos's (cookies, `Accept: application/json`, timeout, cancellation)
//! and the same error envelope.

pub mod client;
pub mod types;

pub use client::{AppsApi, AppsClient};
pub use types::ConnectedApp;
