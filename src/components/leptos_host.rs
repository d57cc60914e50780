//! The page as a Leptos component, for hosts that are Leptos apps
//! themselves. The standalone page and `mount()` do not use it, so it adds
//! nothing to their wasm.

use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;

use super::sessions_page::sessions_page;
use crate::kratos::SessionsApi;
use crate::Config;

/// `view! { <SessionsPage config=Config::with_kratos("https://auth.example.com") /> }`
#[component]
pub fn SessionsPage(config: Config, #[prop(optional)] api: Option<Rc<dyn SessionsApi>>) -> impl IntoView {
    let host = NodeRef::<Div>::new();
    // Built now, under this component's owner, so it is disposed with it.
    let page = sessions_page(config, api).into_node();
    host.on_load(move |div| {
        let _ = div.append_child(&page);
    });
    view! { <div class="ks-mount" node_ref=host></div> }
}
