//! Starts kratos-dev in-process on free ports and talks HTTP to it.

use std::sync::OnceLock;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use kratos_dev::Config;
use serde_json::{json, Value};

pub struct Dev {
    pub running: kratos_dev::Running,
    pub public: String,
    pub admin: String,
    client: Client<HttpConnector, Full<Bytes>>,
}

pub fn test_config() -> Config {
    let mut cfg = Config::default();
    cfg.serve.public.port = 0;
    cfg.serve.admin.port = 0;
    cfg
}

pub async fn start() -> Dev {
    start_with(|_| {}).await
}

pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Dev {
    let mut cfg = test_config();
    tweak(&mut cfg);
    start_config(cfg).await
}

pub async fn start_config(cfg: Config) -> Dev {
    let running = kratos_dev::start(cfg).await.expect("start kratos-dev");
    Dev {
        public: format!("http://127.0.0.1:{}", running.public_addr.port()),
        admin: format!("http://127.0.0.1:{}", running.admin_addr.port()),
        running,
        client: Client::builder(TokioExecutor::new()).build_http(),
    }
}

/// An answer: the harness's, which the differential suite reads too.
pub use ory_harness::http::Res;

/// The contract's checks on an answer: Kratos's schemas and error ids.
pub trait Checks {
    /// The body validates against `#/components/schemas/<component>`.
    fn schema(&self, component: &str) -> &Self;
    /// Every item of the array body validates against `component`.
    fn schema_items(&self, component: &str) -> &Self;
    fn error_id(&self) -> Option<String>;
}

impl Checks for Res {
    fn schema(&self, component: &str) -> &Self {
        crate::schema::assert_valid(component, &self.json());
        self
    }

    fn schema_items(&self, component: &str) -> &Self {
        for item in self.json().as_array().expect("array") {
            crate::schema::assert_valid(component, item);
        }
        self
    }

    fn error_id(&self) -> Option<String> {
        self.json()["error"]["id"].as_str().map(str::to_owned)
    }
}

pub struct Req<'a> {
    dev: &'a Dev,
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

impl<'a> Req<'a> {
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.to_owned(), v.to_owned()));
        self
    }

    pub fn token(self, t: &str) -> Self {
        self.header("X-Session-Token", t)
    }

    pub fn cookie(self, value: &str) -> Self {
        self.header("Cookie", &format!("ory_kratos_session={value}"))
    }

    pub fn json_body(mut self, v: &Value) -> Self {
        self.body = Some(v.to_string());
        self.header("Content-Type", "application/json")
    }

    pub fn raw_body(mut self, b: &str) -> Self {
        self.body = Some(b.to_owned());
        self
    }

    pub async fn send(self) -> Res {
        let mut b = hyper::Request::builder().method(self.method.as_str()).uri(&self.url);
        for (k, v) in &self.headers {
            b = b.header(k, v);
        }
        let req = b.body(Full::new(Bytes::from(self.body.unwrap_or_default()))).expect("request");
        let res = self.dev.client.request(req).await.unwrap_or_else(|e| panic!("{} {}: {e}", self.method, self.url));
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Res { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }
}

/// A seeded session: its token, cookie value and ids.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub id: String,
    pub identity: String,
    pub token: String,
    pub cookie: String,
    pub session: Value,
}

impl Dev {
    pub fn public(&self, method: &str, path: &str) -> Req<'_> {
        Req { dev: self, method: method.into(), url: format!("{}{path}", self.public), headers: Vec::new(), body: None }
    }

    pub fn admin(&self, method: &str, path: &str) -> Req<'_> {
        Req { dev: self, method: method.into(), url: format!("{}{path}", self.admin), headers: Vec::new(), body: None }
    }

    pub async fn seed(&self, body: Value) -> Seeded {
        let res = self.admin("POST", "/dev/sessions").json_body(&body).send().await;
        assert_eq!(res.status, 201, "{}", res.body);
        let v = res.json();
        Seeded {
            id: v["session"]["id"].as_str().unwrap().to_owned(),
            identity: v["session"]["identity"]["id"].as_str().unwrap().to_owned(),
            token: v["session_token"].as_str().unwrap().to_owned(),
            cookie: v["cookie"].as_str().unwrap().to_owned(),
            session: v["session"].clone(),
        }
    }

    /// A new identity with one session.
    pub async fn user(&self) -> Seeded {
        self.seed(json!({})).await
    }

    /// Another session of `of`'s identity.
    pub async fn another(&self, of: &Seeded, extra: Value) -> Seeded {
        let mut body = json!({ "identity_id": of.identity });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        self.seed(body).await
    }
}

pub fn past(days: i64) -> String {
    let t = time::OffsetDateTime::now_utc() - time::Duration::days(days);
    t.format(&time::format_description::well_known::Rfc3339).unwrap()
}

pub fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| serde_json::from_str(include_str!("../data/kratos-api.json")).expect("api.json"))
}
