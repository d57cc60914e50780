//! The JavaScript entry points for embedding: `mount(element, options)`
//! returns a handle whose `unmount()` removes the page cleanly. By default
//! the page renders in a shadow root, so host CSS and the page's CSS cannot
//! touch each other. `embed/kratos-sessions.js` builds the
//! `<kratos-sessions>` custom element on top of this.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use leptos::prelude::*;

use crate::{data_key, Config, SessionsPage};

/// A mounted page; `unmount()` (or being garbage-collected) removes it.
#[wasm_bindgen]
pub struct Mounted {
    /// Leptos's handle on the mounted view; dropping it unmounts the view
    /// and disposes its owner.
    page: Option<Box<dyn std::any::Any>>,
    nodes: Vec<Element>,
}

#[wasm_bindgen]
impl Mounted {
    /// Disposes the page: its listeners, timers, fetches and DOM.
    pub fn unmount(&mut self) {
        self.page.take();
        for n in self.nodes.drain(..) {
            n.remove();
        }
    }
}

/// An option as text: strings as they are; numbers, booleans and objects
/// (the `messages` map) as JSON, which prints them without Rust's float
/// formatting in the wasm.
fn option(options: &JsValue, key: &str) -> Option<String> {
    let v = Reflect::get(options, &JsValue::from_str(&data_key(key))).ok()?;
    if v.is_undefined() || v.is_null() {
        None
    } else if let Some(s) = v.as_string() {
        Some(s)
    } else {
        JSON::stringify(&v).ok().and_then(|s| s.as_string())
    }
}

/// Mounts the sessions page into `element`.
///
/// ```js
/// const handle = mount(document.querySelector("#sessions"), {
///   kratosUrl: "https://auth.example.com", locale: "de", stylesheet: "/kratos-sessions.css",
/// });
/// handle.unmount();
/// ```
#[wasm_bindgen]
pub fn mount(element: HtmlElement, options: JsValue) -> Result<Mounted, JsValue> {
    let options = if options.is_object() { options } else { Object::new().into() };
    let config = Config::from_attributes(|k| option(&options, k));
    let shadow = option(&options, "shadow").as_deref() != Some("false");
    let document = element.owner_document().ok_or("the element is not in a document")?;
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    let mut nodes = vec![container.clone().into()];
    if shadow {
        let root = match element.shadow_root() {
            Some(root) => root,
            None => element.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
        };
        if let Some(href) = option(&options, "stylesheet") {
            let link = document.create_element("link")?;
            link.set_attribute("rel", "stylesheet")?;
            link.set_attribute("href", &href)?;
            root.append_child(&link)?;
            nodes.push(link);
        }
        root.append_child(&container)?;
    } else {
        element.append_child(&container)?;
    }
    let page = leptos::mount::mount_to(container, move || view! { <SessionsPage config /> });
    Ok(Mounted { page: Some(Box::new(page)), nodes })
}
