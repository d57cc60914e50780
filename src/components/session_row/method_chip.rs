//! How a session signed in, one chip per method, with when it was done.

use std::slice::from_ref;

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::intl;
use crate::messages as msg;
use crate::view_model::session_view::MethodView;

#[component]
pub fn MethodChip(method: MethodView, now: Signal<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let label = i18n.with_value(|i| msg::method_label(i, &method.method));
    let Some(at) = method.completed_at else {
        return view! { <li class="ks-chip"><span class="ks-chip-label">{label}</span></li> }.into_any();
    };
    let tip = i18n.with_value(|i| {
        let exact = intl::date_time(from_ref(&i.tag), at);
        i.f("method_completed", &[("method", &label), ("time", &exact)])
    });
    view! {
        <li class="ks-chip ks-has-tip" tabindex="0" data-exact=tip>
            <span class="ks-chip-label">{label}</span>
            <span class="ks-visually-hidden">
                ", " {move || i18n.with_value(|i| intl::relative_time(from_ref(&i.tag), now.get(), at))}
            </span>
        </li>
    }
    .into_any()
}
