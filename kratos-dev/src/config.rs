//! Configuration with Kratos's own keys, so a kratos-dev YAML file reads like
//! the matching part of a `kratos.yml`. Keys under `kratos_dev` are ours.

use std::net::SocketAddr;

use serde::Deserialize;
use time::Duration;

use crate::wire::session::Dialect;
pub use crate::wire::KratosVersion;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub serve: Serve,
    pub session: SessionConfig,
    pub selfservice: SelfService,
    /// Kratos's `--dev`: cookies lose `Secure` so plain http works. kratos-dev
    /// is a development server, so this is on unless set to false.
    pub dev: bool,
    pub kratos_dev: DevOptions,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Serve {
    pub public: PublicListener,
    pub admin: AdminListener,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PublicListener {
    pub base_url: String,
    pub host: String,
    pub port: u16,
    pub cors: Cors,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdminListener {
    pub base_url: String,
    pub host: String,
    pub port: u16,
}

/// `serve.public.cors`, defaulting as Kratos's config schema does except
/// that it is enabled and allows the demo app's origin (CONTRACT.md §7.1).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cors {
    pub enabled: bool,
    pub allowed_origins: Vec<String>,
    pub allowed_methods: Vec<String>,
    pub allowed_headers: Vec<String>,
    pub exposed_headers: Vec<String>,
    pub allow_credentials: bool,
    pub max_age: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionConfig {
    pub lifespan: String,
    pub cookie: CookieConfig,
    pub whoami: Whoami,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CookieConfig {
    pub name: String,
    pub same_site: String,
    pub secure: Option<bool>,
    pub domain: Option<String>,
    pub path: String,
    pub persistent: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Whoami {
    pub required_aal: RequiredAal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequiredAal {
    Aal1,
    HighestAvailable,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SelfService {
    pub default_browser_return_url: String,
    pub allowed_return_urls: Vec<String>,
    pub flows: Flows,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Flows {
    pub logout: LogoutFlow,
    pub error: ErrorFlow,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogoutFlow {
    pub after: After,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct After {
    pub default_browser_return_url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ErrorFlow {
    pub ui_url: Option<String>,
}

/// kratos-dev's own switches (CONTRACT.md §13).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DevOptions {
    /// `kratos` reproduces ory/kratos#3883's off-by-one; `corrected` does not.
    pub pagination: Pagination,
    /// `matched` counts every other row as Kratos on PostgreSQL/SQLite does;
    /// `changed` counts only rows that were active, as on MySQL.
    pub revoke_count: RevokeCount,
    /// SQLite file that keeps state across restarts; in memory when absent.
    pub data: Option<String>,
    /// Seed the demo identity and its sessions on start.
    pub seed_demo: bool,
    /// Which Kratos to behave like where releases differ
    /// (`../shared/notes/real-kratos-differences.md`).
    pub kratos_version: KratosVersion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pagination {
    Kratos,
    Corrected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevokeCount {
    Matched,
    Changed,
}

pub const DEMO_APP_ORIGIN: &str = "http://localhost:8080";

impl Default for Config {
    fn default() -> Self {
        Self {
            serve: Serve::default(),
            session: SessionConfig::default(),
            selfservice: SelfService::default(),
            dev: true,
            kratos_dev: DevOptions::default(),
        }
    }
}

impl Default for PublicListener {
    fn default() -> Self {
        Self { base_url: "http://localhost:4433".into(), host: "127.0.0.1".into(), port: 4433, cors: Cors::default() }
    }
}

impl Default for AdminListener {
    fn default() -> Self {
        Self { base_url: "http://localhost:4434".into(), host: "127.0.0.1".into(), port: 4434 }
    }
}

impl Default for Cors {
    fn default() -> Self {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Self {
            enabled: true,
            allowed_origins: list(&[DEMO_APP_ORIGIN]),
            allowed_methods: list(&["POST", "GET", "PUT", "PATCH", "DELETE"]),
            allowed_headers: list(&[
                "Authorization",
                "Content-Type",
                "Max-Age",
                "X-Session-Token",
                "X-XSRF-TOKEN",
                "X-CSRF-TOKEN",
            ]),
            exposed_headers: list(&["Content-Type"]),
            allow_credentials: true,
            max_age: 0,
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self { lifespan: "24h".into(), cookie: CookieConfig::default(), whoami: Whoami::default() }
    }
}

impl Default for CookieConfig {
    fn default() -> Self {
        Self {
            name: "ory_kratos_session".into(),
            same_site: "Lax".into(),
            secure: None,
            domain: None,
            path: "/".into(),
            persistent: true,
        }
    }
}

impl Default for Whoami {
    fn default() -> Self {
        Self { required_aal: RequiredAal::HighestAvailable }
    }
}

impl Default for SelfService {
    fn default() -> Self {
        Self {
            default_browser_return_url: format!("{DEMO_APP_ORIGIN}/"),
            allowed_return_urls: vec![format!("{DEMO_APP_ORIGIN}/")],
            flows: Flows::default(),
        }
    }
}

impl Default for DevOptions {
    fn default() -> Self {
        Self {
            pagination: Pagination::Kratos,
            revoke_count: RevokeCount::Matched,
            data: None,
            seed_demo: false,
            kratos_version: KratosVersion::Latest,
        }
    }
}

impl Config {
    pub fn public_addr(&self) -> Result<SocketAddr, String> {
        addr(&self.serve.public.host, self.serve.public.port)
    }

    pub fn admin_addr(&self) -> Result<SocketAddr, String> {
        addr(&self.serve.admin.host, self.serve.admin.port)
    }

    /// The public base URL without a trailing slash.
    pub fn public_base(&self) -> &str {
        self.serve.public.base_url.trim_end_matches('/')
    }

    /// Behaving like Kratos v1.3.1 rather than the latest Kratos.
    pub fn v1_3_1(&self) -> bool {
        self.kratos_dev.kratos_version == KratosVersion::V1_3_1
    }

    /// What the Session JSON reads of the config.
    pub fn dialect(&self) -> Dialect<'_> {
        Dialect { public_base: self.public_base(), version: self.kratos_dev.kratos_version }
    }

    pub fn lifespan(&self) -> Duration {
        parse_duration(&self.session.lifespan).unwrap_or(Duration::hours(24))
    }

    pub fn cookie_secure(&self) -> bool {
        self.session.cookie.secure.unwrap_or(!self.dev)
    }

    pub fn logout_return_url(&self) -> &str {
        self.selfservice
            .flows
            .logout
            .after
            .default_browser_return_url
            .as_deref()
            .unwrap_or(&self.selfservice.default_browser_return_url)
    }

    pub fn error_ui_url(&self) -> String {
        self.selfservice
            .flows
            .error
            .ui_url
            .clone()
            .unwrap_or_else(|| format!("{}/self-service/errors/ui", self.public_base()))
    }

    /// Checks what serde cannot: durations and addresses.
    pub fn validate(&self) -> Result<(), String> {
        parse_duration(&self.session.lifespan).ok_or_else(|| {
            format!("session.lifespan: cannot read {:?} as a duration such as 24h", self.session.lifespan)
        })?;
        self.public_addr()?;
        self.admin_addr()?;
        url::Url::parse(&self.serve.public.base_url).map_err(|e| format!("serve.public.base_url: {e}"))?;
        match self.session.cookie.same_site.to_ascii_lowercase().as_str() {
            "lax" | "strict" | "none" => Ok(()),
            other => Err(format!("session.cookie.same_site: {other:?} is not Lax, Strict or None")),
        }
    }
}

fn addr(host: &str, port: u16) -> Result<SocketAddr, String> {
    let host = if host == "localhost" { "127.0.0.1" } else { host };
    format!("{host}:{port}")
        .parse()
        .or_else(|_| format!("[{host}]:{port}").parse())
        .map_err(|_| format!("cannot listen on host {host:?}"))
}

/// Parses Kratos-style durations such as `24h`, `90m`, `1h30m`, `45s`.
/// Like Go's `time.ParseDuration`, which Kratos reads them with, the total
/// must fit in `i64` nanoseconds (about 292 years); that bound also keeps
/// `now + lifespan` from overflowing.
fn parse_duration(s: &str) -> Option<Duration> {
    const NANOS_PER_MS: i64 = 1_000_000;
    const NANOS_PER_S: i64 = 1_000 * NANOS_PER_MS;
    let mut total: i64 = 0;
    let mut digits = String::new();
    let mut saw_unit = false;
    let mut chars = s.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: i64 = digits.parse().ok()?;
        digits.clear();
        let per = if c == 'm' && chars.peek() == Some(&'s') {
            chars.next();
            NANOS_PER_MS
        } else {
            match c {
                'h' => 3600 * NANOS_PER_S,
                'm' => 60 * NANOS_PER_S,
                's' => NANOS_PER_S,
                _ => return None,
            }
        };
        total = total.checked_add(n.checked_mul(per)?)?;
        saw_unit = true;
    }
    (saw_unit && digits.is_empty()).then_some(Duration::nanoseconds(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("24h"), Some(Duration::hours(24)));
        assert_eq!(parse_duration("1h30m"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("250ms"), Some(Duration::milliseconds(250)));
        assert_eq!(parse_duration("10"), None);
        assert_eq!(parse_duration("5d"), None);
        assert_eq!(parse_duration("2562047h"), Some(Duration::hours(2_562_047)));
        assert_eq!(parse_duration("2562048h"), None, "past Go's ~292 years");
        assert_eq!(parse_duration("99999999999999999999h"), None);
    }
}
