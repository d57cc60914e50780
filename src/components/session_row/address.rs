//! The address, masked, with a button that reveals it.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Address(ip: Option<String>, masked: Option<String>, device: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move |k: &str| i18n.with_value(|i| i.t(k));
    let (Some(ip), Some(masked)) = (ip, masked) else {
        return view! { <span class="ks-ip ks-muted">{t("ip_unknown")}</span> }.into_any();
    };
    let labels = i18n
        .with_value(|i| (i.f("hide_ip_label", &[("device", &device)]), i.f("show_ip_label", &[("device", &device)])));
    let words = (t("hide_ip"), t("show_ip"));
    let shown = RwSignal::new(false);
    // One of a pair, by whether the address is shown.
    let pick = move |(when_shown, when_hidden): &(String, String)| {
        let (a, b) = (when_shown.clone(), when_hidden.clone());
        move || if shown.get() { a.clone() } else { b.clone() }
    };
    view! {
        <span class="ks-ip">
            <span class="ks-ip-value" dir="ltr">{pick(&(ip, masked))}</span>
            <button
                type="button"
                class="ks-link"
                aria-pressed=move || shown.get().to_string()
                aria-label=pick(&labels)
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {pick(&words)}
            </button>
        </span>
    }
    .into_any()
}
