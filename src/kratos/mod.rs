//! Kratos's wire contract as the page uses it: JSON types and the HTTP
//! client. No UI here.

pub mod api;
pub mod client;
pub mod error;
pub mod json;
pub mod types;

pub use api::SessionsApi;
pub use client::{Kratos, SessionsPage};
pub use error::ApiError;
pub use types::{AuthMethod, Device, Session};
