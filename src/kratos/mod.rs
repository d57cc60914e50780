//! Kratos's wire contract as the page uses it: serde types and the HTTP
//! client (gloo-net). No UI here.

pub mod api;
pub mod client;
pub mod error;
pub(crate) mod lenient;
pub mod types;

pub use api::SessionsApi;
pub use client::{Kratos, SessionsPage};
pub use error::ApiError;
pub use lenient::string as lenient_string;
pub use types::{from_str, AuthMethod, Device, Session};
