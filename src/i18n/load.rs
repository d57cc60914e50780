//! Fetching a language's catalogue from beside the app.

use gloo_net::http::Request;
use web_sys::AbortSignal;

use super::parse_strings;

/// The messages at `url`, or `None` when the file cannot be had within
/// `timeout_ms` or holds no messages. A plain `GET` without credentials
/// across origins, so a CDN can serve it with `Access-Control-Allow-Origin: *`.
pub async fn load_catalogue(url: &str, timeout_ms: u32) -> Option<Vec<(String, String)>> {
    let timeout = AbortSignal::timeout_with_u32(timeout_ms);
    let res = Request::get(url).abort_signal(Some(&timeout)).send().await.ok()?;
    if !res.ok() {
        return None;
    }
    Some(parse_strings(&res.text().await.ok()?)).filter(|messages| !messages.is_empty())
}
