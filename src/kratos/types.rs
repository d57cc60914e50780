//! The parts of Kratos's JSON the page reads. Unknown fields, the identity
//! included, are dropped on reading: the page never holds more of the user
//! than it shows. Optional fields are lenient ([`super::lenient`]): one odd
//! value never hides a session.

use serde::Deserialize;

use super::lenient;

/// A session as `/sessions/whoami` and `GET /sessions` return it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Session {
    pub id: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub active: Option<bool>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub expires_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub authenticated_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub issued_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub authenticator_assurance_level: Option<String>,
    #[serde(default, deserialize_with = "lenient::objects")]
    pub authentication_methods: Vec<AuthMethod>,
    /// Kratos sends `null` on some endpoints (CONTRACT.md §2.3): empty.
    #[serde(default, deserialize_with = "lenient::objects")]
    pub devices: Vec<Device>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuthMethod {
    #[serde(default, deserialize_with = "lenient::string")]
    pub method: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub aal: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub completed_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub provider: Option<String>,
}

/// One sign-in of a session: Kratos appends one on every activation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Device {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub ip_address: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_agent: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub location: Option<String>,
}

/// `DELETE /sessions` answers `{"count": N}`: a whole number, never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct RevokedCount {
    pub count: u64,
}

/// `GET /self-service/logout/browser`
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LogoutFlow {
    pub logout_url: String,
}

/// herodot's error envelope (CONTRACT.md §1.4), with the AAL error's extra
/// top-level `redirect_browser_to` (§1.5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ErrorEnvelope {
    #[serde(default, deserialize_with = "lenient::object")]
    pub error: ErrorBody,
    #[serde(default, deserialize_with = "lenient::string")]
    pub redirect_browser_to: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient::status")]
    pub code: Option<u16>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub reason: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub message: Option<String>,
}

/// Reads `T` from JSON text (serde_json natively, the browser's parser in
/// the wasm); `None` when it is not `T`.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// Reads `T` from JSON text (serde_json natively, the browser's parser in
/// the wasm); `None` when it is not `T`.
#[cfg(target_arch = "wasm32")]
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::from_str;
    use super::*;

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
        let odd: Session = from_str(
            r#"{"id":"c","devices":[1,"x",{"ip_address":5,"user_agent":"curl/8","extra":{"deep":[1]}}],
                "authentication_methods":[null,{"method":"password","completed_at":false}]}"#,
        )
        .unwrap();
        assert_eq!(odd.devices.len(), 1, "elements that are not objects are skipped");
        assert_eq!(
            (odd.devices[0].ip_address.as_deref(), odd.devices[0].user_agent.as_deref()),
            (None, Some("curl/8"))
        );
        assert_eq!(odd.authentication_methods[0].method.as_deref(), Some("password"));
        assert_eq!(odd.authentication_methods[0].completed_at, None);
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
        assert_eq!(from_str::<ErrorEnvelope>("not json"), None);
    }
}
