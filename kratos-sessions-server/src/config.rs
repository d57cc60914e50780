//! The validated configuration a [`crate::router`] is built from. Whatever
//! the source (a host's code, or the binary's flags, environment and file),
//! it passes through [`Config::new`], so a bad URL or origin is refused
//! before anything listens.

use std::fmt;
use std::time::Duration;

use url::Url;

/// Where the binary listens unless told otherwise.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:4460";

/// The default bound on each call to Kratos or Hydra: loopback or a private
/// network answers in milliseconds, and a person waiting on "Remove access"
/// should hear of a hung service within seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// Request bodies larger than this get 413: no endpoint takes a body.
pub const BODY_LIMIT: usize = 1024;

/// Where Kratos and Hydra are and which pages may call this server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    kratos_public: String,
    hydra_admin: String,
    allow_origins: Vec<String>,
    timeout: Duration,
}

/// Why a configuration was refused; the text says what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub(crate) String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// `kratos_public`: Kratos's public API base URL (whoami is
    /// `{kratos_public}/sessions/whoami`); `hydra_admin`: Hydra's admin API
    /// base URL; `allow_origins`: the exact origins (`scheme://host[:port]`)
    /// of the pages that may call this server, at least one.
    pub fn new<I, S>(kratos_public: &str, hydra_admin: &str, allow_origins: I) -> Result<Config, ConfigError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let allow_origins = allow_origins.into_iter().map(|o| origin(o.as_ref())).collect::<Result<Vec<_>, _>>()?;
        if allow_origins.is_empty() {
            return Err(ConfigError("at least one allowed origin (the page's) is needed".into()));
        }
        Ok(Config {
            kratos_public: base_url("the Kratos public URL", kratos_public)?,
            hydra_admin: base_url("the Hydra admin URL", hydra_admin)?,
            allow_origins,
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// The bound on each call to Kratos or Hydra ([`DEFAULT_TIMEOUT`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Result<Config, ConfigError> {
        if timeout.is_zero() {
            return Err(ConfigError("the upstream timeout must be more than zero".into()));
        }
        self.timeout = timeout;
        Ok(self)
    }

    /// Without a trailing slash.
    pub fn kratos_public(&self) -> &str {
        &self.kratos_public
    }

    /// Without a trailing slash.
    pub fn hydra_admin(&self) -> &str {
        &self.hydra_admin
    }

    /// As browsers write them in `Origin` (lower-case host, no default port).
    pub fn allow_origins(&self) -> &[String] {
        &self.allow_origins
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

/// An http(s) base URL, possibly with a path prefix (Kratos behind a
/// proxy at `/.ory/kratos/public`), without query, fragment or credentials.
fn base_url(what: &str, text: &str) -> Result<String, ConfigError> {
    let bad = |why: &str| ConfigError(format!("{what} {text:?} {why}"));
    let url = Url::parse(text.trim()).map_err(|e| bad(&format!("is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("must be an http or https URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("must not carry credentials"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// An origin as a browser sends it. `null` and `*` are refused: they would
/// let sandboxed frames or every site in.
fn origin(text: &str) -> Result<String, ConfigError> {
    let text = text.trim();
    let bad = |why: &str| ConfigError(format!("the allowed origin {text:?} {why}"));
    if text == "null" || text == "*" {
        return Err(bad("is not allowed: give the page's exact origin, such as https://app.example.com"));
    }
    let url = Url::parse(text).map_err(|e| bad(&format!("is not an origin ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(bad("must be http(s)://host[:port]"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(bad("must be only scheme://host[:port], without a path, query or credentials"));
    }
    Ok(url.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_origins_are_checked_and_normalised() {
        let c = Config::new(
            "http://127.0.0.1:4433/",
            "https://hydra.internal:4445/prefix/",
            ["https://App.Example.com:443/"],
        )
        .unwrap();
        assert_eq!(c.kratos_public(), "http://127.0.0.1:4433");
        assert_eq!(c.hydra_admin(), "https://hydra.internal:4445/prefix");
        assert_eq!(c.allow_origins(), ["https://app.example.com"]);
        assert_eq!(c.timeout(), DEFAULT_TIMEOUT);
        let err = |k: &str, h: &str, o: &str| Config::new(k, h, [o]).unwrap_err().to_string();
        assert!(err("localhost:4433", "http://h", "http://a").contains("the Kratos public URL"));
        assert!(err("ftp://k", "http://h", "http://a").contains("http or https"));
        assert!(err("http://k", "http://h?x=1", "http://a").contains("the Hydra admin URL"));
        assert!(err("http://k", "http://u:p@h", "http://a").contains("credentials"));
        assert!(err("http://k", "http://h", "null").contains("not allowed"));
        assert!(err("http://k", "http://h", "*").contains("not allowed"));
        assert!(err("http://k", "http://h", "https://a.example/app").contains("without a path"));
        assert!(err("http://k", "http://h", "a.example").contains("is not an origin"));
        let none: [&str; 0] = [];
        assert!(Config::new("http://k", "http://h", none).unwrap_err().to_string().contains("at least one"));
        assert!(c.clone().with_timeout(Duration::ZERO).is_err());
        assert_eq!(c.with_timeout(Duration::from_millis(300)).unwrap().timeout(), Duration::from_millis(300));
    }
}
