//! Which rows of a list have an action in flight, and each row's last
//! failure: the sessions' sign-outs and the apps' removals alike. Several
//! can be in flight at once, and each outcome must reach its own row.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Rows {
    in_flight: RwSignal<Vec<String>>,
    errors: RwSignal<Vec<(String, String)>>,
}

impl Rows {
    pub fn new() -> Self {
        Self { in_flight: RwSignal::new(Vec::new()), errors: RwSignal::new(Vec::new()) }
    }

    /// Whether row `id`'s action is in flight (tracked).
    pub fn busy(self, id: &str) -> bool {
        self.in_flight.with(|r| r.iter().any(|row| row == id))
    }

    /// Why row `id`'s last action failed (tracked).
    pub fn error(self, id: &str) -> Option<String> {
        self.errors.with(|e| e.iter().find(|(row, _)| row == id).map(|(_, text)| text.clone()))
    }

    /// Whether no row has an action in flight.
    pub fn idle(self) -> bool {
        self.in_flight.with_untracked(Vec::is_empty)
    }

    /// Row `id`'s action starts: in flight, its last failure forgotten.
    pub(super) fn start(self, id: &str) {
        self.in_flight.update(|r| r.push(id.to_owned()));
        self.errors.update(|e| e.retain(|(row, _)| row != id));
    }

    /// Row `id`'s action answered.
    pub(super) fn finish(self, id: &str) {
        self.in_flight.update(|r| r.retain(|row| row != id));
    }

    pub(super) fn fail(self, id: &str, text: String) {
        self.errors.update(|e| e.push((id.to_owned(), text)));
    }

    pub(super) fn clear_errors(self) {
        self.errors.update(Vec::clear);
    }
}
