//! Errors in Kratos's envelope, so the page reads this server's errors with
//! the code it already has for Kratos's:
//! `{"error": {"id", "code", "status", "reason", "message"}}`, plus
//! `revoked` when a revoke-all stopped halfway.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Serialize;

/// What a handler or middleware answers instead of a success.
#[derive(Debug)]
pub(crate) struct ApiError(Kind);

#[derive(Debug)]
enum Kind {
    Envelope(Envelope),
    /// Kratos's own answer, unchanged (its 403 `session_aal2_required`),
    /// so the page's step-up handling works here as it does on Kratos.
    Verbatim {
        status: StatusCode,
        body: Bytes,
    },
}

#[derive(Debug, Serialize)]
struct Envelope {
    id: &'static str,
    code: u16,
    status: &'static str,
    reason: String,
    message: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked: Option<usize>,
}

/// The two services behind this one, named as a person would understand
/// them: their URLs (Hydra's admin URL above all) never reach the browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Upstream {
    Kratos,
    Hydra,
}

impl Upstream {
    fn name(self) -> &'static str {
        match self {
            Upstream::Kratos => "the identity service",
            Upstream::Hydra => "the OAuth2 service",
        }
    }
}

/// How a call to an upstream went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// No connection, or it broke before an answer came.
    Unreachable,
    Timeout(Duration),
    /// An answer that is not what the call expects (status, body or size).
    Unexpected(String),
}

impl ApiError {
    fn envelope(status: StatusCode, id: &'static str, reason: String, message: &'static str) -> Self {
        ApiError(Kind::Envelope(Envelope {
            id,
            code: status.as_u16(),
            status: status.canonical_reason().unwrap_or(""),
            reason,
            message,
            revoked: None,
        }))
    }

    /// Kratos's own wording for a missing or invalid session.
    pub(crate) fn unauthorized() -> Self {
        Self::envelope(
            StatusCode::UNAUTHORIZED,
            "session_inactive",
            "No active session was found in this request.".into(),
            "request does not have a valid authentication session",
        )
    }

    pub(crate) fn origin_not_allowed() -> Self {
        Self::envelope(
            StatusCode::FORBIDDEN,
            "security_origin_not_allowed",
            "This request changes something, so it must carry the Origin of one of the allowed pages; \
             its Origin is missing or not allowed."
                .into(),
            "The requested action was forbidden",
        )
    }

    pub(crate) fn payload_too_large(limit: usize) -> Self {
        Self::envelope(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("The request body is larger than {limit} bytes; these endpoints take no body."),
            "The request body is too large",
        )
    }

    /// 408 when the body did not arrive in time, 400 when it broke off.
    pub(crate) fn body_unreadable(status: StatusCode) -> Self {
        let reason = if status == StatusCode::REQUEST_TIMEOUT {
            "The request body could not be read in time."
        } else {
            "The request body could not be read."
        };
        Self::envelope(
            status,
            "request_body_unreadable",
            reason.into(),
            "The request was malformed or contained invalid parameters",
        )
    }

    pub(crate) fn bad_request(reason: &str) -> Self {
        Self::envelope(
            StatusCode::BAD_REQUEST,
            "bad_request",
            reason.into(),
            "The request was malformed or contained invalid parameters",
        )
    }

    pub(crate) fn not_found() -> Self {
        Self::envelope(
            StatusCode::NOT_FOUND,
            "not_found",
            "There is no such endpoint; see GET /apps, DELETE /apps, DELETE /apps/{client_id}, DELETE /apps/logins."
                .into(),
            "The requested resource could not be found",
        )
    }

    pub(crate) fn method_not_allowed() -> Self {
        Self::envelope(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "This endpoint does not take that method.".into(),
            "The request method is not allowed",
        )
    }

    /// 503 when the upstream could not be asked (down or slow), 502 when it
    /// answered something unusable: either way nothing is claimed done.
    pub(crate) fn upstream(upstream: Upstream, failure: &Failure) -> Self {
        let name = upstream.name();
        let (status, what, reason) = match failure {
            Failure::Unreachable => {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable", format!("{} could not be reached.", cap(name)))
            }
            Failure::Timeout(t) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                format!("{} did not answer within {}.", cap(name), seconds(*t)),
            ),
            Failure::Unexpected(what) => {
                (StatusCode::BAD_GATEWAY, "error", format!("{} answered unexpectedly ({what}).", cap(name)))
            }
        };
        let id = match (upstream, what) {
            (Upstream::Kratos, "unavailable") => "identity_service_unavailable",
            (Upstream::Kratos, _) => "identity_service_error",
            (Upstream::Hydra, "unavailable") => "oauth2_service_unavailable",
            (Upstream::Hydra, _) => "oauth2_service_error",
        };
        let message = if status == StatusCode::SERVICE_UNAVAILABLE {
            "A service this one depends on is unavailable; nothing was changed by this failure"
        } else {
            "A service this one depends on failed; nothing was changed by this failure"
        };
        Self::envelope(status, id, reason, message)
    }

    pub(crate) fn verbatim(status: StatusCode, body: Bytes) -> Self {
        ApiError(Kind::Verbatim { status, body })
    }

    /// A revoke-all that failed after `revoked` of `total` apps: the count
    /// goes into the reason for people and into `revoked` for the page.
    pub(crate) fn after_revoking(self, revoked: usize, total: usize) -> Self {
        match self.0 {
            Kind::Envelope(mut e) => {
                e.reason = format!("Revoked {revoked} of {total} apps before this failure: {}", e.reason);
                e.message = "Not every app was removed: the error's `revoked` says how many were";
                e.revoked = Some(revoked);
                ApiError(Kind::Envelope(e))
            }
            other => ApiError(other),
        }
    }

    pub(crate) fn status(&self) -> StatusCode {
        match &self.0 {
            Kind::Envelope(e) => StatusCode::from_u16(e.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            Kind::Verbatim { status, .. } => *status,
        }
    }
}

fn cap(name: &str) -> String {
    let mut c = name.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn seconds(t: Duration) -> String {
    let ms = t.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{ms} ms")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match self.0 {
            Kind::Verbatim { body, .. } => body,
            Kind::Envelope(e) => {
                serde_json::to_vec(&serde_json::json!({ "error": e })).map(Bytes::from).unwrap_or_default()
            }
        };
        // As Kratos writes its errors: `application/json`, no charset.
        let mut res = (status, body).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(e: ApiError) -> serde_json::Value {
        let Kind::Envelope(e) = e.0 else { panic!("not an envelope") };
        serde_json::json!({ "error": e })
    }

    #[test]
    fn envelope_names_the_upstream_and_status_text() {
        let v = body(ApiError::upstream(Upstream::Hydra, &Failure::Timeout(Duration::from_millis(1500))));
        assert_eq!(v["error"]["code"], 503);
        assert_eq!(v["error"]["status"], "Service Unavailable");
        assert_eq!(v["error"]["id"], "oauth2_service_unavailable");
        assert_eq!(v["error"]["reason"], "The OAuth2 service did not answer within 1500 ms.");
        let v = body(ApiError::upstream(Upstream::Kratos, &Failure::Unexpected("status 500".into())));
        assert_eq!(v["error"]["status"], "Bad Gateway");
        assert_eq!(v["error"]["reason"], "The identity service answered unexpectedly (status 500).");
        assert!(v["error"].get("revoked").is_none());
        let v = body(ApiError::upstream(Upstream::Hydra, &Failure::Unreachable).after_revoking(2, 5));
        assert_eq!(v["error"]["revoked"], 2);
        assert!(v["error"]["reason"].as_str().unwrap().starts_with("Revoked 2 of 5 apps"));
        assert_eq!(body(ApiError::payload_too_large(1024))["error"]["status"], "Payload Too Large");
        let v = body(ApiError::body_unreadable(StatusCode::REQUEST_TIMEOUT));
        assert_eq!(
            (&v["error"]["status"], &v["error"]["reason"]),
            (&"Request Timeout".into(), &"The request body could not be read in time.".into())
        );
        let v = body(ApiError::body_unreadable(StatusCode::BAD_REQUEST));
        assert_eq!(v["error"]["reason"], "The request body could not be read.");
        assert_eq!(body(ApiError::unauthorized())["error"]["status"], "Unauthorized");
        assert_eq!(body(ApiError::origin_not_allowed())["error"]["status"], "Forbidden");
    }
}
