//! The CSRF cookie that Kratos's nosurf middleware sets on the self-service
//! paths it does not ignore (the logout flows here), CONTRACT.md §7.3.
//! kratos-dev checks no CSRF tokens; it only sends the cookie as Kratos
//! does, so a client sees the same headers.

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use sha2::{Digest, Sha256};

use super::cookies;
use crate::config::Config;
use crate::wire::model::random_token;
use crate::wire::KratosError;

/// nosurf's default: a year.
const MAX_AGE: u32 = 365 * 24 * 3600;

/// `csrf_token_<sha256 hex of the public base URL>`, the URL as Go's
/// `url.URL.String()` writes Kratos's configured base (with its slash).
pub fn cookie_name(cfg: &Config) -> String {
    let digest = Sha256::digest(format!("{}/", cfg.public_base()).as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("csrf_token_{hex}")
}

/// Sets the cookie when the request had none, or always when `rotate`
/// (a logout rotates it, as Kratos does).
pub fn apply(cfg: &Config, req: &HeaderMap, res: &mut Response, rotate: bool) {
    let name = cookie_name(cfg);
    if !rotate && cookies::read(req, &name).is_some() {
        return;
    }
    let secure = if cfg.cookie_secure() { "; Secure" } else { "" };
    let value = random_token("");
    let cookie = format!("{name}={value}; Path=/; Max-Age={MAX_AGE}; HttpOnly{secure}; SameSite=Lax");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// nosurf's refusal of an unsafe request without a CSRF token, which
/// v1.3.1 applied to paths it did not ignore yet.
pub fn violation() -> KratosError {
    KratosError::forbidden()
        .id("security_csrf_violation")
        .reason("Please retry the flow and optionally clear your cookies. The request was rejected to protect you from Cross-Site-Request-Forgery (CSRF) which could cause account takeover, leaking personal information, and other serious security issues.")
        .message("the request was rejected to protect you from Cross-Site-Request-Forgery")
        .detail("docs", "https://www.ory.sh/kratos/docs/debug/csrf")
        .detail("hint", "The anti-CSRF cookie was found but the CSRF token was not included in the HTTP request body (csrf_token) nor in the HTTP Header (X-CSRF-Token).")
        .detail("reject_reason", "The HTTP Cookie Header was set and a CSRF token was sent but they do not match. We recommend deleting all cookies for this domain and retrying the flow.")
}
