//! The page: this device first, then the other sessions, the actions, and
//! every state of loading them.

use std::rc::Rc;
use std::slice::from_ref;
use std::time::Duration;

use leptos::prelude::*;

use super::confirm_dialog::ConfirmDialog;
use super::heading::Heading;
use super::notices::Notices;
use super::signed_in::SignedIn;
use super::skeleton::Skeleton;
use super::status::Status;
use crate::browser;
use crate::config::{Config, Theme};
use crate::connected_apps::{AppsApi, AppsClient};
use crate::controller::{Controller, Phase};
use crate::i18n::{load_catalogue, I18n};
use crate::intl;
use crate::kratos::{Kratos, SessionsApi};

/// How often relative times ("5 minutes ago") are refreshed.
const CLOCK: Duration = Duration::from_secs(30);

/// The sessions page, for a Leptos host as for `mount()` and the
/// standalone page:
///
/// ```no_run
/// use kratos_sessions::{Config, SessionsPage};
/// use leptos::prelude::*;
///
/// let config = Config::with_kratos("https://auth.example.com");
/// leptos::mount::mount_to_body(move || view! { <SessionsPage config /> });
/// ```
///
/// `api` stands in for Kratos (tests, previews); by default the page calls
/// Kratos at `config.kratos_url`. `apps` likewise for the server half, which
/// is called only when `config.apps_url` is set. Unmounting disposes
/// everything: timers, listeners, and calls still in flight are aborted.
#[component]
pub fn SessionsPage(
    config: Config,
    #[prop(optional)] api: Option<Rc<dyn SessionsApi>>,
    #[prop(optional)] apps: Option<Rc<dyn AppsApi>>,
) -> impl IntoView {
    let mut kratos = Kratos::new(&config.kratos_url).with_timeout(config.timeout_ms);
    if let Some(cancel) = browser::Aborter::new() {
        kratos = kratos.with_cancel(cancel.signal());
        browser::keep(cancel);
    }
    let apps = config
        .apps_url
        .as_deref()
        .map(|url| apps.unwrap_or_else(|| Rc::new(AppsClient::new(url, &kratos)) as Rc<dyn AppsApi>));
    let api = api.unwrap_or_else(|| Rc::new(kratos));
    let i18n = StoredValue::new(I18n::new(&intl::locales(config.locale.as_deref()), config.messages.clone()));
    provide_context(i18n);
    let (tag, rtl) = i18n.with_value(|i| (i.tag.clone(), i.lang.is_rtl()));
    let theme = match config.theme {
        Some(Theme::Light) => "ks ks-light",
        Some(Theme::Dark) => "ks ks-dark",
        None => "ks",
    };
    let level = config.heading_level;
    let ctrl = Controller::new(config, i18n, api, apps);
    provide_context(ctrl);

    if let Ok(clock) = set_interval_with_handle(move || ctrl.now.set(intl::now_ms()), CLOCK) {
        on_cleanup(move || clock.clear());
    }
    browser::keep(browser::on_visible(move || ctrl.refresh()));

    // Until the catalogue is there, the page shows placeholders; if it
    // cannot be had, English throughout rather than a page that says one
    // language and is another.
    let catalogue = i18n.with_value(|i| i.needs_catalogue().then(|| i.lang.catalogue()).flatten());
    let ready = RwSignal::new(catalogue.is_none());
    let lang = RwSignal::new((tag.clone(), if rtl { "rtl" } else { "ltr" }));
    if let Some(file) = catalogue {
        let (url, timeout) = ctrl.config.with_value(|c| (format!("{}{file}", c.catalogues), c.timeout_ms));
        // Fetched alongside Kratos's answers; the page waits for both.
        ctrl.spawn(async move {
            match load_catalogue(&url, timeout).await {
                Some(messages) => i18n.update_value(|i| i.set_catalogue(messages)),
                None => {
                    i18n.update_value(I18n::fall_back_to_english);
                    lang.set(("en".to_owned(), "ltr"));
                }
            }
            ready.set(true);
        });
    }
    ctrl.load();
    // Building an `Intl` formatter is slow the first time in a renderer
    // (ICU loads its data); done while Kratos answers, not after.
    set_timeout(move || intl::prepare(from_ref(&tag)), Duration::ZERO);
    // Once the page is in the document, so the host hears its events.
    Effect::new(move |_| ctrl.report_problems());

    view! {
        <section
            class=theme
            node_ref=ctrl.root
            lang=move || lang.with(|l| l.0.clone())
            dir=move || lang.with(|l| l.1)
            aria-labelledby=ctrl.id("title")
            aria-busy=move || (ctrl.phase.with(|p| *p == Phase::Loading) || !ready.get()).to_string()
        >
            <Show when=move || ready.get() fallback=|| view! { <Skeleton /> }>
                <Heading
                    level=level
                    class="ks-h2 ks-page-title"
                    text=ctrl.i18n.with_value(|i| i.t("title"))
                    id=ctrl.id("title")
                />
                <p class="ks-intro">{ctrl.i18n.with_value(|i| i.t("intro"))}</p>
                <Notices />
                <div class="ks-content">
                    <Status />
                    <Show when=move || ctrl.current.with(Option::is_some)>
                        <SignedIn level />
                    </Show>
                </div>
                <ConfirmDialog />
            </Show>
        </section>
    }
}
