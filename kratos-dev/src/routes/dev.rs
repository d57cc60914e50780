//! kratos-dev's own admin routes under `/dev/` (not part of Kratos):
//! seeding sessions and injecting faults.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::faults::Fault;
use crate::http::cookies;
use crate::http::request::decode_json;
use crate::http::response::{json_ok, no_content};
use crate::state::AppState;
use crate::store::seed::{seed, SeedSession};
use crate::wire::session::{self, DevicesView, IdentityView};
use crate::wire::{timefmt, KratosError};

/// `POST /dev/sessions`
pub async fn create_session(State(st): State<AppState>, body: Bytes) -> Result<Response, KratosError> {
    let req: SeedSession = decode_json(&body)?;
    let (session, identity) = seed(&st.store, st.cfg.lifespan(), req)?;
    let body = session::session(
        st.cfg.dialect(),
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
    Ok(json_ok(StatusCode::CREATED, &created))
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
pub async fn add_fault(State(st): State<AppState>, body: Bytes) -> Result<Response, KratosError> {
    let fault: Fault = decode_json(&body)?;
    fault.validate().map_err(|reason| KratosError::bad_request().reason(reason))?;
    st.faults.add(fault.clone());
    let v = serde_json::to_value(&fault).map_err(KratosError::internal)?;
    Ok(json_ok(StatusCode::CREATED, &v))
}

/// `GET /dev/faults`: those still pending.
pub async fn list_faults(State(st): State<AppState>) -> Result<Response, KratosError> {
    let v = serde_json::to_value(st.faults.pending()).map_err(KratosError::internal)?;
    Ok(json_ok(StatusCode::OK, &v))
}

/// `DELETE /dev/faults`
pub async fn clear_faults(State(st): State<AppState>) -> Response {
    st.faults.clear();
    no_content()
}
