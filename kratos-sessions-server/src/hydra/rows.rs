//! Hydra's consent-session rows, read into structs that hold only what the
//! page may see. A row also carries the token claims the app was given
//! (`session`: personal data), the login and consent challenges, and the
//! whole client (owner, contacts, metadata, redirect URIs, JWKS...): none
//! of it is even deserialized, so none of it can leak.

use serde::{Deserialize, Deserializer};
use time::OffsetDateTime;

#[derive(Debug, Deserialize)]
pub(crate) struct ConsentRow {
    #[serde(default, deserialize_with = "null_default")]
    pub grant_scope: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub grant_access_token_audience: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub handled_at: OffsetDateTime,
    #[serde(default, deserialize_with = "null_default")]
    pub remember: bool,
    /// Seconds; 0 means "remembered until revoked".
    #[serde(default, deserialize_with = "null_default")]
    pub remember_for: i64,
    pub consent_request: ConsentRequest,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ConsentRequest {
    pub client: Client,
}

/// The client's public face, as its consent screen shows it.
#[derive(Debug, Deserialize)]
pub(crate) struct Client {
    pub client_id: String,
    #[serde(default)]
    pub client_name: Option<String>,
    #[serde(default)]
    pub logo_uri: Option<String>,
    #[serde(default)]
    pub client_uri: Option<String>,
    #[serde(default)]
    pub policy_uri: Option<String>,
    #[serde(default)]
    pub tos_uri: Option<String>,
}

/// Go writes an empty slice as `null`.
fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}
