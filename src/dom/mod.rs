//! The page's DOM, built by a small builder over Leptos's reactive graph.
//!
//! Why not `view!`: Leptos's renderer turns every view into its own nested
//! type, and each type carries its own build, rebuild and mount code. For
//! this page that was 33 KB of the 113 KB brotli wasm (docs/bench.md).
//! Here every element is one `createElement` call, and every reactive part
//! is one of six non-generic bindings (text, attribute, flag, class, style,
//! children) run by a Leptos `RenderEffect`, owned by the current Leptos
//! owner and cleaned up with it. They follow anything Leptos tracks: the
//! page's [`Tracked`](crate::reactive::Tracked) values, Leptos's signals
//! and memos.
//!
//! ```no_run
//! use std::rc::Rc;
//! use kratos_sessions::dom::El;
//! use kratos_sessions::reactive::*;
//!
//! let count = Rc::new(Tracked::new(0));
//! let clicks = count.clone();
//! let button = El::new("button")
//!     .class("ks-button")
//!     .attr("type", "button")
//!     .dyn_text(move || format!("Clicked {} times", count.get()))
//!     .on("click", move |_| clicks.update(|n| *n += 1));
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

/// Runs `value` whenever what it reads changes, and `write` only when its
/// answer does: no DOM work, and nothing announced again, for an answer
/// that reads the same (a row's state when another row changed, a spacer
/// while scrolling within it).
fn write_changes<T: PartialEq + 'static>(value: Box<dyn Fn() -> T>, write: Box<dyn Fn(&T)>) {
    let mut shown: Option<T> = None;
    watch_boxed(Box::new(move || {
        let now = value();
        if shown.as_ref() != Some(&now) {
            write(&now);
            shown = Some(now);
        }
    }));
}

/// Builds children, once.
type Build = Box<dyn FnOnce() -> Vec<El>>;

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

    /// Text that follows what `text` reads.
    pub fn dyn_text(self, text: impl Fn() -> String + 'static) -> Self {
        self.bind_text(Box::new(text))
    }

    fn bind_text(self, text: Box<dyn Fn() -> String>) -> Self {
        let node = create_text("");
        dom(&self.0).append_child(&node);
        write_changes(text, Box::new(move |t: &String| dom(&node).set_data(t)));
        self
    }

    /// An attribute that follows what `value` reads; `None` removes it.
    pub fn dyn_attr(self, name: &'static str, value: impl Fn() -> Option<String> + 'static) -> Self {
        self.bind_attr(name, Box::new(value))
    }

    fn bind_attr(self, name: &'static str, value: Box<dyn Fn() -> Option<String>>) -> Self {
        let el = self.0.clone();
        write_changes(
            value,
            Box::new(move |v: &Option<String>| match v {
                Some(v) => dom(&el).set_attribute(name, v),
                None => dom(&el).remove_attribute(name),
            }),
        );
        self
    }

    /// A boolean attribute (`disabled`, `open`) present while `on` is true.
    pub fn dyn_flag(self, name: &'static str, on: impl Fn() -> bool + 'static) -> Self {
        self.bind_flag(name, Box::new(on))
    }

    fn bind_flag(self, name: &'static str, on: Box<dyn Fn() -> bool>) -> Self {
        let el = self.0.clone();
        watch_boxed(Box::new(move || dom(&el).toggle_attribute(name, on())));
        self
    }

    /// A class present while `on` is true.
    pub fn dyn_class(self, class: &'static str, on: impl Fn() -> bool + 'static) -> Self {
        self.bind_class(class, Box::new(on))
    }

    fn bind_class(self, class: &'static str, on: Box<dyn Fn() -> bool>) -> Self {
        let list = dom(&self.0).class_list();
        watch_boxed(Box::new(move || list.toggle(class, on())));
        self
    }

    /// An inline style property, set through the CSSOM (which a strict
    /// `style-src` allows, unlike a `style` attribute).
    pub fn dyn_style(self, property: &'static str, value: impl Fn() -> String + 'static) -> Self {
        self.bind_style(property, Box::new(value))
    }

    fn bind_style(self, property: &'static str, value: Box<dyn Fn() -> String>) -> Self {
        let style = dom(&self.0).style();
        write_changes(value, Box::new(move |v: &String| style.set_property(property, v)));
        self
    }

    /// Children built by `build` from `key`, and built again only when
    /// `key` gives a different answer: what `build` reads does not rebuild
    /// them. What the previous children owned (effects, listeners, rows) is
    /// disposed first.
    pub fn switch<K: PartialEq + Clone + 'static>(
        self,
        key: impl Fn() -> K + 'static,
        build: impl Fn(&K) -> Vec<El> + 'static,
    ) -> Self {
        let build = std::rc::Rc::new(build);
        let mut last: Option<K> = None;
        self.bind_switch(Box::new(move || {
            let now = key();
            if last.as_ref() == Some(&now) {
                return None;
            }
            last = Some(now.clone());
            let build = build.clone();
            Some(Box::new(move || untrack(|| build(&now))) as Build)
        }))
    }

    /// `changed` returns how to build the new children, or `None` to keep
    /// the old ones.
    fn bind_switch(self, mut changed: Box<dyn FnMut() -> Option<Build>>) -> Self {
        let marker = create_comment("");
        dom(&self.0).append_child(&marker);
        // Children belong to the element's owner, not to the effect, whose
        // every run would dispose them.
        let owner = Owner::current().unwrap_or_default();
        let mut shown: Vec<Element> = Vec::new();
        let mut shown_owner: Option<Owner> = None;
        watch_boxed(Box::new(move || {
            let Some(build) = changed() else { return };
            let child = owner.child();
            let children = child.with(build);
            if let Some(old) = shown_owner.replace(child) {
                old.cleanup();
            }
            for old in shown.drain(..) {
                old.remove();
            }
            shown = children.into_iter().map(El::into_node).collect();
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
        keep(listener);
        self
    }
}
