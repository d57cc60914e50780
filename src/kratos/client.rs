//! Calls to Kratos's public API from the browser, through gloo-net:
//! credentials included, `Accept: application/json` on every call (without
//! it Kratos treats `fetch` as a browser and answers logout with
//! redirects), a timeout, and cancellation when the page goes away.

use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCredentials, RequestMode, Response};

use super::error::ApiError;
use super::lenient::Object;
use super::types::{ErrorEnvelope, LogoutFlow, RevokedCount, Session};

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

#[wasm_bindgen]
extern "C" {
    /// `AbortSignal.any`, caught: a browser without it (before 2024) gets
    /// the timeout alone rather than an exception through the wasm.
    #[wasm_bindgen(js_namespace = AbortSignal, js_name = any, catch)]
    fn any_signal(signals: &js_sys::Array) -> Result<AbortSignal, JsValue>;
}

/// A Kratos public API at `base`. Its transport also carries the server
/// half's calls ([`crate::connected_apps`]), which speak Kratos's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kratos {
    base: String,
    timeout_ms: u32,
    /// Aborts every call in flight when it fires (the page unmounted).
    cancel: Option<AbortSignal>,
}

impl Kratos {
    pub fn new(base: &str) -> Self {
        Self { base: base.trim_end_matches('/').to_owned(), timeout_ms: DEFAULT_TIMEOUT_MS, cancel: None }
    }

    /// Gives up on a call after `ms` milliseconds.
    pub fn with_timeout(mut self, ms: u32) -> Self {
        self.timeout_ms = ms;
        self
    }

    /// Aborts calls in flight when `signal` fires.
    pub fn with_cancel(mut self, signal: AbortSignal) -> Self {
        self.cancel = Some(signal);
        self
    }

    /// The same timeout and cancellation, for calls to another server.
    pub fn at(mut self, base: &str) -> Self {
        self.base = base.trim_end_matches('/').to_owned();
        self
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `GET /sessions/whoami`: the session of this browser.
    pub async fn whoami(&self) -> Result<Session, ApiError> {
        json(self.send(Method::GET, &self.url("/sessions/whoami"), &[]).await?).await
    }

    /// `GET /sessions`: page `page` (0-based) of the other active sessions.
    pub async fn other_sessions(&self, page: u32, page_size: u32) -> Result<SessionsPage, ApiError> {
        let token = page_token(u64::from(page) * u64::from(page_size));
        let query = [("page_size", page_size.to_string()), ("page_token", token)];
        let res = self.send(Method::GET, &self.url("/sessions"), &query).await?;
        let total = res.headers().get("x-total-count").ok().flatten().and_then(|v| v.parse().ok());
        Ok(SessionsPage { sessions: json(res).await?, total })
    }

    /// `DELETE /sessions/{id}`. Kratos answers 204 also when the session is
    /// already gone, which is the same outcome for the user.
    pub async fn revoke(&self, id: &str) -> Result<(), ApiError> {
        let url = self.url(&format!("/sessions/{}", encode_component(id)));
        self.send(Method::DELETE, &url, &[]).await.map(drop)
    }

    /// `DELETE /sessions`: Kratos's count includes sessions that were
    /// already inactive (CONTRACT.md §6).
    pub async fn revoke_others(&self) -> Result<u64, ApiError> {
        json::<RevokedCount>(self.send(Method::DELETE, &self.url("/sessions"), &[]).await?).await.map(|c| c.count)
    }

    /// The browser logout flow: create it, then follow its URL as JSON so
    /// Kratos answers 204 rather than a redirect (CONTRACT.md §9.2).
    pub async fn logout(&self, return_to: Option<&str>) -> Result<(), ApiError> {
        let query: Vec<(&str, String)> = return_to.map(|to| ("return_to", to.to_owned())).into_iter().collect();
        let flow: LogoutFlow =
            json(self.send(Method::GET, &self.url("/self-service/logout/browser"), &query).await?).await?;
        self.send(Method::GET, &flow.logout_url, &[]).await.map(drop)
    }

    /// One call; non-success answers become the error they stand for.
    ///
    /// The query goes through gloo-net's `query`, never into `url`: gloo-net
    /// appends `&` to a URL that has a query of its own, and then the URL
    /// no longer matches the page's `<link rel=preload>`, which would cost
    /// a second round trip.
    pub(crate) async fn send(&self, method: Method, url: &str, query: &[(&str, String)]) -> Result<Response, ApiError> {
        let timeout = AbortSignal::timeout_with_u32(self.timeout_ms);
        let signal = match &self.cancel {
            Some(page) => any_signal(&js_sys::Array::of2(&timeout, page)).unwrap_or_else(|_| timeout.clone()),
            None => timeout.clone(),
        };
        let sent = RequestBuilder::new(url)
            .query(query.iter().map(|(k, v)| (*k, v.as_str())))
            .method(method)
            .mode(RequestMode::Cors)
            .credentials(RequestCredentials::Include)
            .header("Accept", "application/json")
            .abort_signal(Some(&signal))
            .send()
            .await;
        match sent {
            Ok(res) if res.ok() => Ok(res.into()),
            Ok(res) => {
                let status = res.status();
                let envelope = json::<Object<ErrorEnvelope>>(res.into()).await.ok().and_then(|e| e.0);
                Err(ApiError::from_envelope(status, envelope))
            }
            Err(_) if timeout.aborted() => Err(ApiError::Timeout),
            Err(_) if signal.aborted() => Err(ApiError::Network),
            Err(_) => Err(self.diagnose().await),
        }
    }

    /// `fetch` fails the same way for "unreachable", "dropped" and "blocked
    /// by CORS". Two probes tell them apart: a `no-cors` request succeeds,
    /// opaquely, whenever the server answers at all; a credentialed CORS
    /// request then succeeds only if Kratos allows this origin with
    /// credentials. Reachable and allowed means the failure was transient.
    async fn diagnose(&self) -> ApiError {
        let probe = |mode: RequestMode, credentials: RequestCredentials| {
            let timeout = AbortSignal::timeout_with_u32(self.timeout_ms);
            let request = RequestBuilder::new(&self.url("/health/alive")).mode(mode).credentials(credentials);
            async move { request.abort_signal(Some(&timeout)).send().await.is_ok() }
        };
        if !probe(RequestMode::NoCors, RequestCredentials::Omit).await {
            return ApiError::Network;
        }
        if probe(RequestMode::Cors, RequestCredentials::Include).await {
            return ApiError::Network;
        }
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        ApiError::Cors { origin }
    }
}

/// The body through the browser's JSON parser, read into `T`.
pub(crate) async fn json<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    let status = res.status();
    serde_wasm_bindgen::from_value(parse(res).await?).map_err(|_| ApiError::Malformed { status })
}

/// The body through the browser's JSON parser. (Apart from [`json`], so
/// this waiting is compiled once, not once per type read.)
async fn parse(res: Response) -> Result<JsValue, ApiError> {
    let malformed = ApiError::Malformed { status: res.status() };
    JsFuture::from(res.json().map_err(|_| malformed.clone())?).await.map_err(|_| malformed)
}

pub(crate) fn encode_component(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// index.html starts both Kratos requests before the app runs; the
    /// preloads help only while their URLs are exactly the app's.
    #[test]
    fn the_preloads_are_the_requests_the_page_makes() {
        let html = include_str!("../../index.html");
        let attr = |name: &str| {
            let start = html.find(&format!("{name}=\"")).map(|i| i + name.len() + 2)?;
            html[start..].split('"').next()
        };
        let kratos = attr("data-kratos-url").expect("index.html sets data-kratos-url");
        let size = attr("data-page-size").map_or(MAX_PAGE_SIZE, |s| s.parse().expect("a page size"));
        let preloads: Vec<&str> = html
            .split("<link rel=\"preload\" as=\"fetch\" crossorigin=\"use-credentials\" href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        let list = format!("{kratos}/sessions?page_size={size}&amp;page_token={}", page_token(0));
        assert_eq!(preloads, [format!("{kratos}/sessions/whoami"), list]);
    }

    #[test]
    fn page_tokens_match_kratos() {
        assert_eq!(page_token(0), "eyJvZmZzZXQiOiIwIiwidiI6Mn0");
        assert_eq!(page_token(250), "eyJvZmZzZXQiOiIyNTAiLCJ2IjoyfQ");
    }
}
