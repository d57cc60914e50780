//! The page's DOM, built by a small builder over Leptos's reactive graph.
//!
//! Why not `view!`: Leptos's renderer turns every view into its own nested
//! type, and each type carries its own build, rebuild and mount code. For
//! this page that was 33 KB of the 113 KB brotli wasm (docs/bench.md).
//! Here every element is one `createElement` call, and every reactive part
//! is one of six non-generic bindings (text, attribute, flag, class, style,
//! children) run by a Leptos `RenderEffect`, owned by the current Leptos
//! owner and cleaned up with it. Signals, memos, context, callbacks and
//! cleanup are Leptos's own.
//!
//! ```no_run
//! use kratos_sessions::dom::El;
//! use kratos_sessions::reactive::*;
//!
//! let count = RwSignal::new(0);
//! let button = El::new("button")
//!     .class("ks-button")
//!     .attr("type", "button")
//!     .dyn_text(move || format!("Clicked {} times", count.get()))
//!     .on("click", move |_| count.update(|n| *n += 1));
//! ```

mod keyed;
mod mount;

pub use mount::{mount, Mounted};

use crate::reactive::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, Node};

use crate::browser;

// The few DOM calls the builder makes, bound without `catch`: with the
// constant tag and attribute names used here they cannot throw, and the
// bindings stay smaller than web-sys's fallible ones.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = document, js_name = createElement)]
    fn create_element(tag: &str) -> Element;
    #[wasm_bindgen(js_namespace = document, js_name = createElementNS)]
    fn create_element_ns(namespace: &str, tag: &str) -> Element;
    #[wasm_bindgen(js_namespace = document, js_name = createTextNode)]
    fn create_text(text: &str) -> Node;
    #[wasm_bindgen(js_namespace = document, js_name = createComment)]
    fn create_comment(text: &str) -> Node;

    /// Any DOM node, element, text, class list or style, seen through the
    /// methods below.
    type Dom;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attribute(this: &Dom, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = removeAttribute)]
    fn remove_attribute(this: &Dom, name: &str);
    #[wasm_bindgen(method, js_name = toggleAttribute)]
    fn toggle_attribute(this: &Dom, name: &str, on: bool);
    #[wasm_bindgen(method, js_name = appendChild)]
    fn append_child(this: &Dom, child: &Node);
    #[wasm_bindgen(method, js_name = insertBefore)]
    fn insert_before(this: &Dom, child: &Node, before: &Node);
    #[wasm_bindgen(method, setter = data)]
    fn set_data(this: &Dom, text: &str);
    #[wasm_bindgen(method, getter = classList)]
    fn class_list(this: &Dom) -> Dom;
    #[wasm_bindgen(method)]
    fn toggle(this: &Dom, class: &str, on: bool);
    #[wasm_bindgen(method, getter)]
    fn style(this: &Dom) -> Dom;
    #[wasm_bindgen(method, js_name = setProperty)]
    fn set_property(this: &Dom, name: &str, value: &str);
}

fn dom(node: &JsValue) -> &Dom {
    node.unchecked_ref()
}

const SVG: &str = "http://www.w3.org/2000/svg";

/// An element being built; `node()` is the live DOM element.
#[must_use]
pub struct El(Element);

impl El {
    pub fn new(tag: &str) -> Self {
        Self(create_element(tag))
    }

    /// An element in the SVG namespace.
    pub fn svg(tag: &str) -> Self {
        Self(create_element_ns(SVG, tag))
    }

    pub fn node(&self) -> &Element {
        &self.0
    }

    pub fn into_node(self) -> Element {
        self.0
    }

    pub fn attr(self, name: &str, value: &str) -> Self {
        dom(&self.0).set_attribute(name, value);
        self
    }

    pub fn class(self, value: &str) -> Self {
        self.attr("class", value)
    }

    pub fn maybe_attr(self, name: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// Text, never markup: whatever Kratos sends stays inert.
    pub fn text(self, text: &str) -> Self {
        dom(&self.0).append_child(&create_text(text));
        self
    }

    pub fn child(self, child: El) -> Self {
        dom(&self.0).append_child(&child.0);
        self
    }

    pub fn maybe(self, child: Option<El>) -> Self {
        match child {
            Some(c) => self.child(c),
            None => self,
        }
    }

    pub fn children(mut self, children: impl IntoIterator<Item = El>) -> Self {
        for c in children {
            self = self.child(c);
        }
        self
    }

    /// Text that follows the signals `text` reads.
    pub fn dyn_text(self, text: impl Fn() -> String + 'static) -> Self {
        self.bind_text(Box::new(text))
    }

    fn bind_text(self, text: Box<dyn Fn() -> String>) -> Self {
        let node = create_text("");
        dom(&self.0).append_child(&node);
        follow(Box::new(move || dom(&node).set_data(&text())));
        self
    }

    /// An attribute that follows the signals `value` reads; `None` removes it.
    pub fn dyn_attr(self, name: &'static str, value: impl Fn() -> Option<String> + 'static) -> Self {
        self.bind_attr(name, Box::new(value))
    }

    fn bind_attr(self, name: &'static str, value: Box<dyn Fn() -> Option<String>>) -> Self {
        let el = self.0.clone();
        follow(Box::new(move || match value() {
            Some(v) => dom(&el).set_attribute(name, &v),
            None => dom(&el).remove_attribute(name),
        }));
        self
    }

    /// A boolean attribute (`disabled`, `open`) present while `on` is true.
    pub fn dyn_flag(self, name: &'static str, on: impl Fn() -> bool + 'static) -> Self {
        self.bind_flag(name, Box::new(on))
    }

    fn bind_flag(self, name: &'static str, on: Box<dyn Fn() -> bool>) -> Self {
        let el = self.0.clone();
        follow(Box::new(move || dom(&el).toggle_attribute(name, on())));
        self
    }

    /// A class present while `on` is true.
    pub fn dyn_class(self, class: &'static str, on: impl Fn() -> bool + 'static) -> Self {
        self.bind_class(class, Box::new(on))
    }

    fn bind_class(self, class: &'static str, on: Box<dyn Fn() -> bool>) -> Self {
        let list = dom(&self.0).class_list();
        follow(Box::new(move || list.toggle(class, on())));
        self
    }

    /// An inline style property, set through the CSSOM (which a strict
    /// `style-src` allows, unlike a `style` attribute).
    pub fn dyn_style(self, property: &'static str, value: impl Fn() -> String + 'static) -> Self {
        self.bind_style(property, Box::new(value))
    }

    fn bind_style(self, property: &'static str, value: Box<dyn Fn() -> String>) -> Self {
        let style = dom(&self.0).style();
        follow(Box::new(move || style.set_property(property, &value())));
        self
    }

    /// A child that `child` rebuilds whenever the signals it reads change.
    pub fn dyn_child(self, child: impl Fn() -> Option<El> + 'static) -> Self {
        self.bind_children(Box::new(move || child().into_iter().collect()))
    }

    /// Children that `children` rebuilds whenever the signals it reads
    /// change. What the previous ones owned (effects, listeners) is
    /// disposed first.
    pub fn dyn_children(self, children: impl Fn() -> Vec<El> + 'static) -> Self {
        self.bind_children(Box::new(children))
    }

    fn bind_children(self, children: Box<dyn Fn() -> Vec<El>>) -> Self {
        let marker = create_comment("");
        dom(&self.0).append_child(&marker);
        let mut shown: Vec<Element> = Vec::new();
        follow(Box::new(move || {
            for old in shown.drain(..) {
                old.remove();
            }
            shown = children().into_iter().map(El::into_node).collect();
            if let Some(parent) = marker.parent_node() {
                for new in &shown {
                    dom(&parent).insert_before(new, &marker);
                }
            }
        }));
        self
    }

    /// Listens for `event` until the current owner is cleaned up.
    pub fn on(self, event: &'static str, handler: impl Fn(Event) + 'static) -> Self {
        self.listen(event, Box::new(handler))
    }

    fn listen(self, event: &'static str, handler: Box<dyn Fn(Event)>) -> Self {
        let listener = browser::listen(self.0.clone().into(), event, handler);
        StoredValue::new_local(listener);
        self
    }
}

/// Runs `f` now and again whenever a signal it read changes, until the
/// current owner is cleaned up. Children that `f` creates belong to the
/// run that created them and are disposed before the next.
fn follow(mut f: Box<dyn FnMut()>) {
    let effect = RenderEffect::new(move |_: Option<()>| f());
    on_cleanup(move || drop(effect));
}
