//! Finding the caller's session (CONTRACT.md §1.2): `X-Session-Token`, then
//! the session cookie, then `Authorization: Bearer`.

use axum::http::{header, HeaderMap};

use crate::cookies;
use crate::store::{Identity, Session, Store};
use crate::timefmt;

pub struct Caller {
    pub session: Session,
    pub identity: Option<Identity>,
    /// The expiry embedded in the cookie, when the cookie is what matched.
    pub cookie_expires_at: Option<i64>,
    pub via: Via,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    SessionToken,
    Cookie,
    Bearer,
}

/// The token a request presents, and how.
pub fn token(headers: &HeaderMap, cookie_name: &str) -> Option<(String, Via, Option<i64>)> {
    if let Some(t) = headers.get("x-session-token").and_then(|v| v.to_str().ok()).filter(|t| !t.is_empty()) {
        return Some((t.to_owned(), Via::SessionToken, None));
    }
    if let Some(c) = cookies::read(headers, cookie_name).and_then(|v| cookies::decode(&v)) {
        return Some((c.token, Via::Cookie, Some(c.expires_at)));
    }
    bearer(headers).map(|t| (t, Via::Bearer, None))
}

pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let mut parts = value.split(' ');
    let (scheme, token, rest) = (parts.next()?, parts.next()?, parts.next());
    (rest.is_none() && scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

/// The caller's valid session. With `load_identity`, a disabled identity
/// makes the session invalid, as whoami sees it; the list and revoke
/// endpoints load the session alone and let it pass (§1.2).
pub fn authenticate(store: &Store, headers: &HeaderMap, cookie_name: &str, load_identity: bool) -> Option<Caller> {
    let (token, via, cookie_expires_at) = token(headers, cookie_name)?;
    let session = store.session_by_token(&token)?;
    let identity = store.identity(session.identity_id);
    let check = if load_identity { identity.as_ref() } else { None };
    if !session.is_active(check, timefmt::now()) {
        return None;
    }
    Some(Caller { session, identity, cookie_expires_at, via })
}
