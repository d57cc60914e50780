//! Kratos's admin session endpoints (CONTRACT.md §10) and the 307s between
//! listeners (§1.1).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::http::csrf;
use crate::http::keyset::{self, FIRST_PAGE_AT};
use crate::http::middleware::Unrouted;
use crate::http::pagination;
use crate::http::request::{parse_uuid, query_get, query_pairs};
use crate::http::response::{go_redirect, json_ok, no_content};
use crate::state::AppState;
use crate::store::{expires_after, order_for};
use crate::wire::session::{self, DevicesView, IdentityView};
use crate::wire::{timefmt, KratosError, Session};

fn redirect_307(method: &Method, base: &str, uri: &Uri, strip: &str) -> Response {
    let pq = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let rest = pq.strip_prefix(strip).unwrap_or(pq);
    go_redirect(method, StatusCode::TEMPORARY_REDIRECT, &format!("{base}{rest}"))
}

/// Admin paths that belong to the public listener.
pub async fn to_public(State(st): State<AppState>, method: Method, uri: Uri) -> Response {
    redirect_307(&method, st.cfg.public_base(), &uri, "/admin")
}

/// Public paths that belong to the admin listener (v1.3.1's CSRF
/// middleware refuses the DELETE before it gets there).
pub async fn to_admin(State(st): State<AppState>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if st.cfg.v1_3_1() {
        // nosurf answers before Kratos's handlers: no Cache-Control, and
        // the CSRF cookie it always sets when missing.
        let mut res = csrf::violation().into_response();
        res.extensions_mut().insert(Unrouted);
        csrf::apply(&st.cfg, &headers, &mut res, false);
        return res;
    }
    redirect_307(&method, st.cfg.serve.admin.base_url.trim_end_matches('/'), &uri, "")
}

#[derive(Default, Clone, Copy)]
struct Expand {
    identity: bool,
    devices: bool,
}

fn parse_expand(query: &[(String, String)]) -> Result<Expand, KratosError> {
    let mut e = Expand::default();
    for (_, v) in query.iter().filter(|(k, _)| k == "expand") {
        match v.to_ascii_lowercase().as_str() {
            "identity" => e.identity = true,
            "devices" => e.devices = true,
            _ => return Err(KratosError::bad_request().reason(format!("Could not parse expand option: {v}"))),
        }
    }
    Ok(e)
}

/// `active=true`: flag set and unexpired; `false`: the rest; absent: all.
fn parse_active(query: &[(String, String)]) -> Result<Option<bool>, KratosError> {
    match query_get(query, "active") {
        None => Ok(None),
        Some(v) => v
            .parse::<bool>()
            .map(Some)
            .map_err(|_| KratosError::bad_request().message("could not parse parameter active")),
    }
}

fn active_now(s: &Session, now: OffsetDateTime) -> bool {
    s.active && s.expires_at > now
}

fn admin_json(st: &AppState, s: &Session, e: Expand, missing_devices: DevicesView, now: OffsetDateTime) -> Value {
    let identity = st.store.identity(s.identity_id);
    let iv = if e.identity { IdentityView::Admin } else { IdentityView::None };
    let dv = if e.devices { DevicesView::Full } else { missing_devices };
    session::session(st.cfg.dialect(), s, identity.as_ref(), iv, dv, now)
}

/// `GET /admin/sessions`: keyset pagination, newest first (§8.3).
pub async fn list_sessions(State(st): State<AppState>, uri: Uri) -> Result<Response, KratosError> {
    let query = query_pairs(uri.query());
    let size = keyset::page_size(&query)?;
    let (after_id, after_at) = match query_get(&query, "page_token") {
        Some(t) => keyset::parse_token(t)?,
        None => (Uuid::nil(), FIRST_PAGE_AT),
    };
    let active = parse_active(&query)?;
    let expand = parse_expand(&query)?;
    let now = timefmt::now();
    let mut all = st.store.all_sessions();
    all.retain(|s| active.is_none_or(|want| active_now(s, now) == want));
    // v1.3.1 also counted them (all sessions matching the filter).
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    all.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
    let after = |s: &Session| {
        let at = keyset::at(s.created_at);
        at < after_at || (at == after_at && s.id > after_id)
    };
    let rest: Vec<&Session> = all.iter().filter(|s| after(s)).collect();
    let limit = usize::try_from(size).unwrap_or(250);
    let page: Vec<&Session> = rest.iter().take(limit).copied().collect();
    let mut items: Vec<Value> = page.iter().map(|s| admin_json(&st, s, expand, DevicesView::Null, now)).collect();
    if st.cfg.v1_3_1() {
        // v1.3.1's list loaded identities without their addresses.
        for identity in items.iter_mut().filter_map(|i| i.get_mut("identity")).filter_map(Value::as_object_mut) {
            identity.remove("verifiable_addresses");
            identity.remove("recovery_addresses");
        }
    }
    let first = keyset::token(Uuid::nil(), FIRST_PAGE_AT);
    let mut links = vec![keyset::link(uri.path(), &query, size, &first, "first")];
    if let (true, Some(last)) = (rest.len() > limit, page.last()) {
        let next = keyset::token(last.id, keyset::at(last.created_at));
        links.push(keyset::link(uri.path(), &query, size, &next, "next"));
    }
    let mut res = json_ok(StatusCode::OK, &json!(items));
    if let Ok(v) = HeaderValue::from_str(&links.join(",")) {
        res.headers_mut().insert(header::LINK, v);
    }
    if st.cfg.v1_3_1() {
        res.headers_mut().insert("x-total-count", HeaderValue::from(total));
    }
    Ok(res)
}

fn known_session(st: &AppState, id: &str) -> Result<Session, KratosError> {
    let id = parse_uuid(id)?;
    st.store.session(id).ok_or_else(KratosError::not_located)
}

/// `GET /admin/sessions/{id}`
pub async fn get_session(
    State(st): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, KratosError> {
    let expand = parse_expand(&query_pairs(uri.query()))?;
    let s = known_session(&st, &id)?;
    Ok(json_ok(StatusCode::OK, &admin_json(&st, &s, expand, DevicesView::Empty, timefmt::now())))
}

/// `DELETE /admin/sessions/{id}`: revokes, keeping the row.
pub async fn revoke_session(State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, KratosError> {
    let s = known_session(&st, &id)?;
    st.store.revoke_where(|x| x.id == s.id)?;
    Ok(no_content())
}

/// `PATCH /admin/sessions/{id}/extend`: 200 with the session (§10).
pub async fn extend_session(State(st): State<AppState>, Path(id): Path<String>) -> Result<Response, KratosError> {
    let s = known_session(&st, &id)?;
    let now = timefmt::now();
    let s = st.store.set_expiry(s.id, expires_after(now, st.cfg.lifespan()))?.ok_or_else(KratosError::not_located)?;
    let identity = st.store.identity(s.identity_id);
    let body =
        session::session(st.cfg.dialect(), &s, identity.as_ref(), IdentityView::WithAddresses, DevicesView::Empty, now);
    Ok(json_ok(StatusCode::OK, &body))
}

/// `GET /admin/identities/{id}/sessions`: offset pagination, off-by-one
/// included; an unknown identity gives `[]` (§10).
pub async fn identity_sessions(
    State(st): State<AppState>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, KratosError> {
    let id = parse_uuid(&id)?;
    let query = query_pairs(uri.query());
    let active = parse_active(&query)?;
    let now = timefmt::now();
    let mut all = st.store.sessions_of(id);
    all.retain(|s| active.is_none_or(|want| active_now(s, now) == want));
    order_for(st.cfg.kratos_dev.kratos_version, &mut all);
    let expand = Expand { identity: true, devices: true };
    // v1.3.1 embedded only the identity's own columns here, as `GET /sessions` does.
    let identity = st.store.identity(id);
    let item = |s: &Session| match st.cfg.v1_3_1() {
        true => session::session(st.cfg.dialect(), s, identity.as_ref(), IdentityView::Columns, DevicesView::Full, now),
        false => admin_json(&st, s, expand, DevicesView::Full, now),
    };
    Ok(pagination::respond(uri.path(), &query, st.cfg.kratos_dev.pagination, &all, item))
}

/// `DELETE /admin/identities/{id}/sessions`: deletes the rows; 404 when
/// there were none.
pub async fn delete_identity_sessions(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, KratosError> {
    let id = parse_uuid(&id)?;
    match st.store.delete_sessions_of(id)? {
        0 => Err(KratosError::not_located()),
        _ => Ok(StatusCode::NO_CONTENT),
    }
}
