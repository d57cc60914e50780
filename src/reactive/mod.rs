//! Leptos's reactive system, as the page uses it: triggers, effects, owners
//! and context from `reactive_graph` (the crate behind `leptos::prelude`),
//! and signals and memos for code that builds on the page; [`Tracked`]
//! values, the page's own state, on Leptos's triggers; tasks and animation
//! frames that stop with their owner; and an interval timer.
//!
//! The page depends on these crates rather than on the `leptos` facade:
//! the facade also links `server_fn`, whose `wasm-streams` classes are
//! exported into every build whether used or not (about 4 KB brotli,
//! docs/bench.md). Leptos hosts get the page as a Leptos component with
//! the `leptos` feature.

mod tracked;

pub use tracked::Tracked;

use std::any::Any;
use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::Poll;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub use reactive_graph::computed::Memo;
pub use reactive_graph::effect::{Effect, RenderEffect};
pub use reactive_graph::graph::untrack;
pub use reactive_graph::owner::{on_cleanup, provide_context, use_context, LocalStorage, Owner, StoredValue};
pub use reactive_graph::prelude::*;
pub use reactive_graph::signal::RwSignal;

/// Whether the owner it was made under is still alive. Work that resumes
/// later (a fetch's answer, an animation frame) asks it first: reading a
/// signal of a page that was unmounted meanwhile is a panic, and a panic
/// kills every widget on the host page.
#[derive(Clone)]
pub struct Alive(Arc<AtomicBool>);

impl Alive {
    /// Turns false when the current owner is cleaned up.
    pub fn new() -> Self {
        let flag = Arc::new(AtomicBool::new(true));
        let on_dispose = Arc::clone(&flag);
        on_cleanup(move || on_dispose.store(false, Ordering::Relaxed));
        Self(flag)
    }

    pub fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Runs `task` on the page's thread until it ends, or until the owner
    /// is cleaned up: then it is dropped instead of resumed.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        let alive = self.clone();
        let mut task = Box::pin(task);
        any_spawner::Executor::spawn_local(poll_fn(
            move |cx| {
                if alive.get() {
                    task.as_mut().poll(cx)
                } else {
                    Poll::Ready(())
                }
            },
        ));
    }

    /// Calls `f` before the next repaint, if the owner is still alive then.
    pub fn next_frame(&self, f: impl FnOnce() + 'static) {
        let alive = self.clone();
        request_animation_frame(move || {
            if alive.get() {
                f();
            }
        });
    }
}

impl Default for Alive {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs `f` now, and again whenever something it read changes, until the
/// current owner is cleaned up. What `f` creates belongs to the run that
/// created it and is disposed before the next. (A Leptos `RenderEffect`:
/// unlike `Effect`, it runs at once, and needs no thread checks.)
pub fn watch(f: impl FnMut() + 'static) {
    watch_boxed(Box::new(f));
}

pub(crate) fn watch_boxed(mut f: Box<dyn FnMut()>) {
    let effect = RenderEffect::new(move |_: Option<()>| f());
    on_cleanup(move || drop(effect));
}

thread_local! {
    /// What [`keep`] holds, in slots freed by owners' cleanup.
    static KEPT: RefCell<Kept> = RefCell::default();
}

#[derive(Default)]
struct Kept {
    slots: Vec<Option<Box<dyn Any>>>,
    free: Vec<usize>,
}

/// Keeps `value` (a listener, a timer's callback) until the current owner
/// is cleaned up, then drops it.
///
/// What Leptos's `StoredValue::new_local` does for values that must stay
/// on the page's thread, without its check of the thread on every access,
/// which brings along `std`'s thread handles and the allocator they use.
/// One page runs on one thread: the browser's.
pub fn keep(value: impl Any) {
    keep_boxed(Box::new(value));
}

fn keep_boxed(value: Box<dyn Any>) {
    let slot = KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        match kept.free.pop() {
            Some(slot) => {
                if let Some(s) = kept.slots.get_mut(slot) {
                    *s = Some(value);
                }
                slot
            }
            None => {
                kept.slots.push(Some(value));
                kept.slots.len() - 1
            }
        }
    });
    on_cleanup(move || {
        let value = KEPT.with(|kept| {
            let mut kept = kept.borrow_mut();
            kept.free.push(slot);
            kept.slots.get_mut(slot).and_then(Option::take)
        });
        // Dropped outside the borrow: a listener's drop may run page code.
        drop(value);
    });
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
    keep(callback);
    on_cleanup(move || {
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(id);
        }
    });
}

/// Calls `f` once, before the next repaint.
fn request_animation_frame(f: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(Closure::once_into_js(f).unchecked_ref());
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    /// Counts its drops.
    struct Held(Rc<std::cell::Cell<u32>>);

    impl Drop for Held {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn kept_values_live_until_their_owner_is_cleaned_up() {
        let dropped = Rc::new(std::cell::Cell::new(0));
        let page = Owner::new();
        page.with(|| {
            keep(Held(dropped.clone()));
            keep(Held(dropped.clone()));
        });
        assert_eq!(dropped.get(), 0, "kept while the owner lives");
        page.cleanup();
        assert_eq!(dropped.get(), 2, "dropped with the owner");

        // Freed slots are used again, and still dropped with their owner.
        let next = Owner::new();
        next.with(|| keep(Held(dropped.clone())));
        assert_eq!(KEPT.with(|k| k.borrow().slots.len()), 2, "no new slot");
        next.cleanup();
        assert_eq!(dropped.get(), 3);
    }
}
