//! What the page shows, computed in plain Rust so it tests natively:
//! devices from user agents, times, masked addresses, sign-in methods,
//! connected apps.

pub mod actions;
pub mod app_view;
pub mod locale;
pub mod mask;
pub mod methods;
pub mod session_view;
pub mod time;
pub mod user_agent;
pub mod window;

pub use app_view::AppView;
pub use session_view::SessionView;
