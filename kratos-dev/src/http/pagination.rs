//! "Migration" offset pagination of `GET /sessions` (CONTRACT.md §8.1, §8.2),
//! off-by-one included.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::config::Pagination;

const DEFAULT_SIZE: i64 = 250;
const MAX_SIZE: i64 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub page: i64,
    pub size: i64,
}

impl Page {
    pub fn parse(query: &[(String, String)]) -> Self {
        let get = |k: &str| query.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        let has = |k: &str| query.iter().any(|(key, _)| key == k);
        let size_of =
            |v: Option<&str>| v.and_then(|v| v.parse::<i64>().ok()).unwrap_or(DEFAULT_SIZE).clamp(1, MAX_SIZE);
        if has("page_token") || has("page_size") {
            let size = size_of(get("page_size"));
            let offset = get("page_token").and_then(decode_token).unwrap_or(0);
            Self { page: offset / size, size }
        } else {
            let page = get("page").and_then(|v| v.parse::<i64>().ok()).filter(|p| *p >= 0).unwrap_or(0);
            Self { page, size: size_of(get("per_page")) }
        }
    }

    /// Where the database starts reading. Kratos hands its 0-based page to a
    /// 1-based paginator (ory/kratos#3883).
    pub fn db_offset(&self, mode: Pagination) -> i64 {
        match mode {
            Pagination::Kratos => (self.page - 1).max(0) * self.size,
            Pagination::Corrected => self.page * self.size,
        }
    }
}

pub fn encode_token(offset: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!(r#"{{"offset":"{offset}","v":2}}"#))
}

fn decode_token(token: &str) -> Option<i64> {
    let raw = URL_SAFE_NO_PAD.decode(token.trim_end_matches('=')).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&raw).ok()?;
    v.get("offset")?.as_str()?.parse().ok()
}

/// The `Link` header for a request to `path` with `query`.
pub fn link_header(path: &str, query: &[(String, String)], page: Page, total: i64) -> String {
    let s = page.size;
    let off = page.page * s;
    let last = if total % s == 0 { total - s } else { (total / s) * s };
    let link = |offset: i64, size: i64, rel: &str| {
        let mut q: Vec<(String, String)> = query
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "page" | "page_size" | "page_token" | "per_page"))
            .cloned()
            .collect();
        q.push(("page".into(), (offset / size).to_string()));
        q.push(("page_size".into(), size.to_string()));
        q.push(("page_token".into(), encode_token(offset)));
        q.push(("per_page".into(), size.to_string()));
        q.sort_by(|a, b| a.0.cmp(&b.0));
        let encoded = form_urlencoded::Serializer::new(String::new()).extend_pairs(q).finish();
        format!("<{path}?{encoded}>; rel=\"{rel}\"")
    };
    let links = if off >= last && total == 0 {
        vec![link(0, s, "first"), link(off + s, s, "next"), link(off - s, s, "prev")]
    } else if off >= last && total <= s {
        vec![link(0, total, "first")]
    } else if off >= last {
        vec![link(0, s, "first"), link(last - s, s, "prev")]
    } else if off < s {
        vec![link(s, s, "next"), link(last, s, "last")]
    } else {
        vec![link(0, s, "first"), link(off + s, s, "next"), link(off - s, s, "prev"), link(last, s, "last")]
    };
    links.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn contract_worked_examples() {
        let none = q(&[]);
        assert_eq!(
            link_header("/sessions", &none, Page::parse(&none), 3),
            r#"</sessions?page=0&page_size=3&page_token=eyJvZmZzZXQiOiIwIiwidiI6Mn0&per_page=3>; rel="first""#
        );
        let two = q(&[("page_size", "2")]);
        assert_eq!(
            link_header("/sessions", &two, Page::parse(&two), 5),
            r#"</sessions?page=1&page_size=2&page_token=eyJvZmZzZXQiOiIyIiwidiI6Mn0&per_page=2>; rel="next",</sessions?page=2&page_size=2&page_token=eyJvZmZzZXQiOiI0IiwidiI6Mn0&per_page=2>; rel="last""#
        );
        assert_eq!(
            link_header("/sessions", &none, Page::parse(&none), 0),
            r#"</sessions?page=0&page_size=250&page_token=eyJvZmZzZXQiOiIwIiwidiI6Mn0&per_page=250>; rel="first",</sessions?page=1&page_size=250&page_token=eyJvZmZzZXQiOiIyNTAiLCJ2IjoyfQ&per_page=250>; rel="next",</sessions?page=-1&page_size=250&page_token=eyJvZmZzZXQiOiItMjUwIiwidiI6Mn0&per_page=250>; rel="prev""#
        );
    }

    #[test]
    fn parsing_and_clamping() {
        assert_eq!(Page::parse(&q(&[("page_size", "5000")])), Page { page: 0, size: 1000 });
        assert_eq!(Page::parse(&q(&[("page_size", "x")])), Page { page: 0, size: 250 });
        assert_eq!(Page::parse(&q(&[("page_size", "0")])), Page { page: 0, size: 1 });
        assert_eq!(Page::parse(&q(&[("page", "-3"), ("per_page", "10")])), Page { page: 0, size: 10 });
        assert_eq!(Page::parse(&q(&[("page_size", "2"), ("page_token", &encode_token(4))])), Page { page: 2, size: 2 });
        assert_eq!(Page::parse(&q(&[("page_token", "garbage")])), Page { page: 0, size: 250 });
    }

    #[test]
    fn off_by_one() {
        let p = Page { page: 1, size: 2 };
        assert_eq!(p.db_offset(Pagination::Kratos), 0);
        assert_eq!(p.db_offset(Pagination::Corrected), 2);
    }
}
