//! The parts of Kratos's JSON the page reads. Unknown fields, the identity
//! included, are skipped: the page never holds more of the user than it shows.

use super::json::{FromJson, Json};

/// A session as `/sessions/whoami` and `GET /sessions` return it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: String,
    pub active: Option<bool>,
    pub expires_at: Option<String>,
    pub authenticated_at: Option<String>,
    pub issued_at: Option<String>,
    pub authenticator_assurance_level: Option<String>,
    pub authentication_methods: Vec<AuthMethod>,
    /// Kratos sends `null` on some endpoints (CONTRACT.md §2.3): empty.
    pub devices: Vec<Device>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthMethod {
    pub method: Option<String>,
    pub aal: Option<String>,
    pub completed_at: Option<String>,
    pub provider: Option<String>,
}

/// One sign-in of a session: Kratos appends one on every activation.
#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub id: Option<String>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub location: Option<String>,
}

/// `DELETE /sessions` answers `{"count": N}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevokedCount {
    pub count: u64,
}

/// `GET /self-service/logout/browser`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoutFlow {
    pub logout_url: String,
}

/// herodot's error envelope (CONTRACT.md §1.4), with the AAL error's extra
/// top-level `redirect_browser_to` (§1.5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
    pub redirect_browser_to: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBody {
    pub id: Option<String>,
    pub code: Option<u16>,
    pub reason: Option<String>,
    pub message: Option<String>,
}

impl FromJson for Session {
    fn from_json(v: &impl Json) -> Option<Self> {
        Some(Self {
            id: v.str_field("id")?,
            active: v.field("active").and_then(|a| a.boolean()),
            expires_at: v.str_field("expires_at"),
            authenticated_at: v.str_field("authenticated_at"),
            issued_at: v.str_field("issued_at"),
            authenticator_assurance_level: v.str_field("authenticator_assurance_level"),
            authentication_methods: v.list_field("authentication_methods"),
            devices: v.list_field("devices"),
        })
    }
}

impl FromJson for AuthMethod {
    fn from_json(v: &impl Json) -> Option<Self> {
        v.is_map().then(|| Self {
            method: v.str_field("method"),
            aal: v.str_field("aal"),
            completed_at: v.str_field("completed_at"),
            provider: v.str_field("provider"),
        })
    }
}

impl FromJson for Device {
    fn from_json(v: &impl Json) -> Option<Self> {
        v.is_map().then(|| Self {
            id: v.str_field("id"),
            ip_address: v.str_field("ip_address"),
            user_agent: v.str_field("user_agent"),
            location: v.str_field("location"),
        })
    }
}

impl FromJson for RevokedCount {
    fn from_json(v: &impl Json) -> Option<Self> {
        let count = v.field("count")?.number()?;
        // A count is a whole number of sessions, never negative.
        (count >= 0.0 && count.fract() == 0.0).then_some(Self { count: count as u64 })
    }
}

impl FromJson for LogoutFlow {
    fn from_json(v: &impl Json) -> Option<Self> {
        Some(Self { logout_url: v.str_field("logout_url")? })
    }
}

impl FromJson for ErrorEnvelope {
    fn from_json(v: &impl Json) -> Option<Self> {
        if !v.is_map() {
            return None;
        }
        let error = v.field("error").and_then(|e| ErrorBody::from_json(&e)).unwrap_or_default();
        Some(Self { error, redirect_browser_to: v.str_field("redirect_browser_to") })
    }
}

impl FromJson for ErrorBody {
    fn from_json(v: &impl Json) -> Option<Self> {
        let code = v.field("code").and_then(|c| c.number()).filter(|c| (0.0..=999.0).contains(c));
        v.is_map().then(|| Self {
            id: v.str_field("id"),
            code: code.map(|c| c as u16),
            reason: v.str_field("reason"),
            message: v.str_field("message"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kratos::json::from_str;

    #[test]
    fn a_session_reads_what_the_page_shows() {
        let s: Session = from_str(
            r#"{"id":"a","active":true,"expires_at":"2026-01-02T00:00:00Z","authenticator_assurance_level":"aal2",
                "authentication_methods":[{"method":"oidc","aal":"aal1","provider":"github","completed_at":"2026-01-01T00:00:00Z"}],
                "devices":[{"id":"d","ip_address":"203.0.113.1","user_agent":"curl/8","location":"Berlin, DE"}],
                "identity":{"id":"i","traits":{"email":"x@example.com"}}}"#,
        )
        .unwrap();
        assert_eq!(s.id, "a");
        assert_eq!(s.active, Some(true));
        assert_eq!(s.authentication_methods[0].provider.as_deref(), Some("github"));
        assert_eq!(s.devices[0].location.as_deref(), Some("Berlin, DE"));
        assert_eq!(s.authenticated_at, None);
    }

    #[test]
    fn nulls_and_odd_fields_read_as_absent_but_an_id_is_required() {
        let s: Session =
            from_str(r#"{"id":"b","devices":null,"authentication_methods":"x","active":"yes","issued_at":5}"#).unwrap();
        assert!(s.devices.is_empty() && s.authentication_methods.is_empty());
        assert_eq!((s.active, s.issued_at), (None, None));
        assert_eq!(from_str::<Session>(r#"{"active":true}"#), None);
        assert_eq!(from_str::<Session>(r#"{"id":7}"#), None);
        assert_eq!(from_str::<Vec<Session>>(r#"[{"id":"a"},{"nope":1}]"#), None, "a list with a broken session");
        assert_eq!(from_str::<Vec<Session>>(r#"{"id":"a"}"#), None, "an object where a list belongs");
        assert_eq!(from_str::<Vec<Session>>("[]"), Some(vec![]));
    }

    #[test]
    fn counts_flows_and_error_envelopes() {
        assert_eq!(from_str::<RevokedCount>(r#"{"count":3}"#), Some(RevokedCount { count: 3 }));
        assert_eq!(from_str::<RevokedCount>(r#"{"count":-1}"#), None);
        assert_eq!(from_str::<RevokedCount>(r#"{"count":1.5}"#), None);
        assert_eq!(from_str::<LogoutFlow>(r#"{"logout_token":"t"}"#), None);
        let e: ErrorEnvelope = from_str(
            r#"{"error":{"id":"session_aal2_required","code":403,"reason":"r","message":"m"},"redirect_browser_to":"https://x/"}"#,
        )
        .unwrap();
        assert_eq!(e.error.id.as_deref(), Some("session_aal2_required"));
        assert_eq!(e.error.code, Some(403));
        assert_eq!(e.redirect_browser_to.as_deref(), Some("https://x/"));
        assert_eq!(from_str::<ErrorEnvelope>("{}"), Some(ErrorEnvelope::default()));
        assert_eq!(from_str::<ErrorEnvelope>("[1]"), None);
        assert_eq!(from_str::<ErrorEnvelope>("not json"), None);
    }
}
