//! [`Tracked`]: the page's state, followed by its views.

use std::cell::RefCell;

use reactive_graph::signal::ArcTrigger;
use reactive_graph::traits::{Notify, Track};

/// A value that effects follow: a Leptos trigger records who reads it and
/// wakes them when it is written; the value itself sits in a `RefCell`.
///
/// Why not Leptos's `RwSignal<T>`: each `T` brings its own copy of the
/// reactive graph's code (locks, guards, subscriber sets), and the page's
/// dozen state types made that a tenth of its wasm (docs/bench.md). Here
/// that code is the trigger's, shared by every `T`.
///
/// Like a signal, a `Tracked` must not be written from inside its own
/// `with` (the `RefCell` is borrowed there). Writing never runs an effect
/// on the spot: Leptos schedules them, so a write inside an effect is fine.
///
/// ```
/// use kratos_sessions::reactive::Tracked;
///
/// let count = Tracked::new(1);
/// count.update(|n| *n += 1);
/// assert_eq!(count.get_untracked(), 2);
/// ```
pub struct Tracked<T> {
    trigger: ArcTrigger,
    value: RefCell<T>,
}

impl<T> Tracked<T> {
    pub fn new(value: T) -> Self {
        Self { trigger: ArcTrigger::new(), value: RefCell::new(value) }
    }

    /// Reads the value; the running effect will rerun when it changes.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.track();
        self.with_untracked(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.value.borrow())
    }

    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.with(T::clone)
    }

    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.with_untracked(T::clone)
    }

    /// Makes the running effect rerun when the value changes.
    pub fn track(&self) {
        self.trigger.track();
    }

    pub fn set(&self, value: T) {
        drop(self.value.replace(value));
        self.trigger.notify();
    }

    pub fn update(&self, f: impl FnOnce(&mut T)) {
        f(&mut self.value.borrow_mut());
        self.trigger.notify();
    }
}
