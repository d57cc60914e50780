//! The page's settings, read from its host element's `data-*` attributes:
//!
//! ```html
//! <div id="kratos-sessions"
//!      data-kratos-url="https://auth.example.com"
//!      data-login-url="https://auth.example.com/self-service/login/browser"
//!      data-logout-return-url="https://example.com/"
//!      data-locale="de"
//!      data-catalogues="/kratos-sessions/i18n/"
//!      data-step-up-max-age="10m"
//!      data-step-up-aal="aal2"
//!      data-heading-level="2"
//!      data-apps-url="https://example.com/connected"></div>
//! ```

use crate::view_model::actions::{parse_max_age, StepUp, StepUpPolicy};

/// Where Kratos is, where to send the user, and what to ask of them.
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
    /// Where the catalogues other than English are (`de.json`, `ar.json`),
    /// fetched only by a page that speaks that language. Relative URLs are
    /// resolved against the document.
    pub catalogues: String,
    /// Extra checks before destructive actions (none by default).
    pub step_up: StepUpPolicy,
    /// Sessions per `GET /sessions` request (1 to 1000, Kratos's maximum).
    pub page_size: u32,
    /// How long a call to Kratos may take, in milliseconds.
    pub timeout_ms: u32,
    /// Force `light` or `dark`; the user's `prefers-color-scheme` when `None`.
    pub theme: Option<Theme>,
    /// The host's replacements for catalogue messages, by key.
    pub messages: Vec<(String, String)>,
    /// The level of the page's title (1 to 5); its sections are one below.
    pub heading_level: u8,
    /// The server half (`kratos-sessions-server`): with it, the page also
    /// lists the OAuth2 apps the person gave access to, and "Sign out
    /// everywhere" removes them too. No panel without it.
    pub apps_url: Option<String>,
    /// Security settings the page could not read. While there are any, the
    /// page refuses to end sessions: a typo must never switch a guard off.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

pub const DEFAULT_KRATOS_URL: &str = "http://localhost:4433";
pub const DEFAULT_CATALOGUES: &str = "i18n/";

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
            catalogues: DEFAULT_CATALOGUES.to_owned(),
            step_up: StepUpPolicy::default(),
            page_size: crate::kratos::client::MAX_PAGE_SIZE,
            timeout_ms: crate::kratos::client::DEFAULT_TIMEOUT_MS,
            theme: None,
            messages: Vec::new(),
            heading_level: 2,
            apps_url: None,
            problems: Vec::new(),
        }
    }

    /// Builds the config from attribute lookups (`data-kratos-url` is asked
    /// for as `kratos-url`); blank values count as absent.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let mut cfg = get("kratos-url").map(|u| Self::with_kratos(&u)).unwrap_or_default();
        if let Some(login) = get("login-url") {
            cfg.login_url = login;
        }
        cfg.logout_return_url = get("logout-return-url");
        cfg.locale = get("locale");
        if let Some(base) = get("catalogues") {
            cfg.catalogues = if base.ends_with('/') { base } else { format!("{base}/") };
        }
        if let Some(v) = get("step-up-max-age") {
            cfg.step_up.max_age_secs = parse_max_age(&v);
            if cfg.step_up.max_age_secs.is_none() {
                cfg.problems.push(format!("step-up-max-age=\"{v}\" is not a duration (write 90s, 10m, 2h or 1d)"));
            }
        }
        match get("step-up-aal").map(|v| v.to_ascii_lowercase()).as_deref() {
            None | Some("aal1") => {}
            Some("aal2") => cfg.step_up.require_aal2 = true,
            Some(_) => cfg.problems.push(format!(
                "step-up-aal=\"{}\" is not an assurance level (write aal2, or aal1 for none)",
                get("step-up-aal").unwrap_or_default()
            )),
        }
        if let Some(n) = get("page-size").and_then(|v| v.parse::<u32>().ok()) {
            cfg.page_size = n.clamp(1, crate::kratos::client::MAX_PAGE_SIZE);
        }
        cfg.theme = match get("theme").map(|t| t.to_ascii_lowercase()).as_deref() {
            Some("light") => Some(Theme::Light),
            Some("dark") => Some(Theme::Dark),
            _ => None,
        };
        // A JSON object of message overrides; anything else is ignored.
        cfg.messages = get("messages").map(|json| crate::i18n::parse_strings(&json)).unwrap_or_default();
        if let Some(level) = get("heading-level").and_then(|v| v.parse::<u8>().ok()) {
            cfg.heading_level = level.clamp(1, 5);
        }
        cfg.apps_url = get("apps-url").map(|u| u.trim_end_matches('/').to_owned());
        if let Some(ms) = get("timeout").and_then(|v| v.parse::<u32>().ok()).filter(|ms| *ms > 0) {
            cfg.timeout_ms = ms;
        }
        cfg
    }

    /// The login URL with `return_to` (and step-up flags) added.
    pub fn login_href(&self, return_to: &str, step_up: Option<StepUp>, encode: impl Fn(&str) -> String) -> String {
        let sep = if self.login_url.contains('?') { '&' } else { '?' };
        let mut href = format!("{}{sep}", self.login_url);
        if step_up.is_some_and(|s| s.refresh) {
            href.push_str("refresh=true&");
        }
        if step_up.is_some_and(|s| s.aal2) {
            href.push_str("aal=aal2&");
        }
        href.push_str("return_to=");
        href.push_str(&encode(return_to));
        href
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A security setting the page cannot read fails closed: it is a
    /// problem the page reports and acts on, never a guard silently off.
    #[test]
    fn unreadable_step_up_settings_are_problems() {
        for (key, value) in [("step-up-max-age", "10min"), ("step-up-max-age", "soon"), ("step-up-aal", "mfa")] {
            let cfg = Config::from_attributes(|k| (k == key).then(|| value.to_string()));
            assert_eq!(cfg.problems.len(), 1, "{key}={value}");
            assert!(cfg.problems[0].contains(value), "{:?}", cfg.problems);
        }
        let both = Config::from_attributes(|k| match k {
            "step-up-max-age" => Some("1 day".into()),
            "step-up-aal" => Some("2".into()),
            _ => None,
        });
        assert_eq!(both.problems.len(), 2);
    }

    #[test]
    fn defaults_and_overrides() {
        let none = Config::from_attributes(|_| None);
        assert_eq!(none, Config::default());
        assert_eq!(none.login_url, "http://localhost:4433/self-service/login/browser");
        let cfg = Config::from_attributes(|k| match k {
            "kratos-url" => Some("https://auth.example.com/".into()),
            "locale" => Some("  ".into()),
            _ => None,
        });
        assert_eq!(cfg.kratos_url, "https://auth.example.com");
        assert_eq!(cfg.login_url, "https://auth.example.com/self-service/login/browser");
        assert_eq!(cfg.locale, None);
        assert_eq!(cfg.apps_url, None);
        let apps = Config::from_attributes(|k| (k == "apps-url").then(|| " https://example.com/connected/ ".into()));
        assert_eq!(apps.apps_url.as_deref(), Some("https://example.com/connected"));
        let enc = |s: &str| s.replace(':', "%3A").replace('/', "%2F").replace('?', "%3F").replace('=', "%3D");
        assert_eq!(
            cfg.login_href("https://x/?a=1", None, enc),
            "https://auth.example.com/self-service/login/browser?return_to=https%3A%2F%2Fx%2F%3Fa%3D1"
        );
        assert_eq!(
            cfg.login_href("h", Some(StepUp { refresh: true, aal2: true }), enc),
            "https://auth.example.com/self-service/login/browser?refresh=true&aal=aal2&return_to=h"
        );
    }

    #[test]
    fn step_up_and_page_size() {
        let cfg = Config::from_attributes(|k| match k {
            "step-up-max-age" => Some("10m".into()),
            "step-up-aal" => Some("AAL2".into()),
            "page-size" => Some("5000".into()),
            _ => None,
        });
        assert_eq!(cfg.step_up, StepUpPolicy { max_age_secs: Some(600), require_aal2: true });
        assert_eq!(cfg.page_size, 1000);
        assert!(cfg.problems.is_empty());
        let day = Config::from_attributes(|k| (k == "step-up-max-age").then(|| "1d".to_string()));
        assert_eq!((day.step_up.max_age_secs, day.problems.len()), (Some(86_400), 0));
        let themed = Config::from_attributes(|k| match k {
            "theme" => Some("Dark".into()),
            "messages" => Some(r#"{"title":"Devices","cancel":"Keep"}"#.into()),
            _ => None,
        });
        assert_eq!(themed.theme, Some(Theme::Dark));
        let mut messages = themed.messages.clone();
        messages.sort();
        assert_eq!(
            messages,
            [("cancel".to_string(), "Keep".to_string()), ("title".to_string(), "Devices".to_string())]
        );
        let placed = Config::from_attributes(|k| (k == "catalogues").then(|| "/static/i18n".to_string()));
        assert_eq!(placed.catalogues, "/static/i18n/");
        assert_eq!(Config::default().catalogues, "i18n/");
        let none = Config::from_attributes(|k| (k == "step-up-aal").then(|| "AAL1".to_string()));
        assert!(none.problems.is_empty() && !none.step_up.require_aal2);
        let broken = Config::from_attributes(|k| (k == "messages").then(|| "{not json".to_string()));
        assert!(broken.messages.is_empty());
    }
}
