//! The public listener's session endpoints (CONTRACT.md §3–§6).

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::Response;
use serde_json::json;

use crate::auth::{CallerSession, SessionOnly, Via};
use crate::config::{RequiredAal, RevokeCount};
use crate::http::cookies;
use crate::http::pagination;
use crate::http::request::{parse_uuid, query_pairs};
use crate::http::response::{json_ok, no_content};
use crate::state::AppState;
use crate::store::order_for;
use crate::wire::session::{self, DevicesView, IdentityView};
use crate::wire::{timefmt, KratosError, Session};

/// `/sessions/whoami`, any method (§3).
pub async fn whoami(State(st): State<AppState>, caller: CallerSession, uri: Uri) -> Result<Response, KratosError> {
    check_aal(&st, &caller)?;
    // kratos-dev has no tokenizer templates, so every name is unknown.
    let query = query_pairs(uri.query());
    if let Some((_, name)) = query.iter().find(|(k, v)| k == "tokenize_as" && !v.is_empty()) {
        return Err(KratosError::bad_request().reason(format!("Unable to find tokenizer template {name:?}.")));
    }
    let now = timefmt::now();
    let body = session::session(
        st.cfg.dialect(),
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
    Ok(res)
}

/// `session.whoami.required_aal` (§3.1), applied by whoami and the list.
fn check_aal(st: &AppState, caller: &CallerSession) -> Result<(), KratosError> {
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

/// `GET /sessions`: the caller's other active sessions, paginated (§4, §8).
pub async fn list(
    State(st): State<AppState>,
    SessionOnly(caller): SessionOnly,
    uri: Uri,
) -> Result<Response, KratosError> {
    // v1.3.1 lists without the AAL check, which came with Kratos #4305.
    if !st.cfg.v1_3_1() {
        check_aal(&st, &caller)?;
    }
    let now = timefmt::now();
    let mut all = st.store.other_active_sessions(caller.session.identity_id, caller.session.id, now);
    order_for(st.cfg.kratos_dev.kratos_version, &mut all);
    let identity = caller.identity.as_ref();
    let item =
        |s: &Session| session::session(st.cfg.dialect(), s, identity, IdentityView::Columns, DevicesView::Full, now);
    Ok(pagination::respond(uri.path(), &query_pairs(uri.query()), st.cfg.kratos_dev.pagination, &all, item))
}

/// `DELETE /sessions`: revoke every other session (§6).
pub async fn revoke_others(
    State(st): State<AppState>,
    SessionOnly(caller): SessionOnly,
) -> Result<Response, KratosError> {
    let me = caller.session.identity_id;
    let current = caller.session.id;
    let only_active = st.cfg.kratos_dev.revoke_count == RevokeCount::Changed;
    let count = st.store.revoke_where(|s| s.identity_id == me && s.id != current && (!only_active || s.active))?;
    Ok(json_ok(StatusCode::OK, &json!({ "count": count })))
}

/// `DELETE /sessions/{id}`: revoke one other session (§5). An `{id}` of
/// `whoami` (percent-encoded, so the `/sessions/whoami` route missed it)
/// is whoami, as Kratos's router decodes the path before matching.
pub async fn revoke_one(
    State(st): State<AppState>,
    Path(id): Path<String>,
    mut parts: Parts,
) -> Result<Response, KratosError> {
    if id == "whoami" {
        let caller = CallerSession::from_request_parts(&mut parts, &st).await?;
        return whoami(State(st), caller, parts.uri).await;
    }
    let SessionOnly(caller) = SessionOnly::from_request_parts(&mut parts, &st).await?;
    let id = parse_uuid(&id)?;
    if id == caller.session.id {
        return Err(KratosError::bad_request().message("cannot revoke current session"));
    }
    let me = caller.session.identity_id;
    st.store.revoke_where(|s| s.id == id && s.identity_id == me && s.active)?;
    Ok(no_content())
}
