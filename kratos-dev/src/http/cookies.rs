//! The session cookie (CONTRACT.md §7.2). Kratos's value is an encrypted
//! gorilla/securecookie blob; clients must treat it as opaque, so kratos-dev
//! uses an unsigned base64 encoding of the same three fields.

use axum::http::HeaderMap;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::OffsetDateTime;

use crate::config::Config;
use crate::wire::model::random_token;

const HTTP_DATE: &[BorrowedFormatItem<'static>] =
    format_description!("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT");

/// What a session cookie carries.
#[derive(Debug, Clone, PartialEq)]
pub struct CookieValue {
    pub token: String,
    pub expires_at: i64,
}

/// A fresh value for `token`; every issue differs because of the nonce.
pub fn encode(token: &str, expires_at: OffsetDateTime) -> String {
    let nonce = random_token("");
    URL_SAFE_NO_PAD.encode(format!("{token}|{}|{nonce}", expires_at.unix_timestamp()))
}

pub fn decode(value: &str) -> Option<CookieValue> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(value).ok()?).ok()?;
    let mut parts = raw.split('|');
    let token = parts.next()?.to_owned();
    let expires_at = parts.next()?.parse().ok()?;
    (!token.is_empty()).then_some(CookieValue { token, expires_at })
}

/// The value of cookie `name` in the request, if any.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"').to_owned())
}

/// `Set-Cookie` for a session, attribute order as Go's `http.Cookie` writes it.
pub fn issue(cfg: &Config, token: &str, expires_at: OffsetDateTime) -> String {
    let value = encode(token, expires_at);
    let c = &cfg.session.cookie;
    let lifetime = if c.persistent {
        let max_age = (expires_at - OffsetDateTime::now_utc()).whole_seconds().max(1);
        format!("; Expires={}; Max-Age={max_age}", http_date(expires_at))
    } else {
        String::new()
    };
    format!("{}={value}{}{lifetime}{}", c.name, path_domain(cfg), flags(cfg))
}

/// `Set-Cookie` that removes the session cookie (§7.2, logout).
pub fn clear(cfg: &Config) -> String {
    let c = &cfg.session.cookie;
    format!(
        "{}={}{}; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0{}",
        c.name,
        URL_SAFE_NO_PAD.encode(random_token("")),
        path_domain(cfg),
        flags(cfg)
    )
}

fn path_domain(cfg: &Config) -> String {
    let c = &cfg.session.cookie;
    let mut s = format!("; Path={}", c.path);
    if let Some(d) = c.domain.as_deref().filter(|d| !d.is_empty()) {
        s.push_str(&format!("; Domain={d}"));
    }
    s
}

fn flags(cfg: &Config) -> String {
    let mut s = String::from("; HttpOnly");
    if cfg.cookie_secure() {
        s.push_str("; Secure");
    }
    let same_site = match cfg.session.cookie.same_site.to_ascii_lowercase().as_str() {
        "strict" => "Strict",
        "none" => "None",
        _ => "Lax",
    };
    s.push_str("; SameSite=");
    s.push_str(same_site);
    s
}

fn http_date(t: OffsetDateTime) -> String {
    t.format(HTTP_DATE).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_fresh_nonce() {
        let t = OffsetDateTime::now_utc();
        let a = encode("ory_st_x", t);
        let b = encode("ory_st_x", t);
        assert_ne!(a, b);
        assert_eq!(decode(&a), Some(CookieValue { token: "ory_st_x".into(), expires_at: t.unix_timestamp() }));
        assert_eq!(decode("not base64!"), None);
    }

    #[test]
    fn default_attributes() {
        let cfg = Config { dev: false, ..Config::default() };
        let c = issue(&cfg, "t", OffsetDateTime::now_utc() + time::Duration::hours(1));
        assert!(c.starts_with("ory_kratos_session="));
        assert!(c.contains("; Path=/; Expires="));
        assert!(c.contains("; Max-Age=3"));
        assert!(c.ends_with("; HttpOnly; Secure; SameSite=Lax"));
        assert!(!c.contains("Domain"));
    }
}
