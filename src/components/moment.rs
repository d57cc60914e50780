//! A time shown relative ("3 hours ago"), exact on hover and focus.

use std::slice::from_ref;

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::intl;

#[component]
pub fn Moment(at: i64, now: Signal<i64>) -> impl IntoView {
    // The page's one catalogue holds the locale tag; nothing per row.
    let i18n = use_i18n();
    let exact = i18n.with_value(|i| intl::date_time(from_ref(&i.tag), at));
    view! {
        <time class="ks-moment" datetime=intl::iso(at) data-exact=exact.clone() aria-description=exact tabindex="0">
            {move || i18n.with_value(|i| intl::relative_time(from_ref(&i.tag), now.get(), at))}
        </time>
    }
}
