//! `return_to` rules (CONTRACT.md §9.1): a relative value takes scheme and
//! host from the default return URL; the result must match an allowed URL's
//! scheme and host (`*.` as a suffix wildcard) and start with its path.

use url::Url;

use crate::config::Config;
use crate::wire::KratosError;

pub fn validate(cfg: &Config, raw: &str) -> Result<String, KratosError> {
    let base = Url::parse(cfg.logout_return_url())
        .or_else(|_| Url::parse(&cfg.selfservice.default_browser_return_url))
        .or_else(|_| Url::parse(cfg.public_base()));
    let parsed = match base {
        Ok(base) => base.join(raw),
        Err(_) => Url::parse(raw),
    }
    .map_err(|e| {
        KratosError::bad_request().reason(format!("Unable to parse the return_to query parameter as an URL: {e}"))
    })?;
    let self_service = format!("{}/self-service", cfg.public_base());
    let allowed = cfg
        .selfservice
        .allowed_return_urls
        .iter()
        .map(String::as_str)
        .chain([self_service.as_str()])
        .filter_map(|a| Url::parse(a).ok())
        .any(|a| matches(&a, &parsed));
    if allowed {
        Ok(parsed.to_string())
    } else {
        Err(KratosError::return_to_forbidden(raw))
    }
}

fn host_port(u: &Url) -> String {
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

fn matches(allowed: &Url, candidate: &Url) -> bool {
    if !allowed.scheme().eq_ignore_ascii_case(candidate.scheme()) {
        return false;
    }
    let (a, c) = (host_port(allowed), host_port(candidate));
    let host_ok = match a.strip_prefix("*.") {
        Some(suffix) => c.ends_with(&format!(".{suffix}")),
        None => a == c,
    };
    host_ok && candidate.path().starts_with(allowed.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let mut cfg = Config::default();
        cfg.selfservice.allowed_return_urls =
            vec!["http://localhost:8080/".into(), "https://*.example.com/account".into()];
        assert_eq!(validate(&cfg, "/settings").unwrap(), "http://localhost:8080/settings");
        assert!(validate(&cfg, "http://LOCALHOST:8080/x").is_ok());
        assert!(validate(&cfg, "https://app.example.com/account/sessions").is_ok());
        assert!(validate(&cfg, "https://app.example.com/other").is_err());
        let e = validate(&cfg, "https://www.ory.com").unwrap_err();
        assert_eq!(e.id, Some("self_service_flow_return_to_forbidden"));
        assert_eq!(e.reason.as_deref(), Some("Requested return_to URL \"https://www.ory.com\" is not allowed."));
        assert!(validate(&cfg, "http://localhost:4433/self-service/login/browser").is_ok());
    }
}
