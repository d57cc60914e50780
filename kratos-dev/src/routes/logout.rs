//! The logout flows (CONTRACT.md §9).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::auth::{self, CallerSession};
use crate::http::cookies;
use crate::http::csrf;
use crate::http::negotiate::wants_json;
use crate::http::request::{decode_json, query_get, query_pairs};
use crate::http::response::{json_ok, see_other};
use crate::http::return_to;
use crate::state::AppState;
use crate::wire::KratosError;

/// A flow's error as the caller gets it: JSON for AJAX callers, and for
/// browsers a stored error flow and a 303 to the error UI (§1.6).
fn fail(st: &AppState, headers: &HeaderMap, e: KratosError) -> Response {
    if wants_json(headers) {
        e.into_response()
    } else {
        let id = st.error_flows.put(&e);
        see_other(&format!("{}?id={id}", st.cfg.error_ui_url()))
    }
}

/// `GET /self-service/logout/browser` (§9.1): always JSON on success.
/// nosurf sets its CSRF cookie here whenever the request had none.
pub async fn create_browser_flow(
    State(st): State<AppState>,
    caller: Option<CallerSession>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let mut res = browser_flow(&st, caller, &uri).unwrap_or_else(|e| fail(&st, &headers, e));
    csrf::apply(&st.cfg, &headers, &mut res, false);
    res
}

fn browser_flow(st: &AppState, caller: Option<CallerSession>, uri: &Uri) -> Result<Response, KratosError> {
    let caller = caller.ok_or_else(KratosError::session_inactive)?;
    let query = query_pairs(uri.query());
    let mut params = Vec::new();
    if let Some(raw) = query_get(&query, "return_to") {
        params.push(("return_to", return_to::validate(&st.cfg, raw)?));
    }
    params.push(("token", caller.session.logout_token.clone()));
    let qs = form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish();
    let body = json!({
        "logout_url": format!("{}/self-service/logout?{qs}", st.cfg.public_base()),
        "logout_token": caller.session.logout_token,
    });
    Ok(json_ok(StatusCode::OK, &body))
}

/// `GET /self-service/logout?token=…` (§9.2), in the contract's order.
/// The CSRF cookie is set when missing and rotated by a logout.
pub async fn update(
    State(st): State<AppState>,
    caller: Option<CallerSession>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let query = query_pairs(uri.query());
    let (mut res, logged_out) = match check_token(&query, caller) {
        Err(e) => (fail(&st, &headers, e), false),
        // A store failure is Kratos's plain 500, even for a browser.
        Ok(()) => match revoke(&st, &headers) {
            Err(e) => (e.into_response(), false),
            Ok(()) => (logged_out(&st, &headers, &query), true),
        },
    };
    csrf::apply(&st.cfg, &headers, &mut res, logged_out);
    res
}

/// The URL's logout token is there and is the caller's session's.
fn check_token(query: &[(String, String)], caller: Option<CallerSession>) -> Result<(), KratosError> {
    let token = query_get(query, "token")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| KratosError::bad_request().reason("Please include a token in the URL query."))?;
    let caller = caller.ok_or_else(KratosError::session_inactive)?;
    if token != caller.session.logout_token {
        return Err(KratosError::forbidden()
            .reason("Unable to log out because the logout token in the URL query does not match the session cookie."));
    }
    Ok(())
}

/// Kratos revokes the session named by the Bearer header, else the
/// cookie; a request authenticated by X-Session-Token alone revokes
/// nothing yet still succeeds.
fn revoke(st: &AppState, headers: &HeaderMap) -> Result<(), KratosError> {
    let revoke_token = auth::bearer(headers).or_else(|| {
        cookies::read(headers, &st.cfg.session.cookie.name).and_then(|v| cookies::decode(&v)).map(|c| c.token)
    });
    if let Some(t) = revoke_token {
        st.store.revoke_where(|s| s.token == t)?;
    }
    Ok(())
}

/// The answer to a logout that happened: 204 for AJAX callers, else a 303
/// to `return_to` or the configured URL; the session cookie is cleared.
fn logged_out(st: &AppState, headers: &HeaderMap, query: &[(String, String)]) -> Response {
    let clear = cookies::clear(&st.cfg);
    let mut res = match query_get(query, "return_to").map(|raw| return_to::validate(&st.cfg, raw)) {
        Some(Err(e)) => fail(st, headers, e),
        _ if wants_json(headers) => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(url)) => see_other(&url),
        None => see_other(st.cfg.logout_return_url()),
    };
    if let Ok(v) = HeaderValue::from_str(&clear) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// `DELETE /self-service/logout/api` (§9.3), for native clients.
pub async fn native(State(st): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<StatusCode, KratosError> {
    if body.is_empty() {
        return Err(KratosError::bad_request()
            .reason("Unable to decode HTTP Request Body because its HTTP Header \"Content-Length\" is zero."));
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if content_type.split(';').next().map(str::trim) != Some("application/json") {
        return Err(KratosError::bad_request().reason(format!(
            "HTTP DELETE Request used unknown HTTP Header \"Content-Type: {content_type}\", only [application/json] are supported."
        )));
    }
    let parsed: Value = decode_json(&body)?;
    let token = parsed.get("session_token").and_then(Value::as_str).unwrap_or("");
    if token.is_empty() || st.store.session_by_token(token).is_none() {
        return Err(KratosError::forbidden()
            .reason("The provided Ory Session Token could not be found, is invalid, or otherwise malformed."));
    }
    st.store.revoke_where(|s| s.token == token)?;
    Ok(StatusCode::NO_CONTENT)
}
