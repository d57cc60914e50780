//! Who is asking: the caller's own Kratos credentials (the `Cookie` or
//! `X-Session-Token` header) are forwarded to Kratos's whoami, and the
//! subject is the identity id Kratos answers with. Nothing in the request
//! itself can name a subject.

use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use serde::Deserialize;

use crate::error::{ApiError, Failure, Upstream};
use crate::upstream::{send, Answer};
use crate::AppState;

pub(crate) struct Kratos {
    http: reqwest::Client,
    whoami: String,
    timeout: Duration,
}

/// Only what is needed: the rest of the session (traits, devices) is
/// personal data this server has no use for.
#[derive(Deserialize)]
struct Whoami {
    identity: Option<Identity>,
}

#[derive(Deserialize)]
struct Identity {
    id: String,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorId,
}

#[derive(Deserialize)]
struct ErrorId {
    id: Option<String>,
}

const SESSION_TOKEN: &str = "x-session-token";

impl Kratos {
    pub fn new(http: reqwest::Client, kratos_public: &str, timeout: Duration) -> Kratos {
        Kratos { http, whoami: format!("{kratos_public}/sessions/whoami"), timeout }
    }

    /// The identity id of the session in `headers`.
    pub async fn subject(&self, headers: &HeaderMap) -> Result<String, ApiError> {
        let cookie = cookie_header(headers);
        let token = headers.get(SESSION_TOKEN);
        if cookie.is_none() && token.is_none() {
            return Err(ApiError::unauthorized());
        }
        let mut req = self.http.get(&self.whoami).header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        if let Some(t) = token {
            req = req.header(SESSION_TOKEN, t);
        }
        let answer = send(Upstream::Kratos, self.timeout, req).await?;
        match answer.status {
            StatusCode::OK => identity_id(&answer),
            StatusCode::FORBIDDEN if is_aal2_required(&answer) => {
                Err(ApiError::verbatim(StatusCode::FORBIDDEN, answer.body))
            }
            s if s.is_client_error() => Err(ApiError::unauthorized()),
            _ => Err(ApiError::upstream(Upstream::Kratos, &answer.unexpected())),
        }
    }
}

/// The request's cookies as one `Cookie` header: over HTTP/2 a browser
/// may send each cookie in a header of its own (RFC 9113 §8.2.3), and the
/// session cookie need not be the first.
fn cookie_header(headers: &HeaderMap) -> Option<HeaderValue> {
    let mut all = headers.get_all(header::COOKIE).iter();
    let first = all.next()?;
    let mut joined = first.as_bytes().to_vec();
    for more in all {
        joined.extend_from_slice(b"; ");
        joined.extend_from_slice(more.as_bytes());
    }
    HeaderValue::from_bytes(&joined).ok()
}

fn identity_id(answer: &Answer) -> Result<String, ApiError> {
    let id = serde_json::from_slice::<Whoami>(&answer.body).ok().and_then(|w| w.identity).map(|i| i.id);
    match id {
        Some(id) if !id.is_empty() => Ok(id),
        _ => Err(ApiError::upstream(Upstream::Kratos, &Failure::Unexpected("a session without an identity".into()))),
    }
}

fn is_aal2_required(answer: &Answer) -> bool {
    serde_json::from_slice::<ErrorBody>(&answer.body)
        .is_ok_and(|b| b.error.id.as_deref() == Some("session_aal2_required"))
}

/// The caller's Kratos identity id. Extracting it costs one whoami call.
pub(crate) struct Subject(pub String);

impl FromRequestParts<AppState> for Subject {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        state.kratos.subject(&parts.headers).await.map(Subject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_cookie_headers_are_joined() {
        let mut h = HeaderMap::new();
        assert!(cookie_header(&h).is_none());
        h.append(header::COOKIE, HeaderValue::from_static("a=1"));
        assert_eq!(cookie_header(&h).unwrap(), "a=1");
        h.append(header::COOKIE, HeaderValue::from_static("ory_kratos_session=s"));
        assert_eq!(cookie_header(&h).unwrap(), "a=1; ory_kratos_session=s");
    }
}
