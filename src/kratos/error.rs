//! Everything that can go wrong talking to Kratos, as the page must tell it
//! apart. Branches on the status and `error.id`, never on reason text.

use std::fmt;

use super::types::ErrorEnvelope;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401: no valid session; the user must sign in.
    SignedOut,
    /// 403 `session_aal2_required`: go to `redirect_to` for a second factor.
    SecondFactorRequired { redirect_to: Option<String> },
    /// Kratos answered with an error the page has no special path for.
    Status { status: u16, id: Option<String>, message: Option<String> },
    /// The answer's body was not what Kratos sends.
    Malformed { status: u16 },
    /// Kratos did not answer in time.
    Timeout,
    /// Kratos is reachable, but the browser withheld the answer: its CORS
    /// settings do not allow this page's origin with credentials.
    Cors { origin: String },
    /// Kratos could not be reached at all.
    Network,
}

impl ApiError {
    /// Maps a non-success answer, its body already parsed, to the error it
    /// stands for; `None` when the body was not Kratos's JSON.
    pub fn from_envelope(status: u16, envelope: Option<ErrorEnvelope>) -> Self {
        let id = envelope.as_ref().and_then(|e| e.error.id.clone());
        match (status, id.as_deref()) {
            (401, _) => Self::SignedOut,
            (403, Some("session_aal2_required")) => {
                Self::SecondFactorRequired { redirect_to: envelope.and_then(|e| e.redirect_browser_to) }
            }
            _ => match envelope {
                Some(e) => Self::Status { status, id, message: e.error.reason.or(e.error.message) },
                None => Self::Malformed { status },
            },
        }
    }

    /// [`Self::from_envelope`] for a body as text.
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub fn from_status(status: u16, body: &str) -> Self {
        let envelope = super::types::from_str::<super::lenient::Object<_>>(body).and_then(|e| e.0);
        Self::from_envelope(status, envelope)
    }

    /// Whether trying again may help (a retry button makes sense).
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Timeout | Self::Network | Self::Malformed { .. } | Self::Cors { .. })
            || matches!(self, Self::Status { status, .. } if *status >= 500)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SignedOut => f.write_str("not signed in"),
            Self::SecondFactorRequired { .. } => f.write_str("second factor required"),
            Self::Status { status, id, .. } => write!(f, "Kratos answered {status} {}", id.as_deref().unwrap_or("")),
            Self::Malformed { status } => {
                write!(f, "unexpected answer from Kratos (HTTP {status})")
            }
            Self::Timeout => f.write_str("Kratos did not answer in time"),
            Self::Cors { origin } => write!(f, "blocked by CORS for origin {origin}"),
            Self::Network => f.write_str("Kratos could not be reached"),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whoami_401_has_no_id_and_still_means_signed_out() {
        let body = r#"{"error":{"code":401,"status":"Unauthorized","reason":"No valid session credentials found in the request.","message":"The request could not be authorized"}}"#;
        assert_eq!(ApiError::from_status(401, body), ApiError::SignedOut);
    }

    #[test]
    fn aal2_carries_the_redirect() {
        let body = r#"{"error":{"id":"session_aal2_required","code":403},"redirect_browser_to":"http://k/self-service/login/browser?aal=aal2"}"#;
        assert_eq!(
            ApiError::from_status(403, body),
            ApiError::SecondFactorRequired { redirect_to: Some("http://k/self-service/login/browser?aal=aal2".into()) }
        );
    }

    #[test]
    fn other_403_is_not_aal() {
        let body = r#"{"error":{"id":"security_csrf_violation","code":403,"reason":"r"}}"#;
        assert!(matches!(ApiError::from_status(403, body), ApiError::Status { status: 403, .. }));
    }

    #[test]
    fn garbage_is_malformed_and_transient() {
        assert_eq!(ApiError::from_status(500, "[1]"), ApiError::Malformed { status: 500 }, "a list is no envelope");
        assert!(matches!(ApiError::from_status(500, r#"{"error":"x"}"#), ApiError::Status { status: 500, .. }));
        let e = ApiError::from_status(502, "<html>bad gateway</html>");
        assert_eq!(e, ApiError::Malformed { status: 502 });
        assert!(e.is_transient());
        assert!(!ApiError::SignedOut.is_transient());
    }
}
