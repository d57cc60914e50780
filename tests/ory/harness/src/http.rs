//! A small HTTP client on hyper (already in the test build) with an
//! optional cookie jar, for driving Kratos's and Hydra's flows.

use std::sync::Mutex;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::HeaderMap;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

/// One HTTP client; cheap to clone.
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Default for Http {
    fn default() -> Self {
        Self { client: Client::builder(TokioExecutor::new()).build_http() }
    }
}

/// Cookies by name. The tests use one host name (`localhost`) throughout,
/// and browsers send a host's cookies to every port of it, so the jar
/// ignores hosts and ports as a browser would here.
#[derive(Default)]
pub struct Jar(Mutex<Vec<(String, String)>>);

impl Jar {
    pub fn get(&self, name: &str) -> Option<String> {
        self.0.lock().unwrap().iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }

    fn header(&self) -> Option<String> {
        let jar = self.0.lock().unwrap();
        (!jar.is_empty()).then(|| jar.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; "))
    }

    fn store(&self, headers: &HeaderMap) {
        let mut jar = self.0.lock().unwrap();
        for set in headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()) {
            let pair = set.split(';').next().unwrap_or("");
            let Some((name, value)) = pair.split_once('=') else { continue };
            let cleared = set.to_ascii_lowercase().contains("max-age=0");
            jar.retain(|(n, _)| n != name);
            if !cleared {
                jar.push((name.trim().to_owned(), value.trim().to_owned()));
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Res {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Res {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
    }

    /// Panics with the response unless the status is `expected`.
    pub fn expect(self, expected: u16, what: &str) -> Self {
        assert_eq!(self.status, expected, "{what}: {} {}", self.status, self.body);
        self
    }
}

pub struct Req<'a> {
    http: &'a Http,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
    jar: Option<&'a Jar>,
}

impl Http {
    pub fn req(&self, method: &str, url: &str) -> Req<'_> {
        Req { http: self, method: method.into(), url: url.into(), headers: Vec::new(), body: String::new(), jar: None }
    }
}

impl<'a> Req<'a> {
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.to_owned(), v.to_owned()));
        self
    }

    pub fn json(mut self, v: &Value) -> Self {
        self.body = v.to_string();
        self.header("Content-Type", "application/json")
    }

    /// A body as it is, with whatever Content-Type the caller sets.
    pub fn body_text(mut self, body: &str) -> Self {
        self.body = body.to_owned();
        self
    }

    pub fn form(mut self, pairs: &[(&str, &str)]) -> Self {
        self.body = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&");
        self.header("Content-Type", "application/x-www-form-urlencoded")
    }

    /// Sends the jar's cookies and keeps the ones the answer sets.
    pub fn jar(mut self, jar: &'a Jar) -> Self {
        self.jar = Some(jar);
        self
    }

    /// Panics with the request when it gets no answer.
    pub async fn send(self) -> Res {
        let what = format!("{} {}", self.method, self.url);
        self.try_send().await.unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// The answer, or why there was none (for probing a starting server).
    pub async fn try_send(self) -> Result<Res, String> {
        let mut b = hyper::Request::builder().method(self.method.as_str()).uri(&self.url);
        for (k, v) in &self.headers {
            b = b.header(k, v);
        }
        if let Some(cookies) = self.jar.and_then(Jar::header) {
            b = b.header("Cookie", cookies);
        }
        let req = b.body(Full::new(Bytes::from(self.body))).expect("request");
        let res = tokio::time::timeout(Duration::from_secs(30), self.http.client.request(req))
            .await
            .map_err(|_| "no answer in 30 s".to_owned())?
            .map_err(|e| e.to_string())?;
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        if let Some(jar) = self.jar {
            jar.store(&headers);
        }
        let bytes = res.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
        Ok(Res { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() })
    }
}

/// Percent-encodes a query or form value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
