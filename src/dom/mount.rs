//! Mounting a built page: one Leptos owner for everything it creates.

use crate::reactive::*;
use any_spawner::Executor;
use web_sys::Element;

use super::El;

/// A mounted page. Dropping it (or `unmount`) disposes everything the page
/// owns (effects, listeners, timers, fetches) and removes its DOM.
#[must_use = "the page is unmounted when this is dropped; `forget` keeps it"]
pub struct Mounted {
    owner: Owner,
    node: Option<Element>,
}

impl Mounted {
    pub fn unmount(&mut self) {
        self.owner.cleanup();
        if let Some(node) = self.node.take() {
            node.remove();
        }
    }

    /// Keeps the page for the life of the document.
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.unmount();
    }
}

/// Builds `page` under a new owner and appends it to `parent`.
pub fn mount(parent: &Element, page: impl FnOnce() -> El) -> Mounted {
    // Futures (fetches, timers) run on wasm-bindgen's executor; an error
    // only means it is already set up.
    let _ = Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let node = owner.with(|| page().into_node());
    let _ = parent.append_child(&node);
    Mounted { owner, node: Some(node) }
}
