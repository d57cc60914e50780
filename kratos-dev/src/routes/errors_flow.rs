//! Browser-mode errors: Kratos stores the error and redirects the browser to
//! `selfservice.flows.error.ui_url?id=…`; `GET /self-service/errors?id=…`
//! returns it (CONTRACT.md §1.6).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, Response};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::http::html::{escape, page};
use crate::http::response::json_ok;
use crate::state::AppState;
use crate::wire::KratosError;

#[derive(Deserialize)]
pub struct IdQuery {
    id: Option<String>,
}

impl IdQuery {
    /// The stored flow the query names, if any.
    fn flow(&self, st: &AppState) -> Option<Value> {
        self.id.as_deref().and_then(|id| Uuid::parse_str(id).ok()).and_then(|id| st.error_flows.get(id))
    }
}

/// `GET /self-service/errors?id=…`
pub async fn get(State(st): State<AppState>, Query(q): Query<IdQuery>) -> Result<Response, KratosError> {
    let flow = q.flow(&st).ok_or_else(KratosError::not_located)?;
    Ok(json_ok(StatusCode::OK, &flow))
}

/// kratos-dev's stand-in for a self-service UI's error page.
pub async fn ui(State(st): State<AppState>, Query(q): Query<IdQuery>) -> Html<String> {
    let flow = q.flow(&st);
    let text = flow
        .as_ref()
        .and_then(|f| f.pointer("/error/reason").or(f.pointer("/error/message")).and_then(|v| v.as_str()))
        .unwrap_or("This error is unknown or has expired.");
    page("Error", &format!("<h1>Something went wrong</h1><p role=\"alert\">{}</p>", escape(text)))
}
