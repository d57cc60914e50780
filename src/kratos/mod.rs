//! Kratos's wire contract as the page uses it: JSON types and the HTTP
//! client. No UI here.

pub mod client;
pub mod error;
pub mod types;

pub use client::Kratos;
pub use error::ApiError;
pub use types::{AuthMethod, Device, Session};
