//! JSON or browser? (CONTRACT.md §1.6), following gddo's `NegotiateContentType`
//! against Kratos's offers.

use axum::http::{header, HeaderMap};

const OFFERS: [&str; 4] = ["text/html", "text/*", "*/*", "application/json"];

pub fn wants_json(headers: &HeaderMap) -> bool {
    let content_type_json =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v == "application/json");
    content_type_json || negotiate(headers.get(header::ACCEPT).and_then(|v| v.to_str().ok())) == "application/json"
}

fn negotiate(accept: Option<&str>) -> &'static str {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return "text/html";
    };
    let specs: Vec<(String, f32)> = accept
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let range = it.next()?.trim().to_ascii_lowercase();
            let q = it.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            (!range.is_empty()).then_some((range, q))
        })
        .collect();
    let mut best = ("text/html", -1.0_f32, 3_u8);
    for offer in OFFERS {
        for (range, q) in &specs {
            let wild = if range == "*/*" {
                2
            } else if let Some(prefix) = range.strip_suffix("/*") {
                if offer.split('/').next() != Some(prefix) {
                    continue;
                }
                1
            } else if range == offer {
                0
            } else {
                continue;
            };
            if *q > best.1 || (*q == best.1 && wild < best.2) {
                best = (offer, *q, wild);
            }
        }
    }
    if best.1 <= 0.0 {
        "text/html"
    } else {
        best.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_cases() {
        assert_eq!(negotiate(None), "text/html");
        assert_eq!(negotiate(Some("*/*")), "text/html");
        assert_eq!(negotiate(Some("application/json")), "application/json");
        assert_eq!(negotiate(Some("application/json, text/plain, */*")), "application/json");
        assert_eq!(negotiate(Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")), "text/html");
    }
}
