//! kratos-dev's own admin routes under `/dev/` (not part of Kratos):
//! seeding sessions and injecting faults.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::cookies;
use crate::errors::{json_ok, no_content, KratosError};
use crate::faults::Fault;
use crate::public::internal;
use crate::state::AppState;
use crate::store::{AuthMethod, Device, Identity, NewSession, Session};
use crate::timefmt;
use crate::wire::{self, DevicesView, IdentityView};

/// Decodes a JSON body, answering malformed input with Kratos's 400 shape.
pub fn decode<T: DeserializeOwned>(body: &Bytes) -> Result<T, KratosError> {
    serde_json::from_slice(body).map_err(|e| KratosError::bad_request().reason(json_error_reason(&e)))
}

/// Kratos's reason for a body that is not JSON. Go's decoder says
/// "unexpected EOF" for a truncated body; for other syntax errors its
/// wording (e.g. "invalid character 'x' looking for beginning of value")
/// is not reproduced, serde's is given instead (docs/kratos-dev.md).
pub fn json_error_reason(e: &serde_json::Error) -> String {
    if e.is_eof() {
        "Unable to decode JSON payload: unexpected EOF".into()
    } else {
        format!("Unable to decode JSON payload: {e}")
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedSession {
    pub identity_id: Option<Uuid>,
    pub traits: Option<Value>,
    pub second_factor: Option<bool>,
    #[serde(default)]
    pub devices: Vec<SeedDevice>,
    #[serde(default)]
    pub authentication_methods: Vec<SeedMethod>,
    pub aal: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub authenticated_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedDevice {
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
    pub location: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedMethod {
    pub method: String,
    pub aal: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
    pub provider: Option<String>,
}

/// Methods that satisfy a second factor on their own (Kratos's AAL2 set).
fn default_aal(method: &str) -> &'static str {
    match method {
        "totp" | "webauthn" | "lookup_secret" => "aal2",
        _ => "aal1",
    }
}

/// Creates the session (and its identity when none is named); shared by the
/// route and the demo seed.
pub fn seed(st: &AppState, req: SeedSession) -> Result<(Session, Identity), KratosError> {
    let identity = match req.identity_id {
        Some(id) => st
            .store
            .identity(id)
            .ok_or_else(|| KratosError::not_located().reason(format!("identity {id} does not exist")))?,
        None => {
            let traits = req
                .traits
                .unwrap_or_else(|| json!({ "email": format!("user-{}@example.com", Uuid::new_v4().simple()) }));
            st.store
                .create_identity(traits, req.second_factor.unwrap_or(false))
                .map_err(|e| KratosError::new(StatusCode::INTERNAL_SERVER_ERROR).reason(e.to_string()))?
        }
    };
    let authenticated_at = req.authenticated_at.unwrap_or_else(timefmt::now);
    let methods = req
        .authentication_methods
        .into_iter()
        .map(|m| AuthMethod {
            aal: m.aal.unwrap_or_else(|| default_aal(&m.method).to_owned()),
            method: m.method,
            completed_at: m.completed_at.unwrap_or(authenticated_at),
            provider: m.provider,
        })
        .collect();
    let devices = req
        .devices
        .into_iter()
        .map(|d| Device {
            id: Uuid::new_v4(),
            ip_address: d.ip_address,
            user_agent: d.user_agent,
            location: Some(d.location.unwrap_or_default()),
        })
        .collect();
    let new = NewSession {
        identity_id: identity.id,
        aal: req.aal,
        methods,
        devices,
        authenticated_at: Some(authenticated_at),
        expires_at: req.expires_at,
        active: req.active,
    };
    let session = st
        .store
        .create_session(new, st.cfg.lifespan())
        .map_err(|e| KratosError::new(StatusCode::INTERNAL_SERVER_ERROR).reason(e.to_string()))?;
    Ok((session, identity))
}

/// `POST /dev/sessions`
pub async fn create_session(State(st): State<AppState>, body: Bytes) -> Response {
    match decode::<SeedSession>(&body).and_then(|req| seed(&st, req)) {
        Ok((session, identity)) => {
            let body = wire::session(
                &st.cfg,
                &session,
                Some(&identity),
                IdentityView::WithAddresses,
                DevicesView::Full,
                timefmt::now(),
            );
            let created = json!({
                "session": body,
                "session_token": session.token,
                "cookie": cookies::encode(&session.token, session.expires_at),
            });
            json_ok(StatusCode::CREATED, &created)
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /dev/identities`
pub async fn list_identities(State(st): State<AppState>) -> Response {
    let list: Vec<Value> = st
        .store
        .identities()
        .iter()
        .map(|i| json!({ "id": i.id, "traits": i.traits, "second_factor": i.second_factor }))
        .collect();
    json_ok(StatusCode::OK, &json!(list))
}

/// `POST /dev/faults`
pub async fn add_fault(State(st): State<AppState>, body: Bytes) -> Response {
    let fault: Fault = match decode(&body) {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    if let Err(reason) = fault.validate() {
        return KratosError::bad_request().reason(reason).into_response();
    }
    st.faults.add(fault.clone());
    match serde_json::to_value(&fault) {
        Ok(v) => json_ok(StatusCode::CREATED, &v),
        Err(e) => internal(e),
    }
}

/// `GET /dev/faults`: those still pending.
pub async fn list_faults(State(st): State<AppState>) -> Response {
    match serde_json::to_value(st.faults.pending()) {
        Ok(v) => json_ok(StatusCode::OK, &v),
        Err(e) => internal(e),
    }
}

/// `DELETE /dev/faults`
pub async fn clear_faults(State(st): State<AppState>) -> Response {
    st.faults.clear();
    no_content()
}
