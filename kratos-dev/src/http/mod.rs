//! HTTP as Kratos speaks it, apart from any one route: reading requests
//! ([`request`]) and writing responses as Go does ([`response`]), the
//! session cookie ([`cookies`]), CORS ([`cors`]), nosurf's CSRF cookie
//! ([`csrf`]), JSON-or-browser negotiation ([`negotiate`]), `return_to`
//! ([`return_to`]), both kinds of pagination ([`pagination`], [`keyset`]),
//! the sign-in device ([`device`]), kratos-dev's own pages ([`html`]) and
//! the middleware around every response ([`middleware`]). It reads
//! [`crate::config`] and [`crate::wire`], nothing else of the crate.

pub mod cookies;
pub mod cors;
pub mod csrf;
pub mod device;
pub mod html;
pub mod keyset;
pub mod middleware;
pub mod negotiate;
pub mod pagination;
pub mod request;
pub mod response;
pub mod return_to;
