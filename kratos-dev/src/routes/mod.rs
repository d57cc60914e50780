//! The handlers, one module per family of endpoints. Each takes its inputs
//! as extractors (the caller's session is [`crate::auth::CallerSession`])
//! and returns `Result<_, KratosError>`, so a failure is a `?` away from
//! Kratos's error envelope.

pub mod admin;
pub mod dev;
pub mod errors_flow;
pub mod login;
pub mod logout;
pub mod public;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::http::middleware::Unrouted;

/// `/health/alive` and `/health/ready`.
pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Go's ServeMux answer for a path no route matches (§1.1).
pub async fn not_found() -> Response {
    let mut res = (StatusCode::NOT_FOUND, "404 page not found\n").into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    res.extensions_mut().insert(Unrouted);
    res
}
