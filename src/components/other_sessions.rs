//! The other sessions: a keyed list in which each row re-renders only when
//! its own state changes, and long lists keep only the rows near the
//! viewport in the DOM.

use std::rc::Rc;
use std::sync::Arc;

use crate::reactive::*;
use wasm_bindgen::JsCast;

use super::session_row::{session_row, Row, RowAction};
use crate::browser;
use crate::controller::Controller;
use crate::dom::El;
use crate::view_model::actions::Action;
use crate::view_model::window::window;
use crate::view_model::SessionView;

pub fn other_sessions(ctrl: Controller) -> El {
    let revoke = Callback::new(move |id: String| ctrl.ask(Action::RevokeOne { id }));
    // (top of the list in the viewport, viewport height, mean row height)
    let view_box = RwSignal::new((0.0_f64, 800.0_f64, 150.0_f64));
    let win = Memo::new(move |_| {
        let (top, height, row) = view_box.get();
        window(ctrl.others.with(Vec::len), top, height, row)
    });
    let list = El::new("ul")
        .class("ks-list")
        .attr("data-ks-list", "others")
        .attr("aria-labelledby", "ks-others-heading")
        .dyn_attr("data-ks-total", move || Some(ctrl.others.with(Vec::len).to_string()))
        .dyn_style("padding-top", move || format!("{}px", win.get().before_px))
        .dyn_style("padding-bottom", move || format!("{}px", win.get().after_px))
        .keyed(
            move || {
                let w = win.get();
                ctrl.others.with(|o| o.get(w.start..w.end).map(<[_]>::to_vec).unwrap_or_default())
            },
            |s: &Arc<SessionView>| s.id.clone(),
            move |s| {
                // Memos: a row re-renders only when its own state changes.
                let (id, id2, id3) = (s.id.clone(), s.id.clone(), s.id.clone());
                let busy = Memo::new(move |_| ctrl.revoking.with(|r| r.contains(&id)));
                let error = Memo::new(move |_| {
                    ctrl.row_errors.with(|e| e.iter().find(|(row, _)| *row == id2).map(|(_, text)| text.clone()))
                });
                let position = Memo::new(move |_| {
                    ctrl.others.with(|o| o.iter().position(|x| x.id == id3).map(|i| (i + 1, o.len())))
                });
                session_row(Row {
                    session: s,
                    now: ctrl.now,
                    action: RowAction::Revoke(revoke),
                    busy: Rc::new(move || busy.get()),
                    error: Rc::new(move || error.get()),
                    position: Rc::new(move || position.get()),
                })
            },
        );
    follow_viewport(list.node().clone(), view_box, move || ctrl.others.track());
    list
}

/// Keeps `view_box` in step with where `ul` is on screen: measured in an
/// animation frame after scrolls, resizes and whatever `changes` reads.
fn follow_viewport(ul: web_sys::Element, view_box: RwSignal<(f64, f64, f64)>, changes: impl Fn() + 'static) {
    let measure = move || {
        let Some(w) = web_sys::window() else { return };
        let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
        let rows = ul.query_selector_all(":scope > .ks-session").ok();
        let count = rows.as_ref().map_or(0, |r| r.length());
        let total: f64 = (0..count)
            .filter_map(|i| rows.as_ref()?.item(i)?.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.get_bounding_client_rect().height())
            .sum();
        let row = if count > 0 && total > 0.0 { total / f64::from(count) } else { view_box.get_untracked().2 };
        view_box.set((ul.get_bounding_client_rect().top(), height, row));
    };
    let measure = Rc::new(measure);
    let scheduled = StoredValue::new(false);
    // The list can go (its last row signed out) with a frame pending.
    let alive = Alive::new();
    let schedule = move || {
        if !scheduled.get_value() {
            scheduled.set_value(true);
            let measure = measure.clone();
            alive.next_frame(move || {
                scheduled.set_value(false);
                measure();
            });
        }
    };
    let document = web_sys::window().and_then(|w| w.document());
    let on_scroll = schedule.clone();
    let scrolling = document.and_then(|d| browser::listen_capture(d.into(), "scroll", move |_| on_scroll()));
    let on_resize = schedule.clone();
    let resizing = web_sys::window().and_then(|w| browser::listen(w.into(), "resize", move |_| on_resize()));
    StoredValue::new_local((scrolling, resizing));
    Effect::new(move |_| {
        changes();
        schedule();
    });
}
