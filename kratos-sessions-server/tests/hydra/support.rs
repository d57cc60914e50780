//! The server under test on a free port, beside a real Kratos and Hydra
//! (each test starts its own), fakes of either for the failures real ones
//! cannot be made to have, and request helpers that send what the page
//! sends.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use kratos_sessions_server::Config;
use ory_harness::{AppSpec, ConnectedApp, Grant, Http, Hydra, Kratos, KratosOptions, Res};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The page's origin: the one allowed origin.
pub const ORIGIN: &str = "http://localhost:8080";

/// A task serving something on a loopback port; dropped, it stops.
pub struct Served {
    pub url: String,
    task: JoinHandle<()>,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub async fn serve_router(router: Router) -> Served {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Served { url, task }
}

/// The server half with this configuration.
pub async fn start(config: Config) -> Served {
    serve_router(kratos_sessions_server::router(config).unwrap()).await
}

pub fn config(kratos: &str, hydra: &str) -> Config {
    Config::new(kratos, hydra, [ORIGIN]).unwrap()
}

/// A URL where nothing listens.
pub fn closed_port() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://127.0.0.1:{}", l.local_addr().unwrap().port())
}

/// A URL that accepts connections and never answers.
pub async fn silent() -> Served {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let task = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    Served { url, task }
}

/// A fake Kratos whose whoami knows the session token `token-<id>` as
/// identity `<id>`.
pub async fn fake_kratos() -> Served {
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::get;
    let whoami = |headers: HeaderMap| async move {
        let token = headers.get("x-session-token").and_then(|v| v.to_str().ok()).unwrap_or("");
        match token.strip_prefix("token-") {
            Some(id) => (StatusCode::OK, format!(r#"{{"id":"s","active":true,"identity":{{"id":"{id}"}}}}"#)),
            None => (StatusCode::UNAUTHORIZED, r#"{"error":{"code":401}}"#.to_owned()),
        }
    };
    serve_router(Router::new().route("/sessions/whoami", get(whoami))).await
}

/// What a fake upstream was asked: "METHOD path?query" per request.
#[derive(Clone, Default)]
pub struct Calls(Arc<Mutex<Vec<String>>>);

impl Calls {
    pub fn push(&self, s: String) {
        self.0.lock().unwrap().push(s);
    }

    pub fn all(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// A real Kratos and Hydra, and the server half between them.
pub struct Ory {
    pub kratos: Kratos,
    pub hydra: Hydra,
    pub server: Served,
    pub http: Http,
}

pub async fn ory() -> Ory {
    let (kratos, hydra) = tokio::join!(Kratos::start(KratosOptions::default()), Hydra::start(ORIGIN));
    let server = start(config(&kratos.public, &hydra.admin)).await;
    Ory { kratos, hydra, server, http: Http::default() }
}

/// Someone with a Kratos identity and an API session.
pub struct Person {
    pub id: String,
    pub token: String,
    pub email: String,
}

impl Ory {
    pub async fn person(&self, name: &str) -> Person {
        let email = format!("{name}@example.com");
        let identity = self.kratos.create_identity(&email).await;
        let login = self.kratos.api_login(&email, &ory_harness::Device::default()).await;
        Person { id: identity["id"].as_str().unwrap().to_owned(), token: login.token, email }
    }

    /// Ada and Bob, one after the other: Kratos's `memory` database is a
    /// shared-cache SQLite, where two logins at once can fail with 500
    /// "database table is locked".
    pub async fn two_people(&self) -> (Person, Person) {
        let a = self.person("ada").await;
        let b = self.person("bob").await;
        (a, b)
    }

    pub async fn connect(&self, spec: &AppSpec, who: &Person, grant: &Grant) -> ConnectedApp {
        self.hydra.connect_app(spec, &who.id, grant).await
    }

    /// `GET /apps` as the page sends it.
    pub async fn apps(&self, who: &Person) -> Vec<Value> {
        let res = get(&self.http, &self.server.url, "/apps", &who.token).await.expect(200, "GET /apps");
        res.json()["apps"].as_array().unwrap().clone()
    }

    pub async fn delete(&self, path: &str, who: &Person) -> Res {
        delete(&self.http, &self.server.url, path, &who.token).await
    }

    /// Whether the token is still active, as Hydra's introspection says.
    pub async fn active(&self, token: &str) -> bool {
        self.hydra.is_active(token).await
    }
}

/// Every authenticated endpoint, as (method, path).
pub const ENDPOINTS: [(&str, &str); 4] =
    [("GET", "/apps"), ("DELETE", "/apps/x"), ("DELETE", "/apps"), ("DELETE", "/apps/logins")];

/// A request as the page sends it: its Origin and a session token.
pub async fn call(http: &Http, base: &str, method: &str, path: &str, token: &str) -> Res {
    http.req(method, &format!("{base}{path}")).header("Origin", ORIGIN).header("X-Session-Token", token).send().await
}

pub async fn get(http: &Http, base: &str, path: &str, token: &str) -> Res {
    call(http, base, "GET", path, token).await
}

pub async fn delete(http: &Http, base: &str, path: &str, token: &str) -> Res {
    call(http, base, "DELETE", path, token).await
}

/// The ids of a `GET /apps` answer, in order.
pub fn ids(apps: &[Value]) -> Vec<String> {
    apps.iter().map(|a| a["client_id"].as_str().unwrap().to_owned()).collect()
}

/// Asserts the answer is this server's error envelope with `status`/`id`;
/// returns the error object.
pub fn envelope(res: &Res, status: u16, id: &str) -> Value {
    assert_eq!(res.status, status, "{}", res.body);
    assert_eq!(res.header("content-type"), Some("application/json"), "{}", res.body);
    let v = res.json();
    let e = &v["error"];
    assert_eq!(e["code"], status, "{}", res.body);
    assert_eq!(e["id"], id, "{}", res.body);
    let phrase = axum::http::StatusCode::from_u16(status).unwrap().canonical_reason().unwrap();
    assert_eq!(e["status"], phrase, "{}", res.body);
    assert!(e["reason"].as_str().is_some_and(|r| !r.is_empty()), "{}", res.body);
    assert!(e["message"].as_str().is_some_and(|r| !r.is_empty()), "{}", res.body);
    e.clone()
}

/// A grant that is asked for fresh (`prompt=consent`) and left unexchanged:
/// the cheapest way to add a row to Hydra's consent sessions.
pub fn cheap_grant(scopes: &[&str]) -> Grant {
    Grant { prompt_consent: true, exchange: false, ..Grant::scopes(scopes) }
}

pub const SHORT: Duration = Duration::from_millis(400);
