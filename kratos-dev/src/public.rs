//! The public listener's session endpoints (CONTRACT.md §3–§6).

use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use uuid::Uuid;

use crate::auth::{self, Caller, Via};
use crate::config::{RequiredAal, RevokeCount};
use crate::cookies;
use crate::errors::{json_ok, no_content, KratosError};
use crate::pagination::{link_header, Page};
use crate::state::{query_pairs, AppState};
use crate::timefmt;
use crate::wire::{self, DevicesView, IdentityView};

/// `/sessions/whoami`, any method (§3).
pub async fn whoami(State(st): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    whoami_response(&st, &uri, &headers)
}

fn whoami_response(st: &AppState, uri: &Uri, headers: &HeaderMap) -> Response {
    let Some(caller) = auth::authenticate(&st.store, headers, &st.cfg.session.cookie.name, true) else {
        return KratosError::whoami_unauthorized().into_response();
    };
    if let Err(e) = check_aal(st, &caller) {
        return e.into_response();
    }
    // kratos-dev has no tokenizer templates, so every name is unknown.
    let query = query_pairs(uri.query());
    if let Some((_, name)) = query.iter().find(|(k, v)| k == "tokenize_as" && !v.is_empty()) {
        return KratosError::bad_request()
            .reason(format!("Unable to find tokenizer template {name:?}."))
            .into_response();
    }
    let now = timefmt::now();
    let body = wire::session(
        &st.cfg,
        &caller.session,
        caller.identity.as_ref(),
        IdentityView::WithAddresses,
        DevicesView::Full,
        now,
    );
    let mut res = json_ok(StatusCode::OK, &body);
    if let Ok(v) = HeaderValue::from_str(&caller.session.identity_id.to_string()) {
        res.headers_mut().insert("x-kratos-authenticated-identity-id", v);
    }
    // Re-issue the cookie when the session outlives what the cookie says,
    // as after an admin extend.
    let stale_cookie = caller.via == Via::Cookie
        && caller.cookie_expires_at.is_some_and(|t| t < caller.session.expires_at.unix_timestamp());
    if stale_cookie {
        let c = cookies::issue(&st.cfg, &caller.session.token, caller.session.expires_at);
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// `session.whoami.required_aal` (§3.1), applied by whoami and the list.
fn check_aal(st: &AppState, caller: &Caller) -> Result<(), KratosError> {
    let second_factor = caller.identity.as_ref().is_some_and(|i| i.second_factor);
    let needs_aal2 = st.cfg.session.whoami.required_aal == RequiredAal::HighestAvailable
        && caller.session.aal == "aal1"
        && second_factor;
    if needs_aal2 {
        Err(KratosError::aal2_required(st.cfg.public_base()))
    } else {
        Ok(())
    }
}

fn caller_for_sessions(st: &AppState, headers: &HeaderMap) -> Result<Caller, KratosError> {
    auth::authenticate(&st.store, headers, &st.cfg.session.cookie.name, false)
        .ok_or_else(KratosError::no_session_cookie)
}

/// `GET /sessions`: the caller's other active sessions, paginated (§4, §8).
pub async fn list(State(st): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let caller = match caller_for_sessions(&st, &headers) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    // v1.3.1 lists without the AAL check, which came with Kratos #4305.
    if !st.cfg.v1_3_1() {
        if let Err(e) = check_aal(&st, &caller) {
            return e.into_response();
        }
    }
    let query = query_pairs(uri.query());
    let page = Page::parse(&query);
    let now = timefmt::now();
    let mut all = st.store.other_active_sessions(caller.session.identity_id, caller.session.id, now);
    crate::store::order_for(&st.cfg, &mut all);
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let offset = usize::try_from(page.db_offset(st.cfg.kratos_dev.pagination)).unwrap_or(0);
    let size = usize::try_from(page.size).unwrap_or(1);
    let items: Vec<_> = all
        .iter()
        .skip(offset)
        .take(size)
        .map(|s| wire::session(&st.cfg, s, caller.identity.as_ref(), IdentityView::Columns, DevicesView::Full, now))
        .collect();
    let mut res = json_ok(StatusCode::OK, &json!(items));
    let h = res.headers_mut();
    h.insert("x-total-count", HeaderValue::from(total));
    if let Ok(v) = HeaderValue::from_str(&link_header(uri.path(), &query, page, total)) {
        h.insert(header::LINK, v);
    }
    res
}

/// `DELETE /sessions`: revoke every other session (§6).
pub async fn revoke_others(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let caller = match caller_for_sessions(&st, &headers) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let me = caller.session.identity_id;
    let current = caller.session.id;
    let only_active = st.cfg.kratos_dev.revoke_count == RevokeCount::Changed;
    let result = st.store.revoke_where(|s| s.identity_id == me && s.id != current && (!only_active || s.active));
    match result {
        Ok(count) => json_ok(StatusCode::OK, &json!({ "count": count })),
        Err(e) => internal(e),
    }
}

/// `DELETE /sessions/{id}`: revoke one other session (§5).
pub async fn revoke_one(State(st): State<AppState>, Path(id): Path<String>, uri: Uri, headers: HeaderMap) -> Response {
    if id == "whoami" {
        return whoami_response(&st, &uri, &headers);
    }
    let caller = match caller_for_sessions(&st, &headers) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let id = match parse_uuid(&id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    if id == caller.session.id {
        return KratosError::bad_request().message("cannot revoke current session").into_response();
    }
    let me = caller.session.identity_id;
    match st.store.revoke_where(|s| s.id == id && s.identity_id == me && s.active) {
        Ok(_) => no_content(),
        Err(e) => internal(e),
    }
}

/// A 400 whose message is the Go UUID parser's text, as Kratos answers (§5).
pub fn parse_uuid(s: &str) -> Result<Uuid, KratosError> {
    Uuid::parse_str(s).map_err(|_| {
        let message = match s.len() {
            32 | 36 | 38 | 45 => format!("uuid: incorrect UUID format in string {s:?}"),
            n => format!("uuid: incorrect UUID length {n} in string {s:?}"),
        };
        KratosError::bad_request().message(message)
    })
}

pub fn internal(e: impl std::fmt::Display) -> Response {
    KratosError::new(StatusCode::INTERNAL_SERVER_ERROR).reason(e.to_string()).into_response()
}

/// Marks the router's own answers (no route matched), which v1.3.1's
/// router sent without the handlers' `Cache-Control`.
#[derive(Clone, Copy)]
pub struct Unrouted;

/// Go's ServeMux answer for a path no route matches (§1.1).
pub async fn not_found(_req: Request) -> Response {
    let mut res = (StatusCode::NOT_FOUND, "404 page not found\n").into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    res.extensions_mut().insert(Unrouted);
    res
}
