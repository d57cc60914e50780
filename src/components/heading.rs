//! A heading whose level the host chooses (`data-heading-level`), so the
//! widget fits the host page's outline.

use crate::dom::El;

/// `<h{level}>` (clamped to 1–6) with `text`. `focusable` lets focus land
/// on it (after the last row is signed out).
pub fn heading(level: u8, class: &str, id: Option<&str>, focusable: bool, text: &str) -> El {
    let tag = match level {
        0 | 1 => "h1",
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    };
    El::new(tag).class(class).maybe_attr("id", id).maybe_attr("tabindex", focusable.then_some("-1")).text(text)
}
