//! The server half of the "Connected apps" panel: a person's OAuth2 grants
//! in Ory Hydra, listed and revoked on their behalf, authenticated by their
//! own Ory Kratos session. The browser never talks to Hydra's admin API.
//!
//! | route | answer |
//! |---|---|
//! | `GET /apps` | 200 `{"apps": [...]}`: one entry per client the caller granted |
//! | `DELETE /apps/{client_id}` | 204: that client's grants and tokens revoked |
//! | `DELETE /apps/client/{client_id}` | the same, for any id (also `logins`) |
//! | `DELETE /apps` | 200 `{"count": N}`: every app revoked |
//! | `DELETE /apps/logins` | 204: the caller's remembered Hydra logins ended |
//! | `GET /health` | 200 `{"status":"ok"}`, no authentication |
//!
//! Errors use Kratos's envelope; docs/connected-apps.md has every detail.
//!
//! # Mounting it in a host's axum app
//!
//! ```no_run
//! use axum::{routing::get, Router};
//! use kratos_sessions_server::{router, Config};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = Config::new(
//!     "http://127.0.0.1:4433",           // Kratos's public API
//!     "http://127.0.0.1:4445",           // Hydra's admin API (never public)
//!     ["https://account.example.com"],   // the page's origin(s)
//! )?
//! .with_timeout(std::time::Duration::from_secs(3))?;
//! let app = Router::new()
//!     .route("/", get(|| async { "the host's own routes" }))
//!     // GET /connected/apps, DELETE /connected/apps/{client_id}, ...
//!     .nest("/connected", router(config)?);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8000").await?;
//! axum::serve(listener, app).await?;
//! # Ok(()) }
//! ```
//!
//! The returned [`Router`] carries its own CORS, Origin check, body limit
//! and `Cache-Control: no-store`; it has no state left to provide.

mod apps;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
mod error;
mod hydra;
mod kratos;
mod security;
mod upstream;

use std::sync::Arc;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{delete, get};
use axum::{Json, Router};

pub use config::{Config, ConfigError};

use crate::error::ApiError;
use crate::hydra::Hydra;
use crate::kratos::Kratos;

#[derive(Clone)]
pub(crate) struct AppState {
    kratos: Arc<Kratos>,
    hydra: Arc<Hydra>,
}

/// The endpoints with their security layers. Fails only when the HTTP
/// client cannot be built (no TLS backend).
pub fn router(config: Config) -> Result<Router, ConfigError> {
    let http = upstream::client(config.timeout())
        .map_err(|e| ConfigError(format!("cannot build the HTTP client for Kratos and Hydra: {e}")))?;
    let state = AppState {
        kratos: Arc::new(Kratos::new(http.clone(), config.kratos_public(), config.timeout())),
        hydra: Arc::new(Hydra::new(http, config.hydra_admin(), config.timeout())),
    };
    let origins: Arc<[String]> = config.allow_origins().into();
    // `/apps/logins` is a static route, so it wins over `/apps/{client_id}`:
    // a client whose id is literally `logins` is removed through
    // `/apps/client/logins`, which takes any id.
    let router = Router::new()
        .route("/health", get(health))
        .route("/apps", get(apps::list).delete(apps::revoke_all))
        .route("/apps/logins", delete(apps::end_logins))
        .route("/apps/client/{client_id}", delete(apps::revoke))
        .route("/apps/{client_id}", delete(apps::revoke))
        .fallback(|| async { ApiError::not_found() })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .with_state(state)
        // The last layer is the outermost: CORS answers preflights and
        // decorates every answer, errors included, so the page can read them;
        // then the Origin check and the body limit run before any handler.
        .layer(from_fn(security::body_limit))
        .layer(from_fn_with_state(origins, security::origin_check))
        .layer(from_fn(security::no_store))
        .layer(security::cors(config.allow_origins()));
    Ok(router)
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}
