//! Browser-mode errors: Kratos stores the error and redirects the browser to
//! `selfservice.flows.error.ui_url?id=…`; `GET /self-service/errors?id=…`
//! returns it (CONTRACT.md §1.6).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::errors::{json_ok, KratosError};
use crate::html::escape;
use crate::state::AppState;
use crate::timefmt;

#[derive(Clone, Default)]
pub struct ErrorFlows(Arc<Mutex<HashMap<Uuid, Value>>>);

impl ErrorFlows {
    /// Stores the error and answers with the 303 a browser gets.
    pub fn redirect(&self, ui_url: &str, error: &KratosError) -> Response {
        let id = Uuid::new_v4();
        let now = timefmt::format(timefmt::now());
        let flow = json!({ "id": id, "error": error.body().get("error"), "created_at": now, "updated_at": now });
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(id, flow);
        see_other(&format!("{ui_url}?id={id}"))
    }

    fn get(&self, id: Uuid) -> Option<Value> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&id).cloned()
    }
}

/// A 303 as Go's `http.Redirect` writes it for a GET.
pub fn see_other(location: &str) -> Response {
    go_redirect(&Method::GET, StatusCode::SEE_OTHER, location)
}

/// A redirect as Go's `http.Redirect` writes it: for a GET or HEAD with a
/// tiny HTML body linking the target, for other methods with none.
pub fn go_redirect(method: &Method, status: StatusCode, location: &str) -> Response {
    let mut res = status.into_response();
    if method == Method::GET || method == Method::HEAD {
        let phrase = status.canonical_reason().unwrap_or("");
        let body = format!("<a href=\"{}\">{phrase}</a>.\n", go_html_escape(location));
        res = (status, body).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    }
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(location) {
        h.insert(header::LOCATION, v);
    }
    res
}

/// Go's `html.EscapeString` set (`&'<>"`), which `http.Redirect` uses.
fn go_html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('\'', "&#39;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&#34;")
}

#[derive(Deserialize)]
pub struct IdQuery {
    id: Option<String>,
}

/// `GET /self-service/errors?id=…`
pub async fn get(State(st): State<AppState>, Query(q): Query<IdQuery>) -> Response {
    match q.id.as_deref().and_then(|id| Uuid::parse_str(id).ok()).and_then(|id| st.error_flows.get(id)) {
        Some(flow) => json_ok(StatusCode::OK, &flow),
        None => KratosError::not_located().into_response(),
    }
}

/// kratos-dev's stand-in for a self-service UI's error page.
pub async fn ui(State(st): State<AppState>, Query(q): Query<IdQuery>) -> Html<String> {
    let flow = q.id.as_deref().and_then(|id| Uuid::parse_str(id).ok()).and_then(|id| st.error_flows.get(id));
    let text = flow
        .as_ref()
        .and_then(|f| f.pointer("/error/reason").or(f.pointer("/error/message")).and_then(|v| v.as_str()))
        .unwrap_or("This error is unknown or has expired.");
    crate::html::page("Error", &format!("<h1>Something went wrong</h1><p role=\"alert\">{}</p>", escape(text)))
}
