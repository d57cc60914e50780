//! The two routers: the routes, then the middleware Kratos wraps every
//! response in, then (outermost) what runs before routing: CORS preflights
//! on the public listener, the `/admin` prefix on the admin one, and the
//! request log.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{any, delete, get, patch, post};
use axum::Router;
use tower::Layer;
use tower_http::trace::TraceLayer;

use crate::faults;
use crate::http::{cors, middleware as kratos};
use crate::routes::{admin, dev, errors_flow, health, login, logout, not_found, public};
use crate::state::AppState;

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
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(st.faults.clone(), faults::layer))
        .layer(middleware::from_fn(kratos::vary_cookie));
    let mut app = go_405(common(r, &st).with_state(st.clone()), st.cfg.v1_3_1());
    if st.cfg.serve.public.cors.enabled {
        // Outside the router, as rs/cors wraps Kratos's: a preflight is
        // answered before routing, so no route's 405 or Allow header reaches it.
        let cors = Arc::new(st.cfg.serve.public.cors.clone());
        app = app.layer(middleware::from_fn_with_state(cors, cors::layer));
    }
    app.layer(TraceLayer::new_for_http())
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
        .fallback(not_found);
    let v1_3_1 = st.cfg.v1_3_1();
    let app = go_405(common(r, &st).with_state(st), v1_3_1);
    // Routing happens before `Router::layer` middleware runs, so the prefix
    // rewrite wraps the routed router as a whole.
    let app = if v1_3_1 {
        app.layer(middleware::from_fn(kratos::admin_prefix_redirect))
    } else {
        app.layer(middleware::from_fn(kratos::admin_prefix))
    };
    app.layer(TraceLayer::new_for_http())
}

/// What both listeners wrap their routes in, innermost first: the body
/// limit, `Cache-Control`, v1.3.1's missing `Ory-Error-Id`, and
/// `X-Request-ID` for error bodies.
fn common(r: Router<AppState>, st: &AppState) -> Router<AppState> {
    let v1_3_1 = st.cfg.v1_3_1();
    r.layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(move |req, next| kratos::cache_control(v1_3_1, req, next)))
        .layer(middleware::from_fn(move |req, next| kratos::error_id_header(v1_3_1, req, next)))
        .layer(middleware::from_fn(kratos::request_id))
}

/// Go's 405 around the routed router: axum adds `Allow` only after a
/// route's own middleware has run, so this one wraps the router whole.
fn go_405(routed: Router, v1_3_1: bool) -> Router {
    let layer = middleware::from_fn(move |req, next| kratos::method_not_allowed(v1_3_1, req, next));
    Router::new().fallback_service(layer.layer(routed))
}
