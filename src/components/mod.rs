//! The page's components, one per file.

mod confirm_dialog;
mod heading;
mod icons;
mod session_row;
mod sessions_page;

pub use session_row::SessionRow;
pub use sessions_page::SessionsPage;
