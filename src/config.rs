//! The page's settings, read from its host element's `data-*` attributes:
//!
//! ```html
//! <div id="kratos-sessions"
//!      data-kratos-url="https://auth.example.com"
//!      data-login-url="https://auth.example.com/self-service/login/browser"
//!      data-logout-return-url="https://example.com/"
//!      data-locale="de"></div>
//! ```

/// Where Kratos is and where to send the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Kratos's public API, e.g. `https://auth.example.com`.
    pub kratos_url: String,
    /// Kratos's browser login endpoint; the page adds `return_to`.
    pub login_url: String,
    /// Where to go after logging out; Kratos's default when `None`.
    pub logout_return_url: Option<String>,
    /// A BCP 47 tag; the browser's languages when `None`.
    pub locale: Option<String>,
}

pub const DEFAULT_KRATOS_URL: &str = "http://localhost:4433";

impl Default for Config {
    fn default() -> Self {
        Self::with_kratos(DEFAULT_KRATOS_URL)
    }
}

impl Config {
    pub fn with_kratos(kratos_url: &str) -> Self {
        let kratos_url = kratos_url.trim_end_matches('/').to_owned();
        Self {
            login_url: format!("{kratos_url}/self-service/login/browser"),
            kratos_url,
            logout_return_url: None,
            locale: None,
        }
    }

    /// Builds the config from attribute lookups (`data-kratos-url` is asked
    /// for as `kratos-url`); blank values count as absent.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let mut cfg = get("kratos-url")
            .map(|u| Self::with_kratos(&u))
            .unwrap_or_default();
        if let Some(login) = get("login-url") {
            cfg.login_url = login;
        }
        cfg.logout_return_url = get("logout-return-url");
        cfg.locale = get("locale");
        cfg
    }

    /// The login URL with `return_to` (and step-up flags) added.
    pub fn login_href(&self, return_to: &str, encode: impl Fn(&str) -> String) -> String {
        let sep = if self.login_url.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{sep}return_to={}", self.login_url, encode(return_to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let none = Config::from_attributes(|_| None);
        assert_eq!(none, Config::default());
        assert_eq!(
            none.login_url,
            "http://localhost:4433/self-service/login/browser"
        );
        let cfg = Config::from_attributes(|k| match k {
            "kratos-url" => Some("https://auth.example.com/".into()),
            "locale" => Some("  ".into()),
            _ => None,
        });
        assert_eq!(cfg.kratos_url, "https://auth.example.com");
        assert_eq!(
            cfg.login_url,
            "https://auth.example.com/self-service/login/browser"
        );
        assert_eq!(cfg.locale, None);
        assert_eq!(
            cfg.login_href("https://x/?a=1", |s| s.replace(':', "%3A").replace('/', "%2F").replace('?', "%3F").replace('=', "%3D")),
            "https://auth.example.com/self-service/login/browser?return_to=https%3A%2F%2Fx%2F%3Fa%3D1"
        );
    }
}
