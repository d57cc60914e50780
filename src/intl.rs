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

/// Building an `Intl` formatter costs far more than using one, and a long
/// list formats thousands of times: one of each per locale list.
struct Formatters {
    locales: Vec<String>,
    relative: Intl::RelativeTimeFormat,
    date_time: Intl::DateTimeFormat,
}

thread_local! {
    static FORMATTERS: std::cell::RefCell<Vec<Formatters>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn with_formatters<T: Default>(locales: &[String], f: impl FnOnce(&Formatters) -> T) -> T {
    FORMATTERS.with_borrow_mut(|cache| {
        let entry = match cache.iter().position(|c| c.locales == locales) {
            Some(i) => cache.get(i),
            None => {
                let list = js_locales(locales);
                let relative_opts = Object::new();
                let _ = Reflect::set(&relative_opts, &"numeric".into(), &"auto".into());
                let date_opts = Object::new();
                let _ = Reflect::set(&date_opts, &"dateStyle".into(), &"medium".into());
                let _ = Reflect::set(&date_opts, &"timeStyle".into(), &"short".into());
                cache.push(Formatters {
                    locales: locales.to_vec(),
                    relative: Intl::RelativeTimeFormat::new(&list, &relative_opts),
                    date_time: Intl::DateTimeFormat::new(&list, &date_opts),
                });
                cache.last()
            }
        };
        entry.map(f).unwrap_or_default()
    })
}

/// Builds the formatters for `locales` ahead of their first use.
pub fn prepare(locales: &[String]) {
    with_formatters(locales, |_| ());
}

/// "3 hours ago", "in 2 days", "now".
pub fn relative_time(locales: &[String], now: i64, then: i64) -> String {
    let (value, unit) = relative(now, then);
    let unit = if unit == Unit::Second { "second" } else { unit.as_str() };
    with_formatters(locales, |f| f.relative.format(value as f64, unit).into())
}

/// "21 Nov 2026, 09:14" in the user's locale and time zone.
pub fn date_time(locales: &[String], ms: i64) -> String {
    let format = with_formatters(locales, |f| Some(f.date_time.format()));
    let Some(format) = format else { return String::new() };
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
