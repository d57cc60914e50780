//! A heading whose level the host chooses (`data-heading-level`), so the
//! widget fits the host page's outline.

use leptos::prelude::*;

#[component]
pub fn Heading(
    level: u8,
    class: &'static str,
    #[prop(optional)] id: Option<&'static str>,
    /// Lets focus land here (after the last row is signed out).
    #[prop(optional)]
    focusable: bool,
    children: Children,
) -> impl IntoView {
    let tabindex = focusable.then_some("-1");
    match level {
        1 => view! { <h1 id=id class=class tabindex=tabindex>{children()}</h1> }.into_any(),
        2 => view! { <h2 id=id class=class tabindex=tabindex>{children()}</h2> }.into_any(),
        3 => view! { <h3 id=id class=class tabindex=tabindex>{children()}</h3> }.into_any(),
        4 => view! { <h4 id=id class=class tabindex=tabindex>{children()}</h4> }.into_any(),
        5 => view! { <h5 id=id class=class tabindex=tabindex>{children()}</h5> }.into_any(),
        _ => view! { <h6 id=id class=class tabindex=tabindex>{children()}</h6> }.into_any(),
    }
}
