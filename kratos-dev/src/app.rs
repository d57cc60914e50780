//! The two routers and the middleware Kratos wraps every response in.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, delete, get, patch, post};
use axum::Router;
use tower::Layer;

use crate::state::AppState;
use crate::{admin, cors, dev, errors, errors_flow, faults, login, logout, public};

const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn public_router(st: AppState) -> Router {
    let r = Router::new()
        .route("/sessions/whoami", any(public::whoami))
        .route("/sessions", get(public::list).delete(public::revoke_others))
        .route("/sessions/{id}", delete(public::revoke_one))
        .route("/self-service/logout/browser", get(logout::create_browser_flow))
        .route("/self-service/logout", get(logout::update))
        .route("/self-service/logout/api", delete(logout::native))
        .route("/self-service/login/browser", get(login::page).post(login::submit))
        .route("/self-service/errors", get(errors_flow::get))
        .route("/self-service/errors/ui", get(errors_flow::ui))
        .route("/admin/identities/{id}/sessions", delete(admin::to_admin))
        .route("/health/alive", get(health))
        .route("/health/ready", get(health))
        .fallback(public::not_found)
        .layer(middleware::from_fn_with_state(st.faults.clone(), faults::layer))
        .layer(middleware::from_fn(vary_cookie));
    let v1_3_1 = st.cfg.v1_3_1();
    let routed = common(r, &st).with_state(st.clone());
    let routed = middleware::from_fn(move |req, next| method_not_allowed(v1_3_1, req, next)).layer(routed);
    if !st.cfg.serve.public.cors.enabled {
        return Router::new().fallback_service(routed);
    }
    // Outside the router, as rs/cors wraps Kratos's: a preflight is
    // answered before routing, so no route's 405 or Allow header reaches it.
    let cors = Arc::new(st.cfg.serve.public.cors.clone());
    Router::new().fallback_service(middleware::from_fn_with_state(cors, cors::layer).layer(routed))
}

pub fn admin_router(st: AppState) -> Router {
    let r = Router::new()
        .route("/admin/sessions", get(admin::list_sessions).delete(admin::to_public))
        .route("/admin/sessions/whoami", any(admin::to_public))
        .route("/admin/sessions/{id}", get(admin::get_session).delete(admin::revoke_session))
        .route("/admin/sessions/{id}/extend", patch(admin::extend_session))
        .route("/admin/identities/{id}/sessions", get(admin::identity_sessions).delete(admin::delete_identity_sessions))
        .route("/admin/self-service/logout/browser", get(admin::to_public))
        .route("/admin/self-service/logout", get(admin::to_public))
        .route("/admin/self-service/logout/api", delete(admin::to_public))
        .route("/dev/sessions", post(dev::create_session))
        .route("/dev/identities", get(dev::list_identities))
        .route("/dev/faults", get(dev::list_faults).post(dev::add_fault).delete(dev::clear_faults))
        .route("/health/alive", get(health))
        .route("/health/ready", get(health))
        .fallback(public::not_found);
    // Routing happens before `Router::layer` middleware runs, so the prefix
    // rewrite wraps the routed router as a whole.
    let v1_3_1 = st.cfg.v1_3_1();
    let routed = common(r, &st).with_state(st);
    let routed = middleware::from_fn(move |req, next| method_not_allowed(v1_3_1, req, next)).layer(routed);
    if v1_3_1 {
        return Router::new().fallback_service(middleware::from_fn(admin_prefix_redirect).layer(routed));
    }
    Router::new().fallback_service(middleware::from_fn(admin_prefix).layer(routed))
}

fn common(r: Router<AppState>, st: &AppState) -> Router<AppState> {
    let v1_3_1 = st.cfg.v1_3_1();
    r.layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(move |req, next| cache_control(v1_3_1, req, next)))
        .layer(middleware::from_fn(move |req, next| error_id_header(v1_3_1, req, next)))
        .layer(middleware::from_fn(request_id))
}

async fn health(State(_): State<AppState>) -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}

/// herodot echoes `X-Request-ID` as `error.request`.
async fn request_id(req: Request, next: Next) -> Response {
    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    errors::REQUEST_ID.scope(id, next.run(req)).await
}

/// `Cache-Control` on every GET response, errors included (§1.3); in
/// v1.3.1 on every routed response of any method, but not on the router's
/// own 404 and 405.
async fn cache_control(v1_3_1: bool, req: Request, next: Next) -> Response {
    let is_get = req.method() == Method::GET;
    let mut res = next.run(req).await;
    let routed = res.extensions().get::<public::Unrouted>().is_none() && res.status() != StatusCode::METHOD_NOT_ALLOWED;
    if (is_get && !v1_3_1) || (v1_3_1 && routed) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache, no-store, must-revalidate"));
    }
    res
}

/// The router's 405 as Go writes it (`http.Error`): a text body, and the
/// allowed methods joined by ", " (v1.3.1's httprouter also lists OPTIONS,
/// which it answers itself).
async fn method_not_allowed(v1_3_1: bool, req: Request, next: Next) -> Response {
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
async fn error_id_header(v1_3_1: bool, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if v1_3_1 {
        res.headers_mut().remove("ory-error-id");
    }
    res
}

/// The CSRF middleware's `Vary: Cookie` on public responses (§1.3).
async fn vary_cookie(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().append(header::VARY, HeaderValue::from_static("Cookie"));
    res
}

/// The admin listener adds `/admin` to paths that lack it (§1.1).
async fn admin_prefix(mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let ours = path.starts_with("/admin") || path.starts_with("/dev/") || path.starts_with("/health/");
    if !ours {
        let pq = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
        if let Ok(uri) = format!("/admin{pq}").parse::<Uri>() {
            *req.uri_mut() = uri;
        }
    }
    next.run(req).await
}

/// v1.3.1's admin listener redirected paths without `/admin` (307, a
/// relative `Location`) instead of answering them in place.
async fn admin_prefix_redirect(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let ours = path.starts_with("/admin") || path.starts_with("/dev/") || path.starts_with("/health/");
    if ours {
        return next.run(req).await;
    }
    let pq = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    crate::errors_flow::go_redirect(req.method(), StatusCode::TEMPORARY_REDIRECT, &format!("/admin{pq}"))
}
