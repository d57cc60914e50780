//! Success responses written the way Kratos's Go writes them: JSON through
//! its JSON writer (§1.3) and redirects through `http.Redirect`. Errors are
//! [`KratosError`](crate::wire::KratosError)s.

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// Success JSON carries a charset; error JSON does not (§1.3).
pub fn json_ok(status: StatusCode, value: &Value) -> Response {
    let mut res = (status, value.to_string()).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    res
}

/// A 204 written through Kratos's JSON writer keeps its content type (§1.3).
pub fn no_content() -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    res
}

/// A 303 as Go's `http.Redirect` writes it for a GET.
pub fn see_other(location: &str) -> Response {
    go_redirect(&Method::GET, StatusCode::SEE_OTHER, location)
}

/// A redirect as Go's `http.Redirect` writes it: for a GET or HEAD with a
/// tiny HTML body linking the target, for other methods with none.
pub fn go_redirect(method: &Method, status: StatusCode, location: &str) -> Response {
    let mut res = status.into_response();
    if method == Method::GET || method == Method::HEAD {
        let phrase = status.canonical_reason().unwrap_or("");
        let body = format!("<a href=\"{}\">{phrase}</a>.\n", go_html_escape(location));
        res = (status, body).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    }
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(location) {
        h.insert(header::LOCATION, v);
    }
    res
}

/// Go's `html.EscapeString` set (`&'<>"`), which `http.Redirect` uses.
fn go_html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('\'', "&#39;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;")
}
