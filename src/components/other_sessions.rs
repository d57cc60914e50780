//! The other sessions: a keyed list in which each row re-renders only when
//! its own state changes, and long lists keep only the rows near the
//! viewport in the DOM.

use std::cell::Cell;
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

pub fn other_sessions(ctrl: &Controller) -> El {
    let c = ctrl.clone();
    let revoke: Rc<dyn Fn(String)> = Rc::new(move |id| c.ask(Action::RevokeOne { id }));
    // (top of the list in the viewport, viewport height, mean row height)
    let view_box = Rc::new(Tracked::new((0.0_f64, 800.0_f64, 150.0_f64)));
    // Which rows are in the DOM: cheap to work out, so worked out where
    // needed rather than kept in a memo of its own.
    let win = {
        let (ctrl, view_box) = (ctrl.clone(), view_box.clone());
        Rc::new(move || {
            let (top, height, row) = view_box.get();
            window(ctrl.others.with(Vec::len), top, height, row)
        })
    };
    let (total, before, after, rows, row_ctrl) = (ctrl.clone(), win.clone(), win.clone(), ctrl.clone(), ctrl.clone());
    let list = El::new("ul")
        .class("ks-list")
        .attr("data-ks-list", "others")
        .attr("aria-labelledby", "ks-others-heading")
        .dyn_attr("data-ks-total", move || Some(total.others.with(Vec::len).to_string()))
        .dyn_style("padding-top", move || format!("{}px", before().before_px))
        .dyn_style("padding-bottom", move || format!("{}px", after().after_px))
        .keyed(
            move || {
                let w = win();
                rows.others.with(|o| o.get(w.start..w.end).map(<[_]>::to_vec).unwrap_or_default())
            },
            |s: &Arc<SessionView>| s.id.clone(),
            move |s| {
                // Each reads only this row's state, and the bindings write
                // to the DOM only what changed: other rows stay untouched.
                let (c1, c2, c3, c4) = (row_ctrl.clone(), row_ctrl.clone(), row_ctrl.clone(), row_ctrl.clone());
                let (id, id2, id3) = (s.id.clone(), s.id.clone(), s.id.clone());
                session_row(Row {
                    session: s,
                    now: Rc::new(move || c4.now.get()),
                    action: RowAction::Revoke(revoke.clone()),
                    busy: Rc::new(move || c1.revoking.with(|r| r.contains(&id))),
                    error: Rc::new(move || {
                        c2.row_errors.with(|e| e.iter().find(|(row, _)| *row == id2).map(|(_, text)| text.clone()))
                    }),
                    position: Rc::new(move || {
                        c3.others.with(|o| o.iter().position(|x| x.id == id3).map(|i| (i + 1, o.len())))
                    }),
                })
            },
        );
    let changes = ctrl.clone();
    follow_viewport(list.node().clone(), view_box, move || changes.others.track());
    list
}

/// Keeps `view_box` in step with where `ul` is on screen: measured in an
/// animation frame after scrolls, resizes and whatever `changes` reads.
fn follow_viewport(ul: web_sys::Element, view_box: Rc<Tracked<(f64, f64, f64)>>, changes: impl Fn() + 'static) {
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
    let scheduled = Rc::new(Cell::new(false));
    // The list can go (its last row signed out) with a frame pending.
    let alive = Alive::new();
    let schedule = move || {
        if !scheduled.replace(true) {
            let (measure, scheduled) = (measure.clone(), scheduled.clone());
            alive.next_frame(move || {
                scheduled.set(false);
                measure();
            });
        }
    };
    let document = web_sys::window().and_then(|w| w.document());
    let on_scroll = schedule.clone();
    let scrolling = document.and_then(|d| browser::listen_capture(d.into(), "scroll", move |_| on_scroll()));
    let on_resize = schedule.clone();
    let resizing = web_sys::window().and_then(|w| browser::listen(w.into(), "resize", move |_| on_resize()));
    keep((scrolling, resizing));
    watch(move || {
        changes();
        schedule();
    });
}
