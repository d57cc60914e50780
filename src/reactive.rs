//! Leptos's reactive system, as the page uses it: signals, memos, effects,
//! owners, context and callbacks from `reactive_graph` (the crate behind
//! `leptos::prelude`), tasks on its executor, and the two browser timers
//! the page needs.
//!
//! The page depends on these crates rather than on the `leptos` facade:
//! the facade also links `server_fn`, whose `wasm-streams` classes are
//! exported into every build whether used or not (about 4 KB brotli,
//! docs/bench.md). Leptos hosts get the page as a Leptos component with
//! the `leptos` feature.

use std::future::Future;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub use reactive_graph::callback::{Callable, Callback};
pub use reactive_graph::computed::Memo;
pub use reactive_graph::effect::{Effect, RenderEffect};
pub use reactive_graph::graph::untrack;
pub use reactive_graph::owner::{on_cleanup, provide_context, use_context, LocalStorage, Owner, StoredValue};
pub use reactive_graph::prelude::*;
pub use reactive_graph::signal::RwSignal;

/// Runs `task` on the page's thread, as `leptos::task::spawn_local` does.
pub fn spawn_local(task: impl Future<Output = ()> + 'static) {
    any_spawner::Executor::spawn_local(task);
}

/// Calls `f` every `ms` milliseconds until the current owner is cleaned up.
pub fn every(ms: i32, f: impl Fn() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let callback = Closure::<dyn Fn()>::new(f);
    let Ok(id) = window.set_interval_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms)
    else {
        return;
    };
    // The interval is cleared first, then the callback dropped with it.
    StoredValue::new_local(callback);
    on_cleanup(move || {
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(id);
        }
    });
}

/// Calls `f` once, before the next repaint.
pub fn request_animation_frame(f: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(Closure::once_into_js(f).unchecked_ref());
    }
}
