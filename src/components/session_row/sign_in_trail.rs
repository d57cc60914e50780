//! Every sign-in of a session that signed in more than once. Kratos keeps
//! no time per sign-in, so none is shown.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::messages as msg;
use crate::view_model::session_view::SignInView;

#[component]
pub fn SignInTrail(trail: Vec<SignInView>) -> impl IntoView {
    use_i18n().with_value(|i| {
        let summary = i.f("sign_in_trail", &[("n", &trail.len().to_string())]);
        let items = trail
            .iter()
            .map(|s| {
                let place = s.location.clone().unwrap_or_else(|| i.t("location_unknown"));
                let ip = s.ip_masked.clone().unwrap_or_else(|| i.t("ip_unknown"));
                view! { <li>{msg::device_title(i, &s.device)} " · " <bdi dir="ltr">{ip}</bdi> " · " {place}</li> }
            })
            .collect_view();
        view! {
            <details class="ks-details ks-trail">
                <summary>{summary}</summary>
                <ol>{items}</ol>
            </details>
        }
    })
}
