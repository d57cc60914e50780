//! Dates and relative times from the browser's `Intl`, which costs the wasm
//! nothing and speaks the user's language.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::view_model::locale::sanitize;
use crate::view_model::time::{relative, Unit};

/// The locales to format in: the configured one, else the browser's.
pub fn locales(configured: Option<&str>) -> Vec<String> {
    if let Some(tag) = configured.and_then(sanitize) {
        return vec![tag];
    }
    web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string().as_deref().and_then(sanitize)).collect())
        .unwrap_or_default()
}

fn js_locales(locales: &[String]) -> Array {
    locales.iter().map(|l| JsValue::from_str(l)).collect()
}

pub fn now_ms() -> i64 {
    Date::now() as i64
}

/// "3 hours ago", "in 2 days", "now".
pub fn relative_time(locales: &[String], now: i64, then: i64) -> String {
    let (value, unit) = relative(now, then);
    let opts = Object::new();
    let _ = Reflect::set(&opts, &"numeric".into(), &"auto".into());
    let fmt = Intl::RelativeTimeFormat::new(&js_locales(locales), &opts);
    let unit = if unit == Unit::Second { "second" } else { unit.as_str() };
    fmt.format(value as f64, unit).into()
}

/// "21 Nov 2026, 09:14" in the user's locale and time zone.
pub fn date_time(locales: &[String], ms: i64) -> String {
    let opts = Object::new();
    let _ = Reflect::set(&opts, &"dateStyle".into(), &"medium".into());
    let _ = Reflect::set(&opts, &"timeStyle".into(), &"short".into());
    let fmt = Intl::DateTimeFormat::new(&js_locales(locales), &opts);
    let format = fmt.format();
    format
        .call1(&JsValue::UNDEFINED, &Date::new(&JsValue::from_f64(ms as f64)))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// `2026-11-21T09:14:00.000Z`, for `<time datetime>`.
pub fn iso(ms: i64) -> String {
    Date::new(&JsValue::from_f64(ms as f64)).to_iso_string().as_string().unwrap_or_default()
}
