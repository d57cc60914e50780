//! What stands between a browser and the endpoints: CORS for the page's
//! origins only, an exact Origin check on anything that changes state (the
//! CSRF defence: cookies ride along on cross-site requests, Origin cannot
//! be forged by a page), and a small body limit applied before anything
//! else runs.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tower_http::cors::{AllowCredentials, AllowOrigin, CorsLayer};

use crate::config::BODY_LIMIT;
use crate::error::ApiError;

/// A body that trickles in slower than this is dropped.
const BODY_WITHIN: Duration = Duration::from_secs(10);

/// `Access-Control-Allow-Credentials` goes only with an allowed origin:
/// tower-http's plain `allow_credentials(true)` would send it to every
/// origin (harmless without `Allow-Origin`, but an answer to another site
/// should say nothing at all).
pub(crate) fn cors(origins: &[String]) -> CorsLayer {
    let origins: Arc<[HeaderValue]> = origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let allowed = Arc::clone(&origins);
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins.iter().cloned()))
        .allow_credentials(AllowCredentials::predicate(move |origin, _| allowed.iter().any(|a| a == origin)))
        .allow_methods([Method::GET, Method::DELETE])
        .allow_headers([header::CONTENT_TYPE, HeaderName::from_static("x-session-token")])
        .max_age(Duration::from_secs(600))
}

/// Every method but the safe ones: DELETE, POST, PUT, PATCH and anything
/// unusual, which would otherwise slip past a list of the usual ones.
fn changes_state(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub(crate) async fn origin_check(State(allowed): State<Arc<[String]>>, req: Request, next: Next) -> Response {
    if changes_state(req.method()) {
        let mut origins = req.headers().get_all(header::ORIGIN).iter();
        let ok = match (origins.next(), origins.next()) {
            (Some(o), None) => allowed.iter().any(|a| a.as_bytes() == o.as_bytes()),
            _ => false,
        };
        if !ok {
            return ApiError::origin_not_allowed().into_response();
        }
    }
    next.run(req).await
}

/// Refuses a declared length over the limit at once, and reads any other
/// body (chunked, or lying about its length) only up to the limit, before
/// the handler, so an oversized DELETE revokes nothing.
pub(crate) async fn body_limit(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return ApiError::payload_too_large(BODY_LIMIT).into_response();
    }
    let (parts, body) = req.into_parts();
    let read = tokio::time::timeout(BODY_WITHIN, Limited::new(body, BODY_LIMIT).collect()).await;
    let bytes = match read {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return ApiError::payload_too_large(BODY_LIMIT).into_response()
        }
        Ok(Err(_)) => return ApiError::body_unreadable(StatusCode::BAD_REQUEST).into_response(),
        Err(_) => return ApiError::body_unreadable(StatusCode::REQUEST_TIMEOUT).into_response(),
    };
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// Answers about a person's apps are theirs alone: no cache keeps them.
pub(crate) async fn no_store(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
