//! Calls to Kratos's public API from the browser: credentials included,
//! `Accept: application/json` on every call (without it Kratos treats
//! `fetch` as a browser and answers logout with redirects), and a timeout.
//! The browser's own `fetch`, with no HTTP crate between.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestCredentials, RequestInit, RequestMode, Response};

use super::error::ApiError;
use super::json::FromJson;
use super::types::{LogoutFlow, RevokedCount, Session};

/// How long a call may take before the page gives up on it, by default.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Kratos's largest page of `GET /sessions` (the spec says 500; the code
/// allows 1000, CONTRACT.md §11.2).
pub const MAX_PAGE_SIZE: u32 = 1000;

/// One page of the caller's other sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionsPage {
    pub sessions: Vec<Session>,
    /// `X-Total-Count`, when Kratos's CORS config exposes it.
    pub total: Option<u64>,
}

/// A Kratos public API at `base`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kratos {
    base: String,
    timeout_ms: u32,
}

impl Kratos {
    pub fn new(base: &str) -> Self {
        Self { base: base.trim_end_matches('/').to_owned(), timeout_ms: DEFAULT_TIMEOUT_MS }
    }

    /// Gives up on a call after `ms` milliseconds.
    pub fn with_timeout(mut self, ms: u32) -> Self {
        self.timeout_ms = ms;
        self
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET /sessions/whoami`: the session of this browser.
    pub async fn whoami(&self) -> Result<Session, ApiError> {
        json(self.send("GET", &self.url("/sessions/whoami")).await?).await
    }

    /// `GET /sessions`: page `page` (0-based) of the other active sessions.
    pub async fn other_sessions(&self, page: u32, page_size: u32) -> Result<SessionsPage, ApiError> {
        let token = page_token(u64::from(page) * u64::from(page_size));
        let url = self.url(&format!("/sessions?page_size={page_size}&page_token={token}"));
        let res = self.send("GET", &url).await?;
        let total = res.headers().get("x-total-count").ok().flatten().and_then(|v| v.parse().ok());
        Ok(SessionsPage { sessions: json(res).await?, total })
    }

    /// `DELETE /sessions/{id}`. Kratos answers 204 also when the session is
    /// already gone, which is the same outcome for the user.
    pub async fn revoke(&self, id: &str) -> Result<(), ApiError> {
        let url = self.url(&format!("/sessions/{}", encode_path(id)));
        self.send("DELETE", &url).await.map(drop)
    }

    /// `DELETE /sessions`: Kratos's count includes sessions that were
    /// already inactive (CONTRACT.md §6).
    pub async fn revoke_others(&self) -> Result<u64, ApiError> {
        json::<RevokedCount>(self.send("DELETE", &self.url("/sessions")).await?).await.map(|c| c.count)
    }

    /// The browser logout flow: create it, then follow its URL as JSON so
    /// Kratos answers 204 rather than a redirect (CONTRACT.md §9.2).
    pub async fn logout(&self, return_to: Option<&str>) -> Result<(), ApiError> {
        let mut url = self.url("/self-service/logout/browser");
        if let Some(to) = return_to {
            url.push_str("?return_to=");
            url.push_str(&String::from(js_sys::encode_uri_component(to)));
        }
        let flow: LogoutFlow = json(self.send("GET", &url).await?).await?;
        self.send("GET", &flow.logout_url).await.map(drop)
    }

    async fn send(&self, method: &str, url: &str) -> Result<Response, ApiError> {
        let window = web_sys::window().ok_or(ApiError::Network)?;
        let signal = AbortSignal::timeout_with_u32(self.timeout_ms);
        let init = RequestInit::new();
        init.set_method(method);
        init.set_mode(RequestMode::Cors);
        init.set_credentials(RequestCredentials::Include);
        init.set_signal(Some(&signal));
        if let Ok(headers) = Headers::new() {
            let _ = headers.set("Accept", "application/json");
            init.set_headers(&headers);
        }
        match JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map(JsCast::dyn_into::<Response>) {
            Ok(Ok(res)) if res.ok() => Ok(res),
            Ok(Ok(res)) => {
                let status = res.status();
                Err(ApiError::from_envelope(status, json(res).await.ok()))
            }
            Ok(Err(_)) => Err(ApiError::Network),
            Err(_) if signal.aborted() => Err(ApiError::Timeout),
            Err(_) => Err(self.diagnose().await),
        }
    }

    /// `fetch` fails the same way for "unreachable", "dropped" and "blocked
    /// by CORS". Two probes tell them apart: a `no-cors` request succeeds,
    /// opaquely, whenever the server answers at all; a credentialed CORS
    /// request then succeeds only if Kratos allows this origin with
    /// credentials. Reachable and allowed means the failure was transient.
    async fn diagnose(&self) -> ApiError {
        let Some(window) = web_sys::window() else { return ApiError::Network };
        let probe = |mode: RequestMode, credentials: RequestCredentials| {
            let init = RequestInit::new();
            init.set_mode(mode);
            init.set_credentials(credentials);
            JsFuture::from(window.fetch_with_str_and_init(&self.url("/health/alive"), &init))
        };
        let answered = |r: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>| {
            r.is_ok_and(|v| v.is_instance_of::<web_sys::Response>())
        };
        if !answered(probe(RequestMode::NoCors, RequestCredentials::Omit).await) {
            return ApiError::Network;
        }
        if answered(probe(RequestMode::Cors, RequestCredentials::Include).await) {
            return ApiError::Network;
        }
        ApiError::Cors { origin: window.location().origin().unwrap_or_default() }
    }
}

/// The body through the browser's JSON parser, read into `T`.
async fn json<T: FromJson>(res: Response) -> Result<T, ApiError> {
    let status = res.status();
    T::from_json(&parse(res).await?).ok_or(ApiError::Malformed { status })
}

/// The body through the browser's JSON parser. (Apart from [`json`], so
/// this waiting is compiled once, not once per type read.)
async fn parse(res: Response) -> Result<wasm_bindgen::JsValue, ApiError> {
    let malformed = ApiError::Malformed { status: res.status() };
    JsFuture::from(res.json().map_err(|_| malformed.clone())?).await.map_err(|_| malformed)
}

/// Kratos's opaque page token: unpadded base64url of `{"offset":"N","v":2}`.
pub fn page_token(offset: u64) -> String {
    base64url(format!(r#"{{"offset":"{offset}","v":2}}"#).as_bytes())
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk.first(), chunk.get(1), chunk.get(2)].map(|b| b.copied().unwrap_or(0));
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(*ALPHABET.get(idx as usize).unwrap_or(&b'A')));
        }
    }
    out
}

/// Session ids are UUIDs; anything else is escaped rather than trusted.
fn encode_path(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_tokens_match_kratos() {
        assert_eq!(page_token(0), "eyJvZmZzZXQiOiIwIiwidiI6Mn0");
        assert_eq!(page_token(250), "eyJvZmZzZXQiOiIyNTAiLCJ2IjoyfQ");
    }
}
