//! The two routers and the middleware Kratos wraps every response in.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, delete, get, patch, post};
use axum::Router;
use tower::Layer;

use crate::state::AppState;
use crate::{admin, cors, dev, errors, errors_flow, faults, login, logout, public};

const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn public_router(st: AppState) -> Router {
    let mut r = Router::new()
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
    if st.cfg.serve.public.cors.enabled {
        let cors = Arc::new(st.cfg.serve.public.cors.clone());
        r = r.layer(middleware::from_fn_with_state(cors, cors::layer));
    }
    common(r).with_state(st)
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
    let routed = common(r).with_state(st);
    Router::new().fallback_service(middleware::from_fn(admin_prefix).layer(routed))
}

fn common(r: Router<AppState>) -> Router<AppState> {
    r.layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(cache_control))
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

/// `Cache-Control` on every GET response, errors included (§1.3).
async fn cache_control(req: Request, next: Next) -> Response {
    let is_get = req.method() == Method::GET;
    let mut res = next.run(req).await;
    if is_get {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache, no-store, must-revalidate"));
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
