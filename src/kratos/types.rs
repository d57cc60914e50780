//! The parts of Kratos's JSON the page reads. Unknown fields, the identity
//! included, are skipped: the page never holds more of the user than it shows.

use serde::{Deserialize, Deserializer};

/// A session as `/sessions/whoami` and `GET /sessions` return it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Session {
    pub id: String,
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub expires_at: Option<String>,
    #[serde(default)]
    pub authenticated_at: Option<String>,
    #[serde(default)]
    pub issued_at: Option<String>,
    #[serde(default)]
    pub authenticator_assurance_level: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub authentication_methods: Vec<AuthMethod>,
    /// Kratos sends `null` on some endpoints (CONTRACT.md §2.3).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub devices: Vec<Device>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuthMethod {
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub aal: Option<String>,
    #[serde(default)]
    pub completed_at: Option<String>,
    #[serde(default)]
    pub provider: Option<String>,
}

/// One sign-in of a session: Kratos appends one on every activation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Device {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub user_agent: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
}

/// `DELETE /sessions` answers `{"count": N}`.
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
    #[serde(default)]
    pub error: ErrorBody,
    #[serde(default)]
    pub redirect_browser_to: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
