//! Runs one browser scenario: kratos-dev in-process on free ports, the
//! release build in `dist/` served on another `localhost` port (same site,
//! other origin, as in a deployment), and headless Chromium driven through
//! chromedriver. The browser is always closed, even when the scenario fails,
//! so no orphaned Chromium holds CI's output open.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::response::Html;
use axum::routing::get;
use axum::Router;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::process::{Child, Command};
use tower_http::services::ServeDir;

pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// How long one scenario may take; `KRATOS_SESSIONS_SCENARIO_SECS` overrides.
fn scenario_timeout() -> Duration {
    let secs = std::env::var("KRATOS_SESSIONS_SCENARIO_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(90);
    Duration::from_secs(secs)
}
pub const WAIT: Duration = Duration::from_secs(15);

pub struct Env {
    pub client: Client,
    pub app: String,
    pub kratos: String,
    pub http: reqwest_lite::Http,
    /// Content-Security-Policy violations the browser reported.
    pub csp_reports: Arc<AtomicUsize>,
    backend: Backend,
    /// Hydra and the server half, for the connected-apps scenarios.
    apps: Option<Apps>,
    _app: tokio::task::JoinHandle<()>,
}

/// A real Hydra v2.3.0 and the server half in front of it.
struct Apps {
    /// `None` when the server half was pointed at a Hydra that is down.
    hydra: Option<ory_harness::Hydra>,
    /// Where the page calls the server half (`data-apps-url`).
    url: String,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Apps {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// What the page talks to: kratos-dev in-process, or the real Kratos
/// v1.3.1 (`cargo xtask ory` builds it).
enum Backend {
    Dev(#[allow(dead_code)] kratos_dev::Running),
    Ory(Box<ory_harness::Kratos>),
}

impl Backend {
    fn name(&self) -> &'static str {
        match self {
            Backend::Dev(_) => "kratos-dev",
            Backend::Ory(_) => "Kratos v1.3.1",
        }
    }
}

fn dist_dir() -> PathBuf {
    std::env::var_os("KRATOS_SESSIONS_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

async fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    l.local_addr().expect("addr").port()
}

fn dist_embed_dir() -> PathBuf {
    dist_dir().with_file_name("dist-embed")
}

/// Serves `dist/` at `/`, `dist-embed/` at `/embed/` and the sign-in page for
/// real Kratos at `/login`, all pointed at this run's Kratos, under the strict Content-Security-Policy the page must
/// work with. Violations are reported to `/csp-report` and counted.
async fn serve_app(
    listener: TcpListener,
    kratos_url: String,
    apps_url: Option<&str>,
    attrs: &str,
    csp_reports: Arc<AtomicUsize>,
) -> tokio::task::JoinHandle<()> {
    let (dist, embed) = (dist_dir(), dist_embed_dir());
    let page = |path: PathBuf, extra: String| {
        let html = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}. Build the app first: cargo xtask build", path.display()))
            .replace(
                r#"data-kratos-url="http://localhost:4433""#,
                &format!(r#"data-kratos-url="http://localhost:4433" {extra}"#),
            )
            .replace("http://localhost:4433", &kratos_url);
        move || {
            let html = html.clone();
            async move { Html(html) }
        }
    };
    let index = page(dist.join("index.html"), attrs.to_owned());
    let embed_index = page(embed.join("index.html"), String::new());
    // Real Kratos's login ui_url: the demo sign-in page (tools/ory/sign-in).
    let sign_in_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/ory/sign-in");
    let sign_in = std::fs::read_to_string(sign_in_dir.join("index.html"))
        .expect("tools/ory/sign-in/index.html")
        .replace("http://localhost:4433", &kratos_url)
        .replace(r#"data-demo-hint="""#, &format!(r#"data-demo-hint="{}""#, ory_harness::demo::hint()));
    let apps = apps_url.unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' {kratos_url} {apps}; report-uri /csp-report"
    );
    let reports = csp_reports.clone();
    let app = Router::new()
        .route("/", get(index.clone()))
        .route("/index.html", get(index))
        .route("/embed/", get(embed_index.clone()))
        .route("/embed/index.html", get(embed_index))
        .route("/login", get(move || std::future::ready(Html(sign_in.clone()))))
        .route(
            "/login/{file}",
            get(move |axum::extract::Path(file): axum::extract::Path<String>| {
                let path = sign_in_dir.join(file.replace("..", ""));
                async move { static_file(&path) }
            }),
        )
        .route(
            "/csp-report",
            axum::routing::post(move |body: String| {
                reports.fetch_add(1, Ordering::SeqCst);
                eprintln!("CSP violation: {body}");
                async { "" }
            }),
        )
        .route(
            "/embed/{*file}",
            get(move |axum::extract::Path(file): axum::extract::Path<String>| {
                let path = embed.join(file.replace("..", ""));
                async move { static_file(&path) }
            }),
        )
        .fallback_service(ServeDir::new(dist))
        .layer(axum::middleware::map_response(move |mut res: axum::response::Response| {
            let csp = csp.clone();
            async move {
                if let Ok(v) = axum::http::HeaderValue::from_str(&csp) {
                    res.headers_mut().insert("content-security-policy", v);
                }
                res
            }
        }));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    })
}

fn static_file(path: &std::path::Path) -> axum::response::Response {
    use axum::response::IntoResponse;
    let Ok(bytes) = std::fs::read(path) else { return axum::http::StatusCode::NOT_FOUND.into_response() };
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("html") => "text/html; charset=utf-8",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    ([(axum::http::header::CONTENT_TYPE, kind)], bytes).into_response()
}

/// A chromedriver on a free port; `kill_on_drop`, so it goes with its owner.
pub async fn start_driver() -> (Child, u16) {
    let port = free_port().await;
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("{CHROMEDRIVER}: {e} (cargo xtask test installs chromium-driver)"));
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return (child, port);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("chromedriver did not start on port {port}");
}

/// A new browser session, so a new Chromium, on the profile `profile`.
pub async fn connect(driver_port: u16, profile: &std::path::Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1100,1400", "--lang=en-US",
                "--enable-precise-memory-info", "--js-flags=--expose-gc",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("connect to chromedriver")
}

/// Changes to kratos-dev's config for one scenario.
pub type Tweak = fn(&mut kratos_dev::Config);

pub fn no_tweak(_: &mut kratos_dev::Config) {}

pub type Scenario = Box<dyn FnOnce(&Env) -> Pin<Box<dyn Future<Output = ()> + '_>>>;

/// Runs `scenario` in a fresh browser against a fresh kratos-dev.
pub async fn run(tweak: Tweak, scenario: Scenario) {
    run_with(tweak, "", scenario).await;
}

/// As [`run`], with extra attributes on the page's host element.
pub async fn run_with(tweak: Tweak, attrs: &str, scenario: Scenario) {
    let app_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind app");
    let app_port = app_listener.local_addr().expect("addr").port();
    let app = format!("http://localhost:{app_port}");
    let mut cfg = kratos_dev::Config::default();
    cfg.serve.public.port = 0;
    cfg.serve.admin.port = 0;
    cfg.serve.public.cors.allowed_origins = vec![app.clone()];
    cfg.selfservice.allowed_return_urls = vec![format!("{app}/")];
    cfg.selfservice.default_browser_return_url = format!("{app}/");
    tweak(&mut cfg);
    let kratos_running = kratos_dev::start(cfg).await.expect("start kratos-dev");
    let kratos = format!("http://localhost:{}", kratos_running.public_addr.port());
    let admin = format!("http://127.0.0.1:{}", kratos_running.admin_addr.port());
    let upstream = Upstream { kratos, admin, backend: Backend::Dev(kratos_running), apps: None };
    launch(app_listener, app, upstream, attrs, scenario).await;
}

/// Changes to the real Kratos's options for one scenario.
pub type OryTweak = fn(&mut ory_harness::KratosOptions);

pub fn no_ory_tweak(_: &mut ory_harness::KratosOptions) {}

/// Runs `scenario` in a fresh browser against a fresh real Kratos v1.3.1,
/// configured by `tests/ory/kratos.yml` for this run's app origin.
pub async fn run_ory(tweak: OryTweak, attrs: &str, scenario: Scenario) {
    let app_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind app");
    let app = format!("http://localhost:{}", app_listener.local_addr().expect("addr").port());
    let mut opts = ory_harness::KratosOptions {
        app_origin: app.clone(),
        exposed_headers: vec!["Content-Type".into(), "X-Total-Count".into()],
        ..ory_harness::KratosOptions::default()
    };
    tweak(&mut opts);
    let kratos = ory_harness::Kratos::start(opts).await;
    let (public, admin) = (kratos.public.clone(), kratos.admin.clone());
    let upstream = Upstream { kratos: public, admin, backend: Backend::Ory(Box::new(kratos)), apps: None };
    launch(app_listener, app, upstream, attrs, scenario).await;
}

/// As [`run_ory`], with a real Hydra v2.3.0 and the server half
/// (`kratos-sessions-server`) beside Kratos, and the page configured with
/// the server half's URL, so it shows the connected apps.
pub async fn run_ory_apps(scenario: Scenario) {
    run_ory_apps_with(true, scenario).await;
}

/// As [`run_ory_apps`]; without `hydra`, the server half's Hydra admin URL
/// is a port where nothing listens (Hydra down).
pub async fn run_ory_apps_with(hydra: bool, scenario: Scenario) {
    let app_listener = TcpListener::bind("127.0.0.1:0").await.expect("bind app");
    let app = format!("http://localhost:{}", app_listener.local_addr().expect("addr").port());
    let opts = ory_harness::KratosOptions {
        app_origin: app.clone(),
        exposed_headers: vec!["Content-Type".into(), "X-Total-Count".into()],
        ..ory_harness::KratosOptions::default()
    };
    let hydra = async {
        match hydra {
            true => Some(ory_harness::Hydra::start(&app).await),
            false => None,
        }
    };
    let (kratos, hydra) = tokio::join!(ory_harness::Kratos::start(opts), hydra);
    let hydra_admin = match &hydra {
        Some(h) => h.admin.clone(),
        None => {
            let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
            format!("http://127.0.0.1:{}", closed.local_addr().expect("addr").port())
        }
    };
    let config =
        kratos_sessions_server::Config::new(&kratos.public, &hydra_admin, [app.as_str()]).expect("server config");
    let router = kratos_sessions_server::router(config).expect("server router");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind server half");
    // `localhost`, like Kratos: the browser sends Kratos's cookie to it.
    let url = format!("http://localhost:{}", listener.local_addr().expect("addr").port());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    let apps = Apps { hydra, url, server };
    let (public, admin) = (kratos.public.clone(), kratos.admin.clone());
    let upstream = Upstream { kratos: public, admin, backend: Backend::Ory(Box::new(kratos)), apps: Some(apps) };
    launch(app_listener, app, upstream, "", scenario).await;
}

/// What the page talks to: Kratos's public and admin URLs, which Kratos,
/// and Hydra with the server half when the scenario has connected apps.
struct Upstream {
    kratos: String,
    admin: String,
    backend: Backend,
    apps: Option<Apps>,
}

async fn launch(app_listener: TcpListener, app: String, upstream: Upstream, attrs: &str, scenario: Scenario) {
    let Upstream { kratos, admin, backend, apps } = upstream;
    let csp_reports = Arc::new(AtomicUsize::new(0));
    let apps_url = apps.as_ref().map(|a| a.url.clone());
    let attrs = match &apps_url {
        Some(url) => format!(r#"{attrs} data-apps-url="{url}""#),
        None => attrs.to_owned(),
    };
    let app_task = serve_app(app_listener, kratos.clone(), apps_url.as_deref(), &attrs, csp_reports.clone()).await;
    let (mut driver, driver_port) = start_driver().await;
    let profile = tempfile::tempdir().expect("profile dir");
    let client = connect(driver_port, profile.path()).await;
    let env = Env {
        client: client.clone(),
        app,
        kratos,
        http: reqwest_lite::Http::new(admin),
        csp_reports,
        backend,
        apps,
        _app: app_task,
    };
    let outcome =
        tokio::time::timeout(scenario_timeout(), std::panic::AssertUnwindSafe(scenario(&env)).catch_unwind()).await;
    let _ = client.close().await;
    let _ = driver.kill().await;
    // A failure names the backend it ran against.
    let backend = env.backend.name();
    match outcome {
        Err(_) => panic!("[{backend}] scenario timed out after {:?}", scenario_timeout()),
        Ok(Err(panic)) => {
            let text = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("[{backend}] {text}")
        }
        Ok(Ok(())) => {}
    }
}

use futures_util::FutureExt;

impl Env {
    /// The real Kratos when the scenario runs against it, for fixtures that
    /// make the same state on either backend.
    pub fn real_kratos(&self) -> Option<&ory_harness::Kratos> {
        match &self.backend {
            Backend::Ory(k) => Some(k),
            Backend::Dev(_) => None,
        }
    }

    /// The real Hydra, for scenarios run by [`run_ory_apps`].
    pub fn hydra(&self) -> &ory_harness::Hydra {
        self.apps.as_ref().and_then(|a| a.hydra.as_ref()).expect("this scenario needs Hydra (run_ory_apps)")
    }

    /// The real Kratos, for scenarios run by [`run_ory`].
    pub fn ory(&self) -> &ory_harness::Kratos {
        match &self.backend {
            Backend::Ory(k) => k,
            Backend::Dev(_) => panic!("this scenario needs the real Kratos (run_ory)"),
        }
    }

    /// Puts a session cookie into the browser for Kratos's host.
    pub async fn set_session_cookie(&self, value: &str) {
        // A cookie can only be set for the origin the browser is on.
        self.client.goto(&format!("{}/health/alive", self.kratos)).await.expect("open kratos");
        // WebDriver's add-cookie refuses the host `localhost`; the page's
        // own document.cookie does not.
        self.client
            .execute("document.cookie = 'ory_kratos_session=' + arguments[0] + '; path=/'", vec![json!(value)])
            .await
            .expect("set cookie");
    }

    /// Seeds a session through kratos-dev's `/dev/sessions`.
    pub async fn seed(&self, body: Value) -> Value {
        self.http.post_json("/dev/sessions", &body).await
    }

    /// Signs the browser in as the session `seeded` (the cookie of `seed`).
    pub async fn use_session(&self, seeded: &Value) {
        self.set_session_cookie(seeded["cookie"].as_str().expect("cookie")).await;
    }

    pub async fn open_app(&self) {
        self.client.goto(&format!("{}/", self.app)).await.expect("open app");
    }

    /// Waits for `css`, polling through page navigations (a lookup that a
    /// navigation aborts is simply tried again).
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(el) => return el,
                Err(e) if tokio::time::Instant::now() >= deadline => panic!("waiting for {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Waits until the first `css` element's text is `expected`.
    pub async fn wait_text(&self, css: &str, expected: &str) {
        let mut last = String::new();
        let deadline = tokio::time::Instant::now() + WAIT;
        while tokio::time::Instant::now() < deadline {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                last = el.text().await.unwrap_or_default();
                if last == expected {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css}: expected {expected:?}, saw {last:?}");
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while tokio::time::Instant::now() < deadline {
            if self.client.find_all(Locator::Css(css)).await.map(|v| v.is_empty()).unwrap_or(false) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} is still there");
    }

    /// Seeds a fault through kratos-dev's `/dev/faults`.
    pub async fn fault(&self, fault: Value) {
        let (status, body) = self.http.send("POST", "/dev/faults", Some(&fault)).await;
        assert_eq!(status, 201, "{body}");
    }

    pub async fn clear_faults(&self) {
        let (status, _) = self.http.send("DELETE", "/dev/faults", None).await;
        assert_eq!(status, 204);
    }

    /// A session as kratos-dev's admin API sees it.
    pub async fn admin_session(&self, id: &str) -> Value {
        let (status, body) = self.http.send("GET", &format!("/admin/sessions/{id}"), None).await;
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).expect("json")
    }

    /// Runs axe-core on the page and returns its violations (id: nodes).
    pub async fn axe(&self) -> Vec<String> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tools/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (cargo xtask test installs axe-core)", path.display()));
        self.client.execute(&source, vec![]).await.expect("inject axe");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("axe.run");
        serde_json::from_value(result).expect("violations")
    }

    /// The focused element's text.
    pub async fn focused_text(&self) -> String {
        self.client.active_element().await.expect("active element").text().await.unwrap_or_default()
    }

    /// Waits until the focused element's text is `expected`: the page moves
    /// focus in the frame after a change, which a loaded machine delays.
    pub async fn wait_focus(&self, expected: &str, why: &str) {
        let deadline = tokio::time::Instant::now() + WAIT;
        let mut last = String::new();
        while tokio::time::Instant::now() < deadline {
            last = self.focused_text().await;
            if last == expected {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("{why}: focus is on {last:?}, expected {expected:?}");
    }

    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await.expect("find_all") {
            out.push(el.text().await.expect("text"));
        }
        out
    }

    pub async fn screenshot(&self, name: &str) {
        if let Some(dir) = std::env::var_os("KRATOS_SESSIONS_SCREENSHOTS") {
            let png = self.client.screenshot().await.expect("screenshot");
            let path = PathBuf::from(dir).join(format!("{name}.png"));
            std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

/// A tiny HTTP client for kratos-dev's admin API, on hyper (already in the
/// test build through fantoccini) rather than another HTTP crate.
pub mod reqwest_lite {
    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    use hyper_util::client::legacy::{connect::HttpConnector, Client};
    use hyper_util::rt::TokioExecutor;
    use serde_json::Value;

    pub struct Http {
        base: String,
        client: Client<HttpConnector, Full<Bytes>>,
    }

    impl Http {
        pub fn new(base: String) -> Self {
            Self { base, client: Client::builder(TokioExecutor::new()).build_http() }
        }

        pub async fn send(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, String) {
            let req = hyper::Request::builder()
                .method(method)
                .uri(format!("{}{path}", self.base))
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from(body.map(Value::to_string).unwrap_or_default())))
                .expect("request");
            let res = self.client.request(req).await.expect("admin request");
            let status = res.status().as_u16();
            let bytes = res.into_body().collect().await.expect("body").to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }

        pub async fn post_json(&self, path: &str, body: &Value) -> Value {
            let (status, text) = self.send("POST", path, Some(body)).await;
            assert!((200..300).contains(&status), "POST {path}: {status} {text}");
            serde_json::from_str(&text).expect("json")
        }
    }
}
