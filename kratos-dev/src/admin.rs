//! Kratos's admin session endpoints (CONTRACT.md §10) and the 307s between
//! listeners (§1.1).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use time::macros::{datetime, format_description};
use time::{OffsetDateTime, PrimitiveDateTime};
use uuid::Uuid;

use crate::errors::{json_ok, no_content, KratosError};
use crate::errors_flow::go_redirect;
use crate::pagination::{link_header, Page};
use crate::public::{internal, parse_uuid};
use crate::state::{query_get, query_pairs, AppState};
use crate::store::Session;
use crate::timefmt;
use crate::wire::{self, DevicesView, IdentityView};

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
        let mut res = crate::csrf::violation().into_response();
        res.extensions_mut().insert(crate::public::Unrouted);
        crate::csrf::apply(&st.cfg, &headers, &mut res, false);
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
    wire::session(&st.cfg, s, identity.as_ref(), iv, dv, now)
}

const FIRST_PAGE_AT: PrimitiveDateTime = datetime!(2200-12-31 23:59:59);

fn keyset_token(id: Uuid, created_at: PrimitiveDateTime) -> String {
    STANDARD_NO_PAD.encode(format!("id={id}/created_at={}", go_keyset_time(created_at)))
}

/// Go's `2006-01-02 15:04:05.99999`: at most five fractional digits, trailing
/// zeros (and a bare dot) dropped, as Kratos writes its page tokens.
fn go_keyset_time(at: PrimitiveDateTime) -> String {
    let fmt = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let mut out = at.format(&fmt).unwrap_or_default();
    let fraction = format!("{:05}", at.nanosecond() / 10_000);
    let fraction = fraction.trim_end_matches('0');
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A `Link` URL: the request's other query keys kept, the page's set, the
/// keys sorted as Go's `url.Values.Encode` sorts them.
fn keyset_link(path: &str, query: &[(String, String)], size: i64, token: &str, rel: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        query.iter().filter(|(k, _)| k != "page_size" && k != "page_token").cloned().collect();
    pairs.push(("page_size".into(), size.to_string()));
    pairs.push(("page_token".into(), token.to_owned()));
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let qs = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    format!("<{path}?{qs}>; rel=\"{rel}\"")
}

fn parse_keyset_token(token: &str) -> Result<(Uuid, PrimitiveDateTime), KratosError> {
    let bad_param = || KratosError::bad_request().message("could not parse parameter page_size");
    let crafted = || KratosError::bad_request().reason("The page token is invalid, do not craft your own page tokens");
    let raw = STANDARD_NO_PAD.decode(token.trim_end_matches('=')).map_err(|_| bad_param())?;
    let raw = String::from_utf8(raw).map_err(|_| crafted())?;
    let mut id = None;
    let mut at = None;
    for part in raw.split('/') {
        match part.split_once('=') {
            Some(("id", v)) => id = Some(Uuid::parse_str(v).map_err(|_| crafted())?),
            Some(("created_at", v)) => {
                // With or without the fraction, as go_keyset_time writes it.
                let fmt = format_description!("[year]-[month]-[day] [hour]:[minute]:[second][optional [.[subsecond]]]");
                at = Some(PrimitiveDateTime::parse(v, &fmt).map_err(|_| crafted())?);
            }
            _ => {}
        }
    }
    Ok((id.ok_or_else(crafted)?, at.ok_or_else(crafted)?))
}

/// `GET /admin/sessions`: keyset pagination, newest first (§8.3).
pub async fn list_sessions(State(st): State<AppState>, uri: Uri) -> Response {
    let query = query_pairs(uri.query());
    let size = match query_get(&query, "page_size") {
        None => 250,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n <= 0 => 250,
            Ok(n) => n.min(1000),
            Err(_) => return KratosError::bad_request().message("could not parse parameter page_size").into_response(),
        },
    };
    let (after_id, after_at) = match query_get(&query, "page_token") {
        Some(t) => match parse_keyset_token(t) {
            Ok(v) => v,
            Err(e) => return e.into_response(),
        },
        None => (Uuid::nil(), FIRST_PAGE_AT),
    };
    let (active, expand) = match (parse_active(&query), parse_expand(&query)) {
        (Ok(a), Ok(e)) => (a, e),
        (Err(e), _) | (_, Err(e)) => return e.into_response(),
    };
    let now = timefmt::now();
    let mut all = st.store.all_sessions();
    all.retain(|s| active.is_none_or(|want| active_now(s, now) == want));
    // v1.3.1 also counted them (all sessions matching the filter).
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    all.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(a.id.cmp(&b.id)));
    let after = |s: &Session| {
        let at = PrimitiveDateTime::new(s.created_at.date(), s.created_at.time());
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
    let first = keyset_token(Uuid::nil(), FIRST_PAGE_AT);
    let mut links = vec![keyset_link(uri.path(), &query, size, &first, "first")];
    if let (true, Some(last)) = (rest.len() > limit, page.last()) {
        let at = PrimitiveDateTime::new(last.created_at.date(), last.created_at.time());
        links.push(keyset_link(uri.path(), &query, size, &keyset_token(last.id, at), "next"));
    }
    let mut res = json_ok(StatusCode::OK, &json!(items));
    if let Ok(v) = HeaderValue::from_str(&links.join(",")) {
        res.headers_mut().insert(header::LINK, v);
    }
    if st.cfg.v1_3_1() {
        res.headers_mut().insert("x-total-count", HeaderValue::from(total));
    }
    res
}

fn known_session(st: &AppState, id: &str) -> Result<Session, KratosError> {
    let id = parse_uuid(id)?;
    st.store.session(id).ok_or_else(KratosError::not_located)
}

/// `GET /admin/sessions/{id}`
pub async fn get_session(State(st): State<AppState>, Path(id): Path<String>, uri: Uri) -> Response {
    let query = query_pairs(uri.query());
    let expand = match parse_expand(&query) {
        Ok(e) => e,
        Err(e) => return e.into_response(),
    };
    match known_session(&st, &id) {
        Ok(s) => json_ok(StatusCode::OK, &admin_json(&st, &s, expand, DevicesView::Empty, timefmt::now())),
        Err(e) => e.into_response(),
    }
}

/// `DELETE /admin/sessions/{id}`: revokes, keeping the row.
pub async fn revoke_session(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let s = match known_session(&st, &id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    match st.store.revoke_where(|x| x.id == s.id) {
        Ok(_) => no_content(),
        Err(e) => internal(e),
    }
}

/// `PATCH /admin/sessions/{id}/extend`: 200 with the session (§10).
pub async fn extend_session(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let s = match known_session(&st, &id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let now = timefmt::now();
    match st.store.set_expiry(s.id, now + st.cfg.lifespan()) {
        Ok(Some(s)) => {
            let identity = st.store.identity(s.identity_id);
            let body =
                wire::session(&st.cfg, &s, identity.as_ref(), IdentityView::WithAddresses, DevicesView::Empty, now);
            json_ok(StatusCode::OK, &body)
        }
        Ok(None) => KratosError::not_located().into_response(),
        Err(e) => internal(e),
    }
}

/// `GET /admin/identities/{id}/sessions`: offset pagination, off-by-one
/// included; an unknown identity gives `[]` (§10).
pub async fn identity_sessions(State(st): State<AppState>, Path(id): Path<String>, uri: Uri) -> Response {
    let id = match parse_uuid(&id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    let query = query_pairs(uri.query());
    let active = match parse_active(&query) {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    let now = timefmt::now();
    let mut all = st.store.sessions_of(id);
    all.retain(|s| active.is_none_or(|want| active_now(s, now) == want));
    crate::store::order_for(&st.cfg, &mut all);
    let page = Page::parse(&query);
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let offset = usize::try_from(page.db_offset(st.cfg.kratos_dev.pagination)).unwrap_or(0);
    let expand = Expand { identity: true, devices: true };
    // v1.3.1 embedded only the identity's own columns here, as `GET /sessions` does.
    let identity = st.store.identity(id);
    let item = |s: &Session| match st.cfg.v1_3_1() {
        true => wire::session(&st.cfg, s, identity.as_ref(), IdentityView::Columns, DevicesView::Full, now),
        false => admin_json(&st, s, expand, DevicesView::Full, now),
    };
    let items: Vec<Value> = all.iter().skip(offset).take(usize::try_from(page.size).unwrap_or(1)).map(item).collect();
    let mut res = json_ok(StatusCode::OK, &json!(items));
    res.headers_mut().insert("x-total-count", HeaderValue::from(total));
    if let Ok(v) = HeaderValue::from_str(&link_header(uri.path(), &query, page, total)) {
        res.headers_mut().insert(header::LINK, v);
    }
    res
}

/// `DELETE /admin/identities/{id}/sessions`: deletes the rows; 404 when
/// there were none.
pub async fn delete_identity_sessions(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let id = match parse_uuid(&id) {
        Ok(id) => id,
        Err(e) => return e.into_response(),
    };
    match st.store.delete_sessions_of(id) {
        Ok(0) => KratosError::not_located().into_response(),
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => internal(e),
    }
}
