//! What kratos-dev keeps and Kratos serialises: identities, sessions, their
//! authentication methods and devices, and the random tokens they carry.

use rand::distr::{Alphanumeric, SampleString};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Identity {
    pub id: Uuid,
    pub traits: Value,
    /// Whether the identity has a second factor (TOTP, WebAuthn, …) set up,
    /// which is what `required_aal: highest_available` looks at.
    pub second_factor: bool,
    pub state: IdentityState,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum IdentityState {
    Active,
    Inactive,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Device {
    pub id: Uuid,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub location: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AuthMethod {
    pub method: String,
    pub aal: String,
    pub completed_at: OffsetDateTime,
    pub provider: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Session {
    pub id: Uuid,
    pub identity_id: Uuid,
    pub token: String,
    pub logout_token: String,
    /// The stored flag; the serialised `active` also looks at expiry (§2.2).
    pub active: bool,
    pub aal: String,
    pub authenticated_at: OffsetDateTime,
    pub issued_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub created_at: OffsetDateTime,
    /// Breaks ties between sessions created in the same microsecond.
    pub seq: u64,
    pub methods: Vec<AuthMethod>,
    pub devices: Vec<Device>,
}

impl Session {
    /// Active as Kratos computes it when serialising.
    pub fn is_active(&self, identity: Option<&Identity>, now: OffsetDateTime) -> bool {
        self.active && self.expires_at > now && identity.is_none_or(|i| i.state == IdentityState::Active)
    }
}

/// 32 random alphanumerics after `prefix` (`ory_st_`, `ory_lo_`, or none
/// for cookie nonces and CSRF tokens).
pub fn random_token(prefix: &str) -> String {
    format!("{prefix}{}", Alphanumeric.sample_string(&mut rand::rng(), 32))
}
