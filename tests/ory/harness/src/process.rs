//! Starting and stopping the real Kratos and Hydra: free loopback ports,
//! the config from `tests/ory/` with its placeholders filled in, a clean
//! environment, health checks with a deadline, and a kill on drop.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::http::Http;

/// How long Kratos or Hydra may take to answer its health check: ~5 s
/// normally, much more on a loaded 2-core machine running migrations.
const READY_WITHIN: Duration = Duration::from_secs(90);

/// The folder with the configs (`tests/ory/`).
fn config_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The built binary `name` (`kratos` or `hydra`): `$KRATOS_SESSIONS_ORY_BIN/<name>`
/// or `target/ory/<name>`, which `cargo xtask ory` builds.
pub fn binary(name: &str) -> PathBuf {
    let dir = std::env::var_os("KRATOS_SESSIONS_ORY_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../target/ory"));
    let bin = dir.join(name);
    assert!(
        bin.exists(),
        "{} is missing: build the real Ory {name} first with `cargo xtask ory` (needs Go; `cargo xtask test` does it)",
        bin.display()
    );
    bin
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

/// Two different free ports (the OS may hand out a just-freed one again).
fn two_ports() -> (u16, u16) {
    let first = free_port();
    loop {
        let second = free_port();
        if second != first {
            return (first, second);
        }
    }
}

/// Environment variables that Kratos and Hydra read as config and that
/// would override the file (`DSN`, `SERVE_PUBLIC_PORT`, `LOG_LEVEL`,
/// `SECRETS_DEFAULT`, …): a stray one on a developer's machine must not
/// change what the tests run against.
fn is_config_var(name: &str) -> bool {
    const PREFIXES: [&str; 14] = [
        "SERVE_",
        "LOG_",
        "SECRETS_",
        "SELFSERVICE_",
        "SESSION_",
        "COOKIES_",
        "IDENTITY_",
        "COURIER_",
        "HASHERS_",
        "CIPHERS_",
        "URLS_",
        "OAUTH2_",
        "TTL_",
        "STRATEGIES_",
    ];
    name == "DSN" || name == "VERSION" || PREFIXES.iter().any(|p| name.starts_with(p))
}

/// A running Ory server; dropping it kills the process (also on panic,
/// when the tail of its log is printed first).
struct Server {
    name: &'static str,
    child: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// `config` is the file under `tests/ory/` with `vars` filled in. With
    /// `migrate`, the SQL migrations run first: only the `memory` DSN
    /// migrates itself on `serve`; a file database starts without tables.
    fn spawn(name: &'static str, config: &str, vars: &[(&str, String)], args: &[&str], migrate: bool) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut text = fs::read_to_string(config_dir().join(config)).expect("config");
        for (k, v) in vars {
            text = text.replace(&format!("${{{k}}}"), v);
        }
        let text = text.replace("${TMP}", &dir.path().to_string_lossy());
        let config_path = dir.path().join(config);
        fs::write(&config_path, text).expect("write config");
        let log = dir.path().join(format!("{name}.log"));
        let out = fs::File::create(&log).expect("log file");
        let command = |args: &[&str]| {
            let mut cmd = Command::new(binary(name));
            cmd.args(args)
                .arg("-c")
                .arg(&config_path)
                .current_dir(dir.path())
                .stdin(Stdio::null())
                .stdout(out.try_clone().expect("log"))
                .stderr(out.try_clone().expect("log"));
            for (k, _) in std::env::vars_os() {
                if k.to_str().is_some_and(is_config_var) {
                    cmd.env_remove(&k);
                }
            }
            cmd
        };
        if migrate {
            let status = command(&["migrate", "sql", "-e", "--yes"])
                .status()
                .unwrap_or_else(|e| panic!("{}: {e}", binary(name).display()));
            let text = fs::read_to_string(&log).unwrap_or_default();
            assert!(status.success(), "{name} migrate sql failed ({status}):\n{text}");
        }
        let child = command(args).spawn().unwrap_or_else(|e| panic!("{}: {e}", binary(name).display()));
        Server { name, child, log, _dir: dir }
    }

    fn tail(&self, lines: usize) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        // Kratos logs every request's headers on one line: keep lines short.
        let short = |l: &&str| l.chars().take(400).collect::<String>();
        all[all.len().saturating_sub(lines)..].iter().map(short).collect::<Vec<_>>().join("\n")
    }

    /// Waits until every URL answers 200; panics with the log's tail when
    /// the process exits or the deadline passes.
    async fn wait_ready(&mut self, urls: &[String]) {
        let http = Http::default();
        let started = Instant::now();
        for url in urls {
            loop {
                if let Ok(Some(st)) = self.child.try_wait() {
                    panic!("{} exited ({st}) before it was ready:\n{}", self.name, self.tail(40));
                }
                let ok = tokio::time::timeout(Duration::from_secs(2), probe(&http, url)).await.unwrap_or(false);
                if ok {
                    break;
                }
                if started.elapsed() > READY_WITHIN {
                    panic!("{} not ready at {url} after {READY_WITHIN:?}:\n{}", self.name, self.tail(40));
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn probe(http: &Http, url: &str) -> bool {
    http.req("GET", url).try_send().await.is_ok_and(|r| r.status == 200)
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("--- the last lines of {}'s log ({}) ---\n{}\n---", self.name, self.log.display(), self.tail(40));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How to run Kratos.
#[derive(Debug, Clone)]
pub struct KratosOptions {
    /// The page's origin: CORS's allowed origin, the return URLs' base.
    pub app_origin: String,
    /// `serve.public.cors.exposed_headers`.
    pub exposed_headers: Vec<String>,
    /// `selfservice.flows.login.ui_url`; `<app_origin>/login` when unset.
    pub login_ui: Option<String>,
    /// A SQLite file in the run's temp folder instead of `memory`, migrated
    /// before `serve` (the demo's database). Neither takes concurrent
    /// logins: SQLite has one writer, and Kratos's transactions fail with
    /// "database is locked" rather than wait.
    pub sqlite_file: bool,
    /// `session.whoami.required_aal`: `highest_available` (the default) or
    /// `aal1`, under which an aal1 session of a TOTP identity is let in and
    /// only the page's own step-up policy asks for the second factor.
    pub whoami_aal: &'static str,
    /// Fixed public and admin ports (the demo's 4433/4434); free ones when unset.
    pub ports: Option<(u16, u16)>,
}

impl Default for KratosOptions {
    fn default() -> Self {
        Self {
            app_origin: "http://localhost:8080".into(),
            exposed_headers: vec!["Content-Type".into()],
            login_ui: None,
            sqlite_file: false,
            whoami_aal: "highest_available",
            ports: None,
        }
    }
}

/// A running Kratos v1.3.1. `public` is `http://localhost:<port>` (its
/// base URL, the host cookies are for); `admin` is the admin listener.
pub struct Kratos {
    pub public: String,
    pub admin: String,
    pub public_port: u16,
    pub admin_port: u16,
    pub http: Http,
    _server: Server,
}

impl Kratos {
    pub async fn start(opts: KratosOptions) -> Kratos {
        let (public_port, admin_port) = opts.ports.unwrap_or_else(two_ports);
        let schema = config_dir().join("identity.schema.json");
        let dsn = if opts.sqlite_file {
            "sqlite://${TMP}/kratos.sqlite?_fk=true&mode=rwc&_journal_mode=WAL&_busy_timeout=10000".to_owned()
        } else {
            "memory".to_owned()
        };
        let vars = [
            ("DSN", dsn),
            ("PUBLIC_PORT", public_port.to_string()),
            ("ADMIN_PORT", admin_port.to_string()),
            ("APP_ORIGIN", opts.app_origin.clone()),
            ("EXPOSED_HEADERS", opts.exposed_headers.join(", ")),
            ("LOGIN_UI", opts.login_ui.clone().unwrap_or_else(|| format!("{}/login", opts.app_origin))),
            ("SCHEMA", canonical(&schema)),
            ("WHOAMI_AAL", opts.whoami_aal.to_owned()),
        ];
        let mut server =
            Server::spawn("kratos", "kratos.yml", &vars, &["serve", "--dev", "--sqa-opt-out"], opts.sqlite_file);
        let public = format!("http://localhost:{public_port}");
        let admin = format!("http://localhost:{admin_port}");
        server.wait_ready(&[format!("{public}/health/ready"), format!("{admin}/admin/health/ready")]).await;
        Kratos { public, admin, public_port, admin_port, http: Http::default(), _server: server }
    }
}

/// A running Hydra v2.3.0 (`serve all`).
pub struct Hydra {
    pub public: String,
    pub admin: String,
    pub http: Http,
    _server: Server,
}

impl Hydra {
    pub async fn start(app_origin: &str) -> Hydra {
        let (public_port, admin_port) = two_ports();
        let vars = [
            ("DSN", "memory".to_owned()),
            ("PUBLIC_PORT", public_port.to_string()),
            ("ADMIN_PORT", admin_port.to_string()),
            ("APP_ORIGIN", app_origin.to_owned()),
        ];
        let mut server = Server::spawn("hydra", "hydra.yml", &vars, &["serve", "all", "--dev", "--sqa-opt-out"], false);
        let public = format!("http://localhost:{public_port}");
        let admin = format!("http://localhost:{admin_port}");
        server.wait_ready(&[format!("{admin}/health/ready"), format!("{public}/health/ready")]).await;
        Hydra { public, admin, http: Http::default(), _server: server }
    }
}

fn canonical(p: &Path) -> String {
    fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()).to_string_lossy().into_owned()
}
