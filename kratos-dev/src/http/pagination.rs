//! "Migration" offset pagination of `GET /sessions` and
//! `GET /admin/identities/{id}/sessions` (CONTRACT.md §8.1, §8.2),
//! off-by-one included.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use super::response::json_ok;
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
    /// 1-based paginator (ory/kratos#3883). Saturating, because a page
    /// token can carry any `i64` offset.
    pub fn db_offset(&self, mode: Pagination) -> i64 {
        match mode {
            Pagination::Kratos => self.page.saturating_sub(1).max(0).saturating_mul(self.size),
            Pagination::Corrected => self.page.saturating_mul(self.size),
        }
    }
}

/// The page of `all` that `query` asks for, as Kratos's offset paginator
/// answers it: the items from the (off-by-one) offset, `X-Total-Count`
/// with all of them, and `Link`.
pub fn respond<T>(
    path: &str,
    query: &[(String, String)],
    mode: Pagination,
    all: &[T],
    item: impl FnMut(&T) -> Value,
) -> Response {
    let page = Page::parse(query);
    let total = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let offset = usize::try_from(page.db_offset(mode)).unwrap_or(0);
    let size = usize::try_from(page.size).unwrap_or(1);
    let items: Vec<Value> = all.iter().skip(offset).take(size).map(item).collect();
    let mut res = json_ok(StatusCode::OK, &Value::Array(items));
    let h = res.headers_mut();
    h.insert("x-total-count", HeaderValue::from(total));
    if let Ok(v) = HeaderValue::from_str(&link_header(path, query, page, total)) {
        h.insert(header::LINK, v);
    }
    res
}

pub fn encode_token(offset: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!(r#"{{"offset":"{offset}","v":2}}"#))
}

fn decode_token(token: &str) -> Option<i64> {
    let raw = URL_SAFE_NO_PAD.decode(token.trim_end_matches('=')).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&raw).ok()?;
    v.get("offset")?.as_str()?.parse().ok()
}

/// The `Link` header for a request to `path` with `query`. The offsets
/// saturate, as in [`Page::db_offset`].
pub fn link_header(path: &str, query: &[(String, String)], page: Page, total: i64) -> String {
    let s = page.size;
    let off = page.page.saturating_mul(s);
    let last = if total % s == 0 { total - s } else { (total / s) * s };
    let link = |offset: i64, size: i64, rel: &str| {
        let mut q: Vec<(String, String)> = query
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "page" | "page_size" | "page_token" | "per_page"))
            .cloned()
            .collect();
        q.push(("page".into(), offset.checked_div(size).unwrap_or(0).to_string()));
        q.push(("page_size".into(), size.to_string()));
        q.push(("page_token".into(), encode_token(offset)));
        q.push(("per_page".into(), size.to_string()));
        q.sort_by(|a, b| a.0.cmp(&b.0));
        let encoded = form_urlencoded::Serializer::new(String::new()).extend_pairs(q).finish();
        format!("<{path}?{encoded}>; rel=\"{rel}\"")
    };
    let (next, prev) = (off.saturating_add(s), off.saturating_sub(s));
    let links = if off >= last && total == 0 {
        vec![link(0, s, "first"), link(next, s, "next"), link(prev, s, "prev")]
    } else if off >= last && total <= s {
        vec![link(0, total, "first")]
    } else if off >= last {
        vec![link(0, s, "first"), link(last - s, s, "prev")]
    } else if off < s {
        vec![link(s, s, "next"), link(last, s, "last")]
    } else {
        vec![link(0, s, "first"), link(next, s, "next"), link(prev, s, "prev"), link(last, s, "last")]
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

    #[test]
    fn crafted_offsets_saturate() {
        for offset in [i64::MIN, i64::MAX] {
            let query = q(&[("page_size", "1"), ("page_token", &encode_token(offset))]);
            let page = Page::parse(&query);
            assert!(page.db_offset(Pagination::Kratos) >= 0);
            page.db_offset(Pagination::Corrected);
            for total in [0, 1, 5] {
                assert!(!link_header("/sessions", &query, page, total).is_empty());
            }
        }
    }
}
