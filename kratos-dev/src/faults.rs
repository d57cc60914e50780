//! Fault injection for the public listener (kratos-dev's own, not Kratos):
//! the next `times` matching requests get a chosen answer, a delay or a
//! dropped connection. CORS preflights are never faulted, so a fault meant
//! for a `DELETE` reaches the `DELETE` itself.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Matches any method when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// The exact path, or a prefix when it ends in `*`.
    pub path: String,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    #[serde(default)]
    pub drop_connection: bool,
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

impl Fault {
    pub fn validate(&self) -> Result<(), String> {
        if !self.path.starts_with('/') {
            return Err("path must start with /".into());
        }
        if self.times == 0 {
            return Err("times must be at least 1".into());
        }
        if let Some(s) = self.status {
            StatusCode::from_u16(s).map_err(|_| format!("status {s} is not an HTTP status"))?;
        }
        if self.status.is_none() && self.delay_ms.is_none() && !self.drop_connection {
            return Err("a fault needs a status, a delay_ms or drop_connection".into());
        }
        if let Some(m) = &self.method {
            Method::from_bytes(m.to_ascii_uppercase().as_bytes())
                .map_err(|_| format!("{m:?} is not an HTTP method"))?;
        }
        Ok(())
    }

    fn matches(&self, method: &Method, path: &str) -> bool {
        let method_ok = self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()));
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => self.path == path,
        };
        method_ok && path_ok
    }
}

#[derive(Clone, Default)]
pub struct Faults(Arc<Mutex<Vec<Fault>>>);

/// Marks a response whose connection the server loop must drop unanswered.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

impl Faults {
    pub fn add(&self, fault: Fault) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(fault);
    }

    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    pub fn pending(&self) -> Vec<Fault> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Takes one use of the first fault matching the request.
    fn take(&self, method: &Method, path: &str) -> Option<Fault> {
        let mut faults = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let i = faults.iter().position(|f| f.matches(method, path))?;
        let f = faults.get_mut(i)?;
        // Saturating: `add` takes a fault as given, and `times: 0` (which
        // `validate` refuses) must still not underflow here.
        f.times = f.times.saturating_sub(1);
        let taken = f.clone();
        if f.times == 0 {
            faults.remove(i);
        }
        Some(taken)
    }
}

pub async fn layer(State(faults): State<Faults>, req: Request, next: Next) -> Response {
    let preflight =
        req.method() == Method::OPTIONS && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let fault = if preflight { None } else { faults.take(req.method(), req.uri().path()) };
    let Some(fault) = fault else {
        return next.run(req).await;
    };
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if fault.drop_connection {
        let mut res = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        res.extensions_mut().insert(DropConnection);
        return res;
    }
    let Some(status) = fault.status.and_then(|s| StatusCode::from_u16(s).ok()) else {
        return next.run(req).await;
    };
    let mut res = (status, fault.body.unwrap_or_default()).into_response();
    let ct = fault.content_type.as_deref().unwrap_or("application/json");
    if let Ok(v) = HeaderValue::from_str(ct) {
        res.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    res
}
