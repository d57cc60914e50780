//! Loading (before anything is shown), signed out, and failures to load.
//! A failed reload keeps the list on screen below the message.

use leptos::prelude::*;

use super::skeleton::Skeleton;
use crate::browser;
use crate::controller::{use_controller, Phase};
use crate::kratos::ApiError;
use crate::messages as msg;

#[component]
pub fn Status() -> impl IntoView {
    use_controller().map(|ctrl| {
        let t = move |k: &str| ctrl.i18n.with_value(|i| i.t(k));
        // Rebuilt only when what it shows changes, not on every refresh.
        let shown = Memo::new(move |_| (ctrl.phase.get(), ctrl.current.with(Option::is_none)));
        move || match shown.get() {
            (Phase::Loading, true) => view! { <Skeleton label=t("loading") /> }.into_any(),
            (Phase::Failed(ApiError::SignedOut), _) => {
                let href = ctrl.config.with_value(|c| c.login_href(&browser::here(), None, browser::encode_component));
                view! {
                    <div class="ks-panel ks-signed-out">
                        <p>{t("signed_out")}</p>
                        <a class="ks-button" href=href>{t("sign_in")}</a>
                    </div>
                }
                .into_any()
            }
            (Phase::Failed(e), _) => {
                let retry = e.is_transient().then(|| {
                    view! {
                        <button type="button" class="ks-button ks-retry" on:click=move |_| ctrl.retry()>
                            {t("retry")}
                        </button>
                    }
                });
                view! {
                    <div class="ks-panel ks-error" role="alert">
                        <p>{ctrl.i18n.with_value(|i| msg::load_error(i, &e))}</p>
                        {retry}
                    </div>
                }
                .into_any()
            }
            _ => ().into_any(),
        }
    })
}
