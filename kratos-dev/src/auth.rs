//! The caller's session as extractors (CONTRACT.md §1.2). A request
//! presents its session by `X-Session-Token`, then the session cookie,
//! then `Authorization: Bearer`.
//!
//! - [`CallerSession`]: the session as whoami sees it, where a disabled
//!   identity makes it invalid; rejected with whoami's 401 (no error id).
//!   `Option<CallerSession>` never rejects, for the flows that answer an
//!   unauthenticated caller their own way (logout, sign-in).
//! - [`SessionOnly`]: the session alone, as the `/sessions` list and revoke
//!   endpoints load it (a disabled identity lets it pass); rejected with
//!   their 401 "No valid session cookie found.".

use std::convert::Infallible;

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};

use crate::http::cookies;
use crate::state::AppState;
use crate::wire::{timefmt, Identity, KratosError, Session};

/// An authenticated caller: the session, its identity, and how it was
/// presented.
pub struct CallerSession {
    pub session: Session,
    pub identity: Option<Identity>,
    /// The expiry embedded in the cookie, when the cookie is what matched.
    pub cookie_expires_at: Option<i64>,
    pub via: Via,
}

/// The caller's session for `GET`/`DELETE /sessions…`.
pub struct SessionOnly(pub CallerSession);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    SessionToken,
    Cookie,
    Bearer,
}

impl FromRequestParts<AppState> for CallerSession {
    type Rejection = KratosError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        authenticate(st, &parts.headers, true).ok_or_else(KratosError::whoami_unauthorized)
    }
}

impl OptionalFromRequestParts<AppState> for CallerSession {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Option<Self>, Self::Rejection> {
        Ok(authenticate(st, &parts.headers, true))
    }
}

impl FromRequestParts<AppState> for SessionOnly {
    type Rejection = KratosError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        authenticate(st, &parts.headers, false).map(SessionOnly).ok_or_else(KratosError::no_session_cookie)
    }
}

/// The caller's valid session. With `check_identity`, a disabled identity
/// makes the session invalid.
fn authenticate(st: &AppState, headers: &HeaderMap, check_identity: bool) -> Option<CallerSession> {
    let (token, via, cookie_expires_at) = token(headers, &st.cfg.session.cookie.name)?;
    let session = st.store.session_by_token(&token)?;
    let identity = st.store.identity(session.identity_id);
    let check = if check_identity { identity.as_ref() } else { None };
    if !session.is_active(check, timefmt::now()) {
        return None;
    }
    Some(CallerSession { session, identity, cookie_expires_at, via })
}

/// The token a request presents, and how.
fn token(headers: &HeaderMap, cookie_name: &str) -> Option<(String, Via, Option<i64>)> {
    if let Some(t) = headers.get("x-session-token").and_then(|v| v.to_str().ok()).filter(|t| !t.is_empty()) {
        return Some((t.to_owned(), Via::SessionToken, None));
    }
    if let Some(c) = cookies::read(headers, cookie_name).and_then(|v| cookies::decode(&v)) {
        return Some((c.token, Via::Cookie, Some(c.expires_at)));
    }
    bearer(headers).map(|t| (t, Via::Bearer, None))
}

/// The token of `Authorization: Bearer <token>`.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let mut parts = value.split(' ');
    let (scheme, token, rest) = (parts.next()?, parts.next()?, parts.next());
    (rest.is_none() && scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}
