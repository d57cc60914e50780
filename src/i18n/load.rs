//! Fetching a language's catalogue from beside the app.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestInit, Response};

use super::parse_strings;

/// The messages at `url`, or `None` when the file cannot be had within
/// `timeout_ms` or holds no messages. A plain same-origin-style `GET`:
/// no credentials, so a CDN can serve it with `Access-Control-Allow-Origin: *`.
pub async fn load_catalogue(url: &str, timeout_ms: u32) -> Option<Vec<(String, String)>> {
    let init = RequestInit::new();
    init.set_signal(Some(&AbortSignal::timeout_with_u32(timeout_ms)));
    let fetch = web_sys::window()?.fetch_with_str_and_init(url, &init);
    let res: Response = JsFuture::from(fetch).await.ok()?.dyn_into().ok()?;
    if !res.ok() {
        return None;
    }
    let text = JsFuture::from(res.text().ok()?).await.ok()?.as_string()?;
    Some(parse_strings(&text)).filter(|messages| !messages.is_empty())
}
