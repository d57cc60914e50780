//! The other sessions: a keyed list in which each row re-renders only when
//! its own state changes, and long lists keep only the rows near the
//! viewport in the DOM.

use std::sync::Arc;

use leptos::html::Ul;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::session_row::SessionRow;
use crate::browser;
use crate::controller::{use_controller, Controller};
use crate::view_model::actions::Action;
use crate::view_model::window::{window, WINDOW_FROM};
use crate::view_model::SessionView;

/// Where the list is on screen: (top of the list in the viewport,
/// viewport height, mean row height).
type ViewBox = (f64, f64, f64);

#[component]
pub fn OtherSessions() -> impl IntoView {
    use_controller().map(|ctrl| {
        let view_box = RwSignal::new((0.0, 800.0, 150.0));
        let win = Memo::new(move |_| {
            let (top, height, row) = view_box.get();
            window(ctrl.others.with(Vec::len), top, height, row)
        });
        let list = NodeRef::<Ul>::new();
        follow_viewport(ctrl, list, view_box);
        view! {
            <ul
                class="ks-list"
                data-ks-list="others"
                node_ref=list
                aria-labelledby=ctrl.id("others-heading")
                data-ks-total=move || ctrl.others.with(Vec::len).to_string()
                style:padding-top=move || format!("{}px", win.get().before_px)
                style:padding-bottom=move || format!("{}px", win.get().after_px)
            >
                <For
                    each=move || {
                        let w = win.get();
                        ctrl.others.with(|o| o.get(w.start..w.end).map(<[_]>::to_vec).unwrap_or_default())
                    }
                    key=|s| s.id.clone()
                    children=move |s| other_row(ctrl, s)
                />
            </ul>
        }
    })
}

/// A row whose state is worked out in memos of its own, so a revoke of
/// another row changes nothing here.
fn other_row(ctrl: Controller, session: Arc<SessionView>) -> impl IntoView {
    let id = session.id.clone();
    let busy = Memo::new({
        let id = id.clone();
        move |_| ctrl.rows.busy(&id)
    });
    let error = Memo::new({
        let id = id.clone();
        move |_| ctrl.rows.error(&id)
    });
    let position = Memo::new({
        let id = id.clone();
        move |_| ctrl.others.with(|o| o.iter().position(|x| x.id == id).map(|i| (i + 1, o.len())))
    });
    let revoke = Callback::new(move |()| ctrl.ask(Action::RevokeOne { id: id.clone() }));
    view! { <SessionRow session now=ctrl.now on_action=revoke busy error position /> }
}

/// Keeps `view_box` in step with where the list is on screen, measured in
/// an animation frame after scrolls, resizes and changes to the list.
/// Short lists render whole and are never measured, so they cost no
/// forced layout.
fn follow_viewport(ctrl: Controller, list: NodeRef<Ul>, view_box: RwSignal<ViewBox>) {
    let scheduled = StoredValue::new(false);
    let schedule = move || {
        let long = ctrl.others.try_with_untracked(Vec::len).unwrap_or(0) > WINDOW_FROM;
        if long && scheduled.try_get_value() == Some(false) {
            scheduled.set_value(true);
            request_animation_frame(move || {
                if !scheduled.is_disposed() {
                    scheduled.set_value(false);
                    measure(list, view_box);
                }
            });
        }
    };
    let document = web_sys::window().and_then(|w| w.document());
    browser::keep(document.and_then(|d| browser::listen(d.into(), "scroll", true, move |_| schedule())));
    browser::keep(web_sys::window().and_then(|w| browser::listen(w.into(), "resize", false, move |_| schedule())));
    Effect::new(move |_| {
        ctrl.others.track();
        schedule();
    });
}

fn measure(list: NodeRef<Ul>, view_box: RwSignal<ViewBox>) {
    let (Some(ul), Some(w)) = (list.get_untracked(), web_sys::window()) else { return };
    let height = w.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
    let rows = ul.query_selector_all(":scope > .ks-session").ok();
    let count = rows.as_ref().map_or(0, |r| r.length());
    let total: f64 = (0..count)
        .filter_map(|i| rows.as_ref()?.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.get_bounding_client_rect().height())
        .sum();
    let row = if count > 0 && total > 0.0 { total / f64::from(count) } else { view_box.get_untracked().2 };
    view_box.set((ul.get_bounding_client_rect().top(), height, row));
}
