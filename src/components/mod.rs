//! The page's components, one per file. Each is a function that builds
//! its part of the DOM with [`crate::dom::El`].

mod confirm_dialog;
mod heading;
mod icons;
#[cfg(feature = "leptos")]
mod leptos_host;
mod other_sessions;
mod session_row;
mod sessions_page;

#[cfg(feature = "leptos")]
pub use leptos_host::SessionsPage;
pub use session_row::{session_row, Row, RowAction};
pub use sessions_page::sessions_page;
