//! Component tests in headless Chromium (wasm-bindgen-test): the Leptos
//! components mounted with `leptos::mount::mount_to`, against a fake Kratos.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::sync::Arc;

use kratos_sessions::components::SessionRow;
use kratos_sessions::kratos::Session;
use kratos_sessions::view_model::SessionView;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn text(host: &web_sys::HtmlElement, css: &str) -> String {
    host.query_selector(css).unwrap().unwrap_or_else(|| panic!("no {css}")).text_content().unwrap_or_default()
}

/// Parsed as the app parses Kratos's answers: the browser's JSON, through serde.
fn parse(text: &str) -> Session {
    kratos_sessions::kratos::from_str(text).unwrap()
}

/// Waits for `n` animation frames.
async fn frames(n: usize) {
    for _ in 0..n {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
    }
}

async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn row_shows_device_and_masks_the_ip_until_revealed() {
    let session = parse(
        r#"{"id":"7a1c","authenticated_at":"2026-01-01T10:00:00Z","authenticator_assurance_level":"aal2",
            "authentication_methods":[{"method":"password","aal":"aal1"},{"method":"totp","aal":"aal2"}],
            "devices":[{"ip_address":"203.0.113.42","location":"Berlin, DE",
              "user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"}]}"#,
    );
    let session = Arc::new(SessionView::new(&session, false));
    let el = host();
    let _mounted = leptos::mount::mount_to(el.clone(), move || {
        view! { <ul><SessionRow session now=Signal::stored(0) /></ul> }
    });
    settle().await;
    assert_eq!(text(&el, ".ks-device"), "Firefox on Windows");
    assert_eq!(text(&el, ".ks-ip-value"), "203.0.•••.•••");
    assert_eq!(text(&el, ".ks-location"), "Berlin, DE");
    let chips: Vec<String> = (0..3).map(|i| text(&el, &format!(".ks-chip:nth-child({})", i + 1))).collect();
    assert_eq!(chips, ["2-step", "Password", "Authenticator app"], "plain words, no AAL jargon");
    assert_eq!(text(&el, ".ks-details .ks-level"), "Assurance level (Kratos): AAL2", "the level, in the details");
    assert_eq!(el.query_selector_all(".ks-revoke, .ks-log-out").unwrap().length(), 0, "no action, no button");

    el.query_selector(".ks-ip button").unwrap().unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(text(&el, ".ks-ip-value"), "203.0.113.42");
    assert_eq!(text(&el, ".ks-ip button"), "Hide");
}

mod page {
    use std::cell::RefCell;
    use std::rc::Rc;

    use futures::FutureExt;
    use kratos_sessions::kratos::api::{ApiResult, SessionsApi};
    use kratos_sessions::kratos::{ApiError, Session, SessionsPage as Page};
    use kratos_sessions::{Config, SessionsPage};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::{host, settle, text};

    /// An in-memory Kratos: this device plus `others`, with switchable failures.
    #[derive(Default)]
    struct Fake {
        others: RefCell<Vec<Session>>,
        revoked: RefCell<Vec<String>>,
        fail_revoke: RefCell<Option<ApiError>>,
        fail_list: RefCell<Option<ApiError>>,
        signed_out: bool,
        /// Holds whoami's answer back until the test releases it.
        hold: RefCell<Option<futures::channel::oneshot::Receiver<()>>>,
    }

    fn session(id: &str, ua: &str) -> Session {
        super::parse(
            &serde_json::json!({ "id": id, "authenticator_assurance_level": "aal1",
                "devices": [{ "user_agent": ua, "ip_address": "203.0.113.9", "location": "" }] })
            .to_string(),
        )
    }

    /// The page's handle on the fake; the test keeps another.
    struct FakeApi(Rc<Fake>);

    impl SessionsApi for FakeApi {
        fn whoami(&self) -> ApiResult<Session> {
            let r = if self.0.signed_out {
                Err(ApiError::SignedOut)
            } else {
                Ok(session("me", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"))
            };
            let hold = self.0.hold.borrow_mut().take();
            async move {
                if let Some(hold) = hold {
                    let _ = hold.await;
                }
                r
            }
            .boxed_local()
        }
        fn other_sessions(&self, _page: u32, _size: u32) -> ApiResult<Page> {
            let r = if self.0.signed_out {
                Err(ApiError::SignedOut)
            } else if let Some(e) = self.0.fail_list.borrow().clone() {
                Err(e)
            } else {
                Ok(Page { sessions: self.0.others.borrow().clone(), total: None })
            };
            async move { r }.boxed_local()
        }
        fn revoke(&self, id: String) -> ApiResult<()> {
            let r = match self.0.fail_revoke.borrow().clone() {
                Some(e) => Err(e),
                None => {
                    self.0.revoked.borrow_mut().push(id.clone());
                    self.0.others.borrow_mut().retain(|s| s.id != id);
                    Ok(())
                }
            };
            async move { r }.boxed_local()
        }
        fn revoke_others(&self) -> ApiResult<u64> {
            let n = self.0.others.borrow_mut().drain(..).count() as u64;
            async move { Ok(n) }.boxed_local()
        }
        fn logout(&self, _return_to: Option<String>) -> ApiResult<()> {
            async move { Ok(()) }.boxed_local()
        }
    }

    type Mounted = Box<dyn std::any::Any>;

    fn mount_with(fake: Rc<Fake>, config: Config) -> (web_sys::HtmlElement, Mounted) {
        let el = host();
        let api: Rc<dyn SessionsApi> = Rc::new(FakeApi(fake));
        let handle = leptos::mount::mount_to(el.clone(), move || view! { <SessionsPage config api /> });
        (el, Box::new(handle))
    }

    fn mount(fake: Rc<Fake>) -> (web_sys::HtmlElement, Mounted) {
        mount_with(fake, Config::default())
    }

    fn marks(name: &str) -> u32 {
        web_sys::window().unwrap().performance().unwrap().get_entries_by_name(name).length()
    }

    /// A host that unmounts while Kratos is still answering: the answer is
    /// dropped unread (reading the unmounted page's state would panic, and
    /// a panic would take every widget on the host page with it). Without
    /// the page's cancellation the answer would still be processed, and
    /// its `fetched` mark set.
    #[wasm_bindgen_test]
    async fn an_answer_after_unmount_is_dropped() {
        let (release, hold) = futures::channel::oneshot::channel();
        let fake = Rc::new(Fake { hold: RefCell::new(Some(hold)), ..Fake::default() });
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        let (el, page) = mount(fake);
        settle().await;
        assert_eq!(count(&el, ".ks-skeleton"), 1, "still loading");
        drop(page);
        assert_eq!(el.child_element_count(), 0);
        web_sys::window().unwrap().performance().unwrap().clear_marks_with_mark_name("kratos-sessions:fetched");
        release.send(()).unwrap();
        settle().await;
        assert_eq!(marks("kratos-sessions:fetched"), 0, "the answer was not processed");
        assert_eq!(el.child_element_count(), 0, "nothing came back");
    }

    /// A Leptos app embeds the page as a component.
    #[wasm_bindgen_test]
    async fn a_leptos_host_renders_the_component() {
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        let el = host();
        let api: Rc<dyn SessionsApi> = Rc::new(FakeApi(fake));
        let handle = leptos::mount::mount_to(el.clone(), move || {
            view! { <section class="host"><SessionsPage config=Config::default() api /></section> }
        });
        settle().await;
        assert_eq!(text(&el, ".host .ks .ks-current .ks-device"), "Firefox on Linux");
        assert_eq!(count(&el, "[data-ks-list=others] .ks-session"), 1);
        drop(handle);
        assert_eq!(count(&el, ".ks"), 0, "unmounting the host removes the page");
    }

    fn click(el: &web_sys::HtmlElement, css: &str) {
        el.query_selector(css)
            .unwrap()
            .unwrap_or_else(|| panic!("no {css}"))
            .unchecked_into::<web_sys::HtmlElement>()
            .click();
    }

    fn count(el: &web_sys::HtmlElement, css: &str) -> u32 {
        el.query_selector_all(css).unwrap().length()
    }

    #[wasm_bindgen_test]
    async fn lists_and_revokes_through_the_api() {
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().extend([
            session(
                "a",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile/15E148 Safari/604.1",
            ),
            session("b", "curl/8.0"),
        ]);
        let (el, _h) = mount(fake.clone());
        settle().await;
        assert_eq!(text(&el, ".ks-current .ks-device"), "Firefox on Linux");
        assert_eq!(count(&el, "[data-ks-list=others] .ks-session"), 2);
        click(&el, "[data-session-id=a] .ks-revoke");
        settle().await;
        assert_eq!(text(&el, ".ks-dialog-title"), "Sign out Safari on iOS?");
        click(&el, ".ks-confirm");
        settle().await;
        assert_eq!(*fake.revoked.borrow(), ["a"]);
        assert_eq!(count(&el, "[data-ks-list=others] .ks-session"), 1);
        assert_eq!(text(&el, ".ks-notice[role=status]"), "Signed out Safari on iOS.");
    }

    /// Revoking one row changes nothing in the others: no node replaced,
    /// no text written, no attribute but its place in the list ("1 of 1").
    #[wasm_bindgen_test]
    async fn a_revoke_rerenders_no_other_row() {
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().extend([session("a", "curl/8.0"), session("b", "curl/8.1")]);
        let (el, _h) = mount(fake.clone());
        settle().await;
        let b = el.query_selector("[data-session-id=b]").unwrap().unwrap();
        let records = Rc::new(RefCell::new(0u32));
        let seen = records.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn Fn(js_sys::Array)>::new(move |r: js_sys::Array| {
            *seen.borrow_mut() += changes(&r);
        });
        let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
        let init = web_sys::MutationObserverInit::new();
        init.set_subtree(true);
        init.set_attributes(true);
        init.set_child_list(true);
        init.set_character_data(true);
        observer.observe_with_options(&b, &init).unwrap();
        click(&el, "[data-session-id=a] .ks-revoke");
        settle().await;
        click(&el, ".ks-confirm");
        settle().await;
        super::frames(2).await;
        assert_eq!(*fake.revoked.borrow(), ["a"]);
        let mut pending = changes(&observer.take_records());
        pending += *records.borrow();
        let still = el.query_selector("[data-session-id=b]").unwrap().unwrap();
        assert!(still == b, "the other row keeps its node");
        assert_eq!(pending, 0, "no mutation in the other row");
        observer.disconnect();
    }

    /// Mutation records other than the row's position in the list.
    fn changes(records: &js_sys::Array) -> u32 {
        let position = |r: &wasm_bindgen::JsValue| {
            let name = js_sys::Reflect::get(r, &"attributeName".into()).ok().and_then(|n| n.as_string());
            matches!(name.as_deref(), Some("aria-posinset" | "aria-setsize"))
        };
        records.iter().filter(|r| !position(r)).count() as u32
    }

    #[wasm_bindgen_test]
    async fn a_failed_revoke_keeps_the_row_and_says_why() {
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        *fake.fail_revoke.borrow_mut() = Some(ApiError::Timeout);
        let (el, _h) = mount(fake.clone());
        settle().await;
        click(&el, "[data-session-id=a] .ks-revoke");
        settle().await;
        click(&el, ".ks-confirm");
        settle().await;
        assert!(fake.revoked.borrow().is_empty());
        assert_eq!(count(&el, "[data-ks-list=others] .ks-session"), 1);
        assert_eq!(
            text(&el, ".ks-row-error"),
            "curl is still signed in: the server took too long to answer. Try again."
        );
        let button = el.query_selector("[data-session-id=a] .ks-revoke").unwrap().unwrap();
        assert!(!button.has_attribute("disabled"), "the button works again");
    }

    #[wasm_bindgen_test]
    async fn revoke_others_empties_the_list() {
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().extend([session("a", "curl/8.0"), session("b", "curl/8.1")]);
        let (el, _h) = mount(fake.clone());
        settle().await;
        assert_eq!(text(&el, ".ks-revoke-others"), "Sign out all 2 other sessions");
        click(&el, ".ks-revoke-others");
        settle().await;
        click(&el, ".ks-confirm");
        settle().await;
        assert_eq!(text(&el, ".ks-empty"), "No other sessions. You're only signed in here.");
        assert_eq!(text(&el, ".ks-notice[role=status]"), "Signed out all 2 other sessions.");
    }

    /// Back from a step-up sign-in, the action is offered again. Here the
    /// answers land before the page's first frame, which once let a
    /// deferred "closed" from before they arrived shut the dialog again.
    #[wasm_bindgen_test]
    async fn a_resumed_action_stays_offered() {
        let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
        let asked_at = js_sys::Date::now() as i64;
        storage.set_item("kratos-sessions:pending", &format!("{asked_at}|revoke-one:a")).unwrap();
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        let (el, _h) = mount(fake.clone());
        settle().await;
        super::frames(3).await;
        assert_eq!(count(&el, ".ks-dialog[open]"), 1, "the dialog is open");
        assert_eq!(text(&el, ".ks-dialog-title"), "Sign out curl?");
        click(&el, ".ks-cancel");
        settle().await;
        assert_eq!(count(&el, ".ks-dialog[open]"), 0);
        assert!(fake.revoked.borrow().is_empty(), "cancelled: nothing signed out");
    }

    /// This device loads, the list does not: the page says why and offers
    /// to try again, which then shows the list.
    #[wasm_bindgen_test]
    async fn a_failed_list_says_why_and_retries() {
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        *fake.fail_list.borrow_mut() = Some(ApiError::Status { status: 500, id: None, message: None });
        let (el, _h) = mount(fake.clone());
        settle().await;
        assert_eq!(
            text(&el, ".ks-error p"),
            "Your sessions could not be loaded: the server had a problem (HTTP 500). Try again."
        );
        fake.fail_list.borrow_mut().take();
        click(&el, ".ks-retry");
        settle().await;
        assert_eq!(count(&el, ".ks-error"), 0);
        assert_eq!(count(&el, "[data-ks-list=others] .ks-session"), 1);
    }

    #[wasm_bindgen_test]
    async fn signed_out_offers_sign_in() {
        let fake = Rc::new(Fake { signed_out: true, ..Fake::default() });
        let (el, _h) = mount(fake);
        settle().await;
        assert_eq!(text(&el, ".ks-signed-out a"), "Sign in");
        assert_eq!(count(&el, ".ks-session"), 0);
    }

    /// Two widgets in one document (light DOM): every id is the page's own,
    /// and every reference points into its own page.
    #[wasm_bindgen_test]
    async fn two_pages_share_no_element_id() {
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        let (first, _h1) = mount(fake.clone());
        let (second, _h2) = mount(fake);
        settle().await;
        let ids = |el: &web_sys::HtmlElement| {
            let nodes = el.query_selector_all("[id]").unwrap();
            (0..nodes.length())
                .map(|i| nodes.item(i).unwrap().unchecked_into::<web_sys::Element>().id())
                .collect::<Vec<_>>()
        };
        let (a, b) = (ids(&first), ids(&second));
        assert!(a.len() >= 4, "title, dialog title and body, others heading: {a:?}");
        assert!(a.iter().all(|id| !b.contains(id)), "{a:?} and {b:?} share an id");
        for el in [&first, &second] {
            let refs = el.query_selector_all("[aria-labelledby], [aria-describedby]").unwrap();
            for i in 0..refs.length() {
                let node = refs.item(i).unwrap().unchecked_into::<web_sys::Element>();
                for attr in ["aria-labelledby", "aria-describedby"] {
                    if let Some(id) = node.get_attribute(attr) {
                        assert!(el.query_selector(&format!("#{id}")).unwrap().is_some(), "{attr}={id} is in its page");
                    }
                }
            }
        }
    }

    /// A security setting the page cannot read fails closed: the page says
    /// so, tells the host, and ends no session.
    #[wasm_bindgen_test]
    async fn unreadable_step_up_settings_refuse_destructive_actions() {
        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        let config = Config::from_attributes(|k| (k == "step-up-max-age").then(|| "10min".to_string()));
        let errors = Rc::new(RefCell::new(Vec::<String>::new()));
        let heard = errors.clone();
        let listener =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                let message = js_sys::Reflect::get(&e.detail(), &"message".into()).unwrap();
                heard.borrow_mut().push(message.as_string().unwrap_or_default());
            });
        let document = web_sys::window().unwrap().document().unwrap();
        document.add_event_listener_with_callback("kratos-sessions:error", listener.as_ref().unchecked_ref()).unwrap();
        let (el, _h) = mount_with(fake.clone(), config);
        settle().await;
        super::frames(1).await;
        let said = text(&el, ".ks-notice-error");
        assert!(said.starts_with("Signing out is turned off on this page"), "{said}");
        assert!(said.contains("10min"), "{said}");
        assert_eq!(errors.borrow().len(), 1, "the host heard it");
        click(&el, "[data-session-id=a] .ks-revoke");
        settle().await;
        assert_eq!(count(&el, ".ks-dialog[open]"), 0, "no confirmation offered");
        assert!(text(&el, ".ks-notice-error").starts_with("Signing out is turned off"));
        click(&el, ".ks-everywhere");
        settle().await;
        assert_eq!(count(&el, ".ks-dialog[open]"), 0);
        assert!(fake.revoked.borrow().is_empty(), "nothing signed out");
        assert_eq!(count(&el, "[data-ks-list=others] .ks-session"), 1);
        document
            .remove_event_listener_with_callback("kratos-sessions:error", listener.as_ref().unchecked_ref())
            .unwrap();
    }

    /// The server half's side, faked: apps that may fail to go.
    #[derive(Default)]
    struct FakeApps {
        apps: RefCell<Vec<kratos_sessions::connected_apps::ConnectedApp>>,
        fail_remove: RefCell<Option<ApiError>>,
        removed: RefCell<Vec<String>>,
    }

    struct FakeAppsApi(Rc<FakeApps>);

    impl kratos_sessions::connected_apps::AppsApi for FakeAppsApi {
        fn list(
            &self,
        ) -> kratos_sessions::connected_apps::client::AppsResult<Vec<kratos_sessions::connected_apps::ConnectedApp>>
        {
            let r = Ok(self.0.apps.borrow().clone());
            async move { r }.boxed_local()
        }
        fn remove(&self, client_id: String) -> kratos_sessions::connected_apps::client::AppsResult<()> {
            let r = match self.0.fail_remove.borrow().clone() {
                Some(e) => Err(e),
                None => {
                    self.0.apps.borrow_mut().retain(|a| a.client_id.as_deref() != Some(client_id.as_str()));
                    self.0.removed.borrow_mut().push(client_id);
                    Ok(())
                }
            };
            async move { r }.boxed_local()
        }
        fn remove_all(&self) -> kratos_sessions::connected_apps::client::AppsResult<u64> {
            let n = self.0.apps.borrow_mut().drain(..).count() as u64;
            async move { Ok(n) }.boxed_local()
        }
        fn end_app_logins(&self) -> kratos_sessions::connected_apps::client::AppsResult<()> {
            async move { Ok(()) }.boxed_local()
        }
    }

    fn app(json: &str) -> kratos_sessions::connected_apps::ConnectedApp {
        kratos_sessions::kratos::from_str(json).unwrap()
    }

    /// A removal that fails keeps the app listed with why on its row (a
    /// failed removal never looks done); trying again then removes it. An
    /// app's `javascript:` homepage is no link.
    #[wasm_bindgen_test]
    async fn a_failed_app_removal_stays_on_its_row() {
        let apps = Rc::new(FakeApps::default());
        apps.apps.borrow_mut().push(app(
            r#"{"client_id":"x&all=true","name":"Odd","client_uri":"javascript:alert(1)","scopes":["openid"]}"#,
        ));
        *apps.fail_remove.borrow_mut() = Some(ApiError::Status { status: 502, id: None, message: None });
        let el = host();
        let api: Rc<dyn SessionsApi> = Rc::new(FakeApi(Rc::new(Fake::default())));
        let apps_api: Rc<dyn kratos_sessions::connected_apps::AppsApi> = Rc::new(FakeAppsApi(apps.clone()));
        let config = Config { apps_url: Some("https://example.com/connected".into()), ..Config::default() };
        let _page = leptos::mount::mount_to(el.clone(), move || view! { <SessionsPage config api apps=apps_api /> });
        settle().await;
        assert_eq!(text(&el, ".ks-app-name"), "Odd");
        assert_eq!(count(&el, ".ks-app a"), 0, "no javascript: link");
        click(&el, ".ks-remove-app");
        settle().await;
        assert_eq!(text(&el, ".ks-dialog-title"), "Remove access for Odd?");
        click(&el, ".ks-confirm");
        settle().await;
        assert_eq!(count(&el, ".ks-app"), 1, "still listed");
        assert_eq!(
            text(&el, ".ks-app .ks-row-error"),
            "Odd still has access: the server had a problem (HTTP 502). Try again."
        );
        assert_eq!(
            text(&el, ".ks-notice[role=alert]"),
            "Odd still has access: the server had a problem (HTTP 502). Try again."
        );
        apps.fail_remove.borrow_mut().take();
        click(&el, ".ks-remove-app");
        settle().await;
        click(&el, ".ks-confirm");
        settle().await;
        assert_eq!(*apps.removed.borrow(), ["x&all=true"]);
        assert_eq!(text(&el, ".ks-no-apps"), "No apps have access to your account.");
        assert_eq!(text(&el, ".ks-notice[role=status]"), "Odd no longer has access.");
    }

    /// Without `apps-url` there is no panel, whatever else is there.
    #[wasm_bindgen_test]
    async fn no_panel_without_the_server_half() {
        let (el, _page) = mount(Rc::new(Fake::default()));
        settle().await;
        assert_eq!(count(&el, ".ks-current"), 1);
        assert_eq!(count(&el, ".ks-apps-heading, .ks-app"), 0);
    }
}
