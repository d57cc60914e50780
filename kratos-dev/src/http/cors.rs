//! CORS as Kratos's public listener does it through rs/cors v1.11
//! (CONTRACT.md §7.1): the origin is echoed, never `*`; preflights are
//! answered here with 204 and never reach a handler; headers are added
//! before the handler runs, so error responses carry them too.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::Cors;

pub async fn layer(State(cors): State<Arc<Cors>>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let preflight =
        req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        return preflight_response(&cors, origin.as_deref(), req.headers());
    }
    let method_allowed = method_allowed(&cors, req.method().as_str());
    let mut res = next.run(req).await;
    decorate_actual(&cors, origin.as_deref(), method_allowed, res.headers_mut());
    res
}

/// Adds the headers of an actual (non-preflight) request's response.
pub fn decorate_actual(cors: &Cors, origin: Option<&str>, method_allowed: bool, h: &mut HeaderMap) {
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    let Some(origin) = origin else { return };
    if !origin_allowed(cors, origin) || !method_allowed {
        return;
    }
    if let Ok(v) = HeaderValue::from_str(origin) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
    }
    let exposed: Vec<String> = cors.exposed_headers.iter().map(|s| canonical(s)).collect();
    if !exposed.is_empty() {
        if let Ok(v) = HeaderValue::from_str(&exposed.join(", ")) {
            h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, v);
        }
    }
    if cors.allow_credentials {
        h.insert(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, HeaderValue::from_static("true"));
    }
}

fn preflight_response(cors: &Cors, origin: Option<&str>, req: &HeaderMap) -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    let h = res.headers_mut();
    h.append(
        header::VARY,
        HeaderValue::from_static("Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
    );
    let Some(origin) = origin.filter(|o| origin_allowed(cors, o)) else {
        return res;
    };
    let method = req
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_uppercase();
    if method != "OPTIONS" && !method_allowed(cors, &method) {
        return res;
    }
    let requested =
        req.get(header::ACCESS_CONTROL_REQUEST_HEADERS).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let headers_ok = requested
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .all(|r| cors.allowed_headers.iter().any(|a| a.eq_ignore_ascii_case(r)));
    if !headers_ok {
        return res;
    }
    if let Ok(v) = HeaderValue::from_str(origin) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
    }
    if let Ok(v) = HeaderValue::from_str(&method) {
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, v);
    }
    if !requested.trim().is_empty() {
        if let Ok(v) = HeaderValue::from_str(&requested) {
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, v);
        }
    }
    if cors.allow_credentials {
        h.insert(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, HeaderValue::from_static("true"));
    }
    if cors.max_age > 0 {
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from(cors.max_age));
    }
    res
}

pub fn method_allowed(cors: &Cors, method: &str) -> bool {
    cors.allowed_methods.iter().any(|m| m.eq_ignore_ascii_case(method))
}

/// Kratos's origin rules: an empty list or `*` allows all; otherwise exact
/// origins (configured ones lowercased, the request's compared as sent) or
/// one `*` wildcard bounded at a registrable domain.
pub fn origin_allowed(cors: &Cors, origin: &str) -> bool {
    if cors.allowed_origins.is_empty() {
        return true;
    }
    cors.allowed_origins.iter().any(|allowed| {
        let allowed = allowed.to_ascii_lowercase();
        if allowed == "*" {
            return true;
        }
        match allowed.split_once('*') {
            None => allowed == origin,
            Some((prefix, suffix)) => {
                bounded_wildcard(suffix)
                    && origin.len() > prefix.len() + suffix.len()
                    && origin.starts_with(prefix)
                    && origin.ends_with(suffix)
            }
        }
    })
}

/// `.example.com` is bounded; `foo.com` (no dot) and `.com` are not.
fn bounded_wildcard(suffix: &str) -> bool {
    !suffix.contains('*')
        && suffix.strip_prefix('.').is_some_and(|rest| {
            let host = rest.split(':').next().unwrap_or(rest);
            host.contains('.') || host == "localhost"
        })
}

/// Go's `http.CanonicalHeaderKey`.
fn canonical(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cors(origins: &[&str]) -> Cors {
        Cors { allowed_origins: origins.iter().map(|s| s.to_string()).collect(), ..Cors::default() }
    }

    #[test]
    fn origins() {
        let c = cors(&["https://*.example.com", "HTTP://LOCALHOST:8080"]);
        assert!(origin_allowed(&c, "https://app.example.com"));
        assert!(!origin_allowed(&c, "https://example.com"));
        assert!(!origin_allowed(&c, "https://evil.com"));
        assert!(origin_allowed(&c, "http://localhost:8080"));
        assert!(!origin_allowed(&cors(&["https://*foo.com"]), "https://barfoo.com"));
        assert!(!origin_allowed(&cors(&["https://*.com"]), "https://a.com"));
        assert!(origin_allowed(&cors(&[]), "https://anything"));
        assert!(origin_allowed(&cors(&["*"]), "https://anything"));
    }

    #[test]
    fn canonical_names() {
        assert_eq!(canonical("x-total-count"), "X-Total-Count");
        assert_eq!(canonical("LINK"), "Link");
    }
}
