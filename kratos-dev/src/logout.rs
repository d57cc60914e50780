//! The logout flows (CONTRACT.md §9).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::auth;
use crate::cookies;
use crate::csrf;
use crate::errors::{json_ok, KratosError};
use crate::errors_flow::see_other;
use crate::negotiate::wants_json;
use crate::public::internal;
use crate::return_to;
use crate::state::{query_get, query_pairs, AppState};

/// Errors become JSON for AJAX callers and a 303 to the error UI for browsers.
fn fail(st: &AppState, headers: &HeaderMap, e: KratosError) -> Response {
    if wants_json(headers) {
        e.into_response()
    } else {
        st.error_flows.redirect(&st.cfg.error_ui_url(), &e)
    }
}

/// `GET /self-service/logout/browser` (§9.1): always JSON on success.
/// nosurf sets its CSRF cookie here whenever the request had none.
pub async fn create_browser_flow(State(st): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let mut res = browser_flow(&st, &uri, &headers);
    csrf::apply(&st.cfg, &headers, &mut res, false);
    res
}

fn browser_flow(st: &AppState, uri: &Uri, headers: &HeaderMap) -> Response {
    let Some(caller) = auth::authenticate(&st.store, headers, &st.cfg.session.cookie.name, true) else {
        return fail(st, headers, KratosError::session_inactive());
    };
    let query = query_pairs(uri.query());
    let mut params = Vec::new();
    if let Some(raw) = query_get(&query, "return_to") {
        match return_to::validate(&st.cfg, raw) {
            Ok(url) => params.push(("return_to", url)),
            Err(e) => return fail(st, headers, e),
        }
    }
    params.push(("token", caller.session.logout_token.clone()));
    let qs = form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish();
    let body = json!({
        "logout_url": format!("{}/self-service/logout?{qs}", st.cfg.public_base()),
        "logout_token": caller.session.logout_token,
    });
    json_ok(StatusCode::OK, &body)
}

/// `GET /self-service/logout?token=…` (§9.2), in the contract's order.
/// The CSRF cookie is set when missing and rotated by a logout.
pub async fn update(State(st): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let (mut res, logged_out) = perform(&st, &uri, &headers);
    csrf::apply(&st.cfg, &headers, &mut res, logged_out);
    res
}

fn perform(st: &AppState, uri: &Uri, headers: &HeaderMap) -> (Response, bool) {
    let query = query_pairs(uri.query());
    let Some(token) = query_get(&query, "token").filter(|t| !t.is_empty()) else {
        return (
            fail(st, headers, KratosError::bad_request().reason("Please include a token in the URL query.")),
            false,
        );
    };
    let Some(caller) = auth::authenticate(&st.store, headers, &st.cfg.session.cookie.name, true) else {
        return (fail(st, headers, KratosError::session_inactive()), false);
    };
    if token != caller.session.logout_token {
        let e = KratosError::forbidden()
            .reason("Unable to log out because the logout token in the URL query does not match the session cookie.");
        return (fail(st, headers, e), false);
    }
    // Kratos revokes the session named by the Bearer header, else the
    // cookie; a request authenticated by X-Session-Token alone revokes
    // nothing yet still succeeds.
    let revoke_token = auth::bearer(headers).or_else(|| {
        cookies::read(headers, &st.cfg.session.cookie.name).and_then(|v| cookies::decode(&v)).map(|c| c.token)
    });
    if let Some(t) = revoke_token {
        if let Err(e) = st.store.revoke_where(|s| s.token == t) {
            return (internal(e), false);
        }
    }
    let clear = cookies::clear(&st.cfg);
    let mut res = match query_get(&query, "return_to").map(|raw| return_to::validate(&st.cfg, raw)) {
        Some(Err(e)) => fail(st, headers, e),
        _ if wants_json(headers) => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(url)) => see_other(&url),
        None => see_other(st.cfg.logout_return_url()),
    };
    if let Ok(v) = HeaderValue::from_str(&clear) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    (res, true)
}

/// `DELETE /self-service/logout/api` (§9.3), for native clients.
pub async fn native(State(st): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if body.is_empty() {
        return KratosError::bad_request()
            .reason("Unable to decode HTTP Request Body because its HTTP Header \"Content-Length\" is zero.")
            .into_response();
    }
    if content_type.split(';').next().map(str::trim) != Some("application/json") {
        return KratosError::bad_request()
            .reason(format!(
                "HTTP DELETE Request used unknown HTTP Header \"Content-Type: {content_type}\", only [application/json] are supported."
            ))
            .into_response();
    }
    let parsed: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return KratosError::bad_request().reason(crate::dev::json_error_reason(&e)).into_response(),
    };
    let token = parsed.get("session_token").and_then(Value::as_str).unwrap_or("");
    if token.is_empty() || st.store.session_by_token(token).is_none() {
        return KratosError::forbidden()
            .reason("The provided Ory Session Token could not be found, is invalid, or otherwise malformed.")
            .into_response();
    }
    match st.store.revoke_where(|s| s.token == token) {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => internal(e),
    }
}
