//! The middleware Kratos wraps every response in, and the routers' own
//! answers (404, 405) as Go writes them.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::Response;

use super::response::go_redirect;
use crate::wire::errors::REQUEST_ID;

/// Marks the router's own answers (no route matched), which v1.3.1's
/// router sent without the handlers' `Cache-Control`.
#[derive(Clone, Copy)]
pub struct Unrouted;

/// herodot echoes `X-Request-ID` as `error.request`.
pub async fn request_id(req: Request, next: Next) -> Response {
    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    REQUEST_ID.scope(id, next.run(req)).await
}

/// `Cache-Control` on every GET response, errors included (§1.3); in
/// v1.3.1 on every routed response of any method, but not on the router's
/// own 404 and 405.
pub async fn cache_control(v1_3_1: bool, req: Request, next: Next) -> Response {
    let is_get = req.method() == Method::GET;
    let mut res = next.run(req).await;
    let routed = res.extensions().get::<Unrouted>().is_none() && res.status() != StatusCode::METHOD_NOT_ALLOWED;
    if (is_get && !v1_3_1) || (v1_3_1 && routed) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache, no-store, must-revalidate"));
    }
    res
}

/// The router's 405 as Go writes it (`http.Error`): a text body, and the
/// allowed methods joined by ", " (v1.3.1's httprouter also lists OPTIONS,
/// which it answers itself).
pub async fn method_not_allowed(v1_3_1: bool, req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::METHOD_NOT_ALLOWED {
        return res;
    }
    let allowed = res.headers().get(header::ALLOW).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let mut methods: Vec<&str> = allowed.split(',').map(str::trim).filter(|m| !m.is_empty() && *m != "HEAD").collect();
    if v1_3_1 {
        methods.push("OPTIONS");
    }
    // The original's headers (Vary, CORS) stay; the body and its type change.
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut out = Response::from_parts(parts, axum::body::Body::from("Method Not Allowed\n"));
    let h = out.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Ok(v) = HeaderValue::from_str(&methods.join(", ")) {
        h.insert(header::ALLOW, v);
    }
    out
}

/// v1.3.1's herodot sent no `Ory-Error-Id` header (the body's `error.id`
/// is the same).
pub async fn error_id_header(v1_3_1: bool, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if v1_3_1 {
        res.headers_mut().remove("ory-error-id");
    }
    res
}

/// The CSRF middleware's `Vary: Cookie` on public responses (§1.3).
pub async fn vary_cookie(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().append(header::VARY, HeaderValue::from_static("Cookie"));
    res
}

/// Paths the admin listener serves as they are.
fn admin_path(path: &str) -> bool {
    path.starts_with("/admin") || path.starts_with("/dev/") || path.starts_with("/health/")
}

/// The path and query with `/admin` in front.
fn with_admin_prefix(uri: &Uri) -> String {
    format!("/admin{}", uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"))
}

/// The admin listener adds `/admin` to paths that lack it (§1.1).
pub async fn admin_prefix(mut req: Request, next: Next) -> Response {
    if !admin_path(req.uri().path()) {
        if let Ok(uri) = with_admin_prefix(req.uri()).parse::<Uri>() {
            *req.uri_mut() = uri;
        }
    }
    next.run(req).await
}

/// v1.3.1's admin listener redirected paths without `/admin` (307, a
/// relative `Location`) instead of answering them in place.
pub async fn admin_prefix_redirect(req: Request, next: Next) -> Response {
    if admin_path(req.uri().path()) {
        return next.run(req).await;
    }
    go_redirect(req.method(), StatusCode::TEMPORARY_REDIRECT, &with_admin_prefix(req.uri()))
}
