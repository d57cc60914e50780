//! A heading whose level the host chooses (`data-heading-level`), so the
//! widget fits the host page's outline.

use leptos::prelude::*;

/// `<h{level}>` (clamped to 1–6) with `text`. `focusable` lets focus land
/// on it (after the last row is signed out).
#[component]
pub fn Heading(
    level: u8,
    class: &'static str,
    text: String,
    #[prop(optional)] id: Option<String>,
    #[prop(optional)] focusable: bool,
) -> impl IntoView {
    let tabindex = focusable.then_some("-1");
    match level {
        0 | 1 => view! { <h1 class=class id=id tabindex=tabindex>{text}</h1> }.into_any(),
        2 => view! { <h2 class=class id=id tabindex=tabindex>{text}</h2> }.into_any(),
        3 => view! { <h3 class=class id=id tabindex=tabindex>{text}</h3> }.into_any(),
        4 => view! { <h4 class=class id=id tabindex=tabindex>{text}</h4> }.into_any(),
        5 => view! { <h5 class=class id=id tabindex=tabindex>{text}</h5> }.into_any(),
        _ => view! { <h6 class=class id=id tabindex=tabindex>{text}</h6> }.into_any(),
    }
}
