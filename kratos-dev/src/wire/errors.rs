//! Kratos's error envelope, as ory/herodot writes it (CONTRACT.md §1.4, §1.5).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

tokio::task_local! {
    /// The request's `X-Request-ID`, which herodot echoes as `error.request`.
    pub static REQUEST_ID: Option<String>;
}

/// One JSON error as Kratos sends it. Builders mirror how Kratos's handlers
/// fill herodot errors: most set a reason and keep the default message.
#[derive(Debug, Clone)]
pub struct KratosError {
    pub status: StatusCode,
    pub id: Option<&'static str>,
    pub reason: Option<String>,
    pub message: String,
    pub details: Vec<(String, Value)>,
    /// Only the AAL error serialises this extra top-level key, and it skips
    /// herodot's enhancer, so it carries no `request`.
    pub redirect_browser_to: Option<String>,
}

impl KratosError {
    pub fn new(status: StatusCode) -> Self {
        Self {
            status,
            id: None,
            reason: None,
            message: default_message(status).to_owned(),
            details: Vec::new(),
            redirect_browser_to: None,
        }
    }

    pub fn bad_request() -> Self {
        Self::new(StatusCode::BAD_REQUEST)
    }

    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED)
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND)
    }

    /// The database layer's "not found" (CONTRACT.md §10).
    pub fn not_located() -> Self {
        Self::not_found().message("Unable to locate the resource")
    }

    pub fn id(mut self, id: &'static str) -> Self {
        self.id = Some(id);
        self
    }

    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn detail(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.details.push((key.to_owned(), value.into()));
        self
    }

    /// 401 from a session endpoint other than whoami (`GET`/`DELETE /sessions…`).
    pub fn no_session_cookie() -> Self {
        Self::unauthorized().reason("No valid session cookie found.")
    }

    /// 401 from whoami: the real body has no id, whatever the spec says (§3, §11.1).
    pub fn whoami_unauthorized() -> Self {
        Self::unauthorized().reason("No valid session credentials found in the request.")
    }

    /// 401 `session_inactive` from the logout endpoints (§9).
    pub fn session_inactive() -> Self {
        Self::unauthorized()
            .id("session_inactive")
            .reason("No active session was found in this request.")
            .message("request does not have a valid authentication session")
    }

    /// 403 `session_aal2_required` in its special shape (§1.5).
    pub fn aal2_required(public_base: &str) -> Self {
        let to = format!("{public_base}/self-service/login/browser?aal=aal2");
        let mut e = Self::forbidden()
            .id("session_aal2_required")
            .reason("An active session was found but it does not fulfill the requested Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.")
            .message("Session does not fulfill the requested Authenticator Assurance Level")
            .detail("redirect_browser_to", to.clone());
        e.redirect_browser_to = Some(to);
        e
    }

    /// A 500 carrying the cause as its reason, as Kratos's handlers wrap
    /// an error from the database.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR).reason(cause.to_string())
    }

    pub fn return_to_forbidden(url: &str) -> Self {
        Self::bad_request()
            .id("self_service_flow_return_to_forbidden")
            .reason(format!("Requested return_to URL \"{url}\" is not allowed."))
    }

    /// The body as herodot serialises it.
    pub fn body(&self) -> Value {
        let mut error = Map::new();
        if let Some(id) = self.id {
            error.insert("id".into(), json!(id));
        }
        error.insert("code".into(), json!(self.status.as_u16()));
        if let Some(phrase) = self.status.canonical_reason() {
            error.insert("status".into(), json!(phrase));
        }
        if self.redirect_browser_to.is_none() {
            if let Some(request) = REQUEST_ID.try_with(Clone::clone).ok().flatten() {
                error.insert("request".into(), json!(request));
            }
        }
        if let Some(reason) = &self.reason {
            error.insert("reason".into(), json!(reason));
        }
        if !self.details.is_empty() {
            error.insert("details".into(), Value::Object(self.details.iter().cloned().collect()));
        }
        error.insert("message".into(), json!(self.message));
        let mut body = Map::new();
        body.insert("error".into(), Value::Object(error));
        if let Some(to) = &self.redirect_browser_to {
            body.insert("redirect_browser_to".into(), json!(to));
        }
        Value::Object(body)
    }
}

impl IntoResponse for KratosError {
    fn into_response(self) -> Response {
        let body = self.body().to_string();
        let mut res = (self.status, body).into_response();
        let headers = res.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let id = HeaderValue::from_str(self.id.unwrap_or("")).unwrap_or(HeaderValue::from_static(""));
        headers.insert("ory-error-id", id);
        res
    }
}

/// The store's errors (a data file that cannot be written) are 500s.
impl From<std::io::Error> for KratosError {
    fn from(e: std::io::Error) -> Self {
        Self::internal(e)
    }
}

fn default_message(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "The request was malformed or contained invalid parameters",
        401 => "The request could not be authorized",
        403 => "The requested action was forbidden",
        404 => "The requested resource could not be found",
        _ => "An internal server error occurred, please contact the system administrator",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whoami_401_matches_kratos_byte_for_byte() {
        assert_eq!(
            KratosError::whoami_unauthorized().body().to_string(),
            r#"{"error":{"code":401,"status":"Unauthorized","reason":"No valid session credentials found in the request.","message":"The request could not be authorized"}}"#
        );
    }

    #[test]
    fn aal_error_has_top_level_redirect_and_no_request() {
        let body = KratosError::aal2_required("http://k").body();
        assert_eq!(body["redirect_browser_to"], "http://k/self-service/login/browser?aal=aal2");
        assert_eq!(body["error"]["details"]["redirect_browser_to"], body["redirect_browser_to"]);
        assert_eq!(body["error"]["id"], "session_aal2_required");
    }
}
