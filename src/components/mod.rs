//! The page's components, one per file, each a Leptos `#[component]`.
//! [`SessionsPage`] is the page; the others are its parts, which find the
//! page's [`crate::controller::Controller`] and catalogue in context.

mod app_row;
mod ask_button;
mod confirm_dialog;
mod connected_apps;
mod heading;
mod icons;
mod moment;
mod notices;
mod other_sessions;
mod session_row;
mod sessions_page;
mod signed_in;
mod skeleton;
mod status;

pub use session_row::SessionRow;
pub use sessions_page::SessionsPage;
