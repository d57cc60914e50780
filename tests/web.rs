//! Component tests in headless Chromium (wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::rc::Rc;
use std::sync::Arc;

use kratos_sessions::components::{session_row, Row};
use kratos_sessions::dom::{self, El};
use kratos_sessions::kratos::Session;
use kratos_sessions::reactive::*;
use kratos_sessions::view_model::SessionView;
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

fn parse(text: &str) -> Session {
    kratos_sessions::kratos::json::from_str(text).unwrap()
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
        any_spawner::Executor::tick().await;
    }
}

#[wasm_bindgen_test]
async fn row_shows_device_and_masks_the_ip_until_revealed() {
    // Parsed as the app parses Kratos's answers: the browser's JSON, read
    // field by field.
    let session = parse(
        r#"{"id":"7a1c","authenticated_at":"2026-01-01T10:00:00Z","authenticator_assurance_level":"aal2",
            "authentication_methods":[{"method":"password","aal":"aal1"},{"method":"totp","aal":"aal2"}],
            "devices":[{"ip_address":"203.0.113.42","location":"Berlin, DE",
              "user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"}]}"#,
    );
    let view_model = SessionView::new(&session, false);
    let el = host();
    let _mounted =
        dom::mount(&el, move || El::new("ul").child(session_row(Row::plain(Arc::new(view_model), Rc::new(|| 0)))));
    settle().await;
    assert_eq!(text(&el, ".ks-device"), "Firefox on Windows");
    assert_eq!(text(&el, ".ks-ip-value"), "203.0.•••.•••");
    assert_eq!(text(&el, ".ks-location"), "Berlin, DE");
    let chips: Vec<String> = (0..3).map(|i| text(&el, &format!(".ks-chip:nth-child({})", i + 1))).collect();
    assert_eq!(chips, ["AAL2", "Password", "Authenticator app"]);

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
    use kratos_sessions::{dom, sessions_page, Config};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::{host, settle, text};

    /// An in-memory Kratos: this device plus `others`, with switchable failures.
    #[derive(Default)]
    struct Fake {
        others: RefCell<Vec<Session>>,
        revoked: RefCell<Vec<String>>,
        fail_revoke: RefCell<Option<ApiError>>,
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

    fn mount(fake: Rc<Fake>) -> (web_sys::HtmlElement, dom::Mounted) {
        let el = host();
        let api: Rc<dyn SessionsApi> = Rc::new(FakeApi(fake));
        let handle = dom::mount(&el, move || sessions_page(Config::default(), Some(api)));
        (el, handle)
    }

    /// A host that unmounts while Kratos is still answering: the answer is
    /// dropped unread (reading the unmounted page's state would panic, and
    /// a panic would take every widget on the host page with it).
    #[wasm_bindgen_test]
    async fn an_answer_after_unmount_is_dropped() {
        let (release, hold) = futures::channel::oneshot::channel();
        let fake = Rc::new(Fake { hold: RefCell::new(Some(hold)), ..Fake::default() });
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        let (el, mut page) = mount(fake);
        settle().await;
        assert_eq!(count(&el, ".ks-skeleton"), 1, "still loading");
        page.unmount();
        assert_eq!(el.child_element_count(), 0);
        release.send(()).unwrap();
        settle().await;
        assert_eq!(el.child_element_count(), 0, "nothing came back");
    }

    /// A Leptos app embeds the page as a component (feature `leptos`).
    #[cfg(feature = "leptos")]
    #[wasm_bindgen_test]
    async fn a_leptos_host_renders_the_component() {
        use kratos_sessions::SessionsPage;
        use leptos::prelude::*;

        let fake = Rc::new(Fake::default());
        fake.others.borrow_mut().push(session("a", "curl/8.0"));
        let el = host();
        let api: Rc<dyn SessionsApi> = Rc::new(FakeApi(fake));
        let handle = leptos::mount::mount_to(el.clone(), move || {
            view! { <section class="host"><SessionsPage config=Config::default() api /></section> }
        });
        settle().await;
        assert_eq!(text(&el, ".host .ks-mount .ks-current .ks-device"), "Firefox on Linux");
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
        assert_eq!(text(&el, "#ks-dialog-title"), "Sign out Safari on iOS?");
        click(&el, ".ks-confirm");
        settle().await;
        assert_eq!(*fake.revoked.borrow(), ["a"]);
        assert_eq!(count(&el, "[data-ks-list=others] .ks-session"), 1);
        assert_eq!(text(&el, ".ks-notice[role=status]"), "Signed out Safari on iOS.");
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
        assert_eq!(text(&el, "#ks-dialog-title"), "Sign out curl?");
        click(&el, ".ks-cancel");
        settle().await;
        assert_eq!(count(&el, ".ks-dialog[open]"), 0);
        assert!(fake.revoked.borrow().is_empty(), "cancelled: nothing signed out");
    }

    #[wasm_bindgen_test]
    async fn signed_out_offers_sign_in() {
        let fake = Rc::new(Fake { signed_out: true, ..Fake::default() });
        let (el, _h) = mount(fake);
        settle().await;
        assert_eq!(text(&el, ".ks-signed-out a"), "Sign in");
        assert_eq!(count(&el, ".ks-session"), 0);
    }
}

/// The DOM builder: keyed rows keep their nodes and state, move when the
/// order changes, and are disposed (effects stopped) when they leave.
mod builder {
    use super::*;

    fn ids(el: &web_sys::HtmlElement) -> Vec<String> {
        let list = el.query_selector_all("li").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
    }

    #[wasm_bindgen_test]
    async fn keyed_rows_are_kept_moved_and_disposed() {
        let items = RwSignal::new(vec!["a", "b", "c"]);
        let label = RwSignal::new("x");
        let el = host();
        let _mounted = dom::mount(&el, move || {
            El::new("ul").keyed(
                move || items.get(),
                |s: &&str| (*s).to_owned(),
                move |s| El::new("li").text(s).dyn_attr("data-label", move || Some(label.get().to_owned())),
            )
        });
        assert_eq!(ids(&el), ["a", "b", "c"]);
        let b = el.query_selector("li:nth-child(2)").unwrap().unwrap();

        items.set(vec!["c", "b", "d"]);
        settle().await;
        assert_eq!(ids(&el), ["c", "b", "d"]);
        let b_after = el.query_selector("li:nth-child(2)").unwrap().unwrap();
        assert!(b == b_after, "a row that stays keeps its node");

        label.set("y");
        settle().await;
        let labels: Vec<String> = (1..=3)
            .map(|i| {
                el.query_selector(&format!("li:nth-child({i})")).unwrap().unwrap().get_attribute("data-label").unwrap()
            })
            .collect();
        assert_eq!(labels, ["y", "y", "y"], "kept and new rows still follow their signals");

        // Every row leaves: a removed row's effects no longer write to its node.
        items.set(vec![]);
        settle().await;
        assert_eq!(ids(&el), Vec::<String>::new());
        label.set("z");
        settle().await;
        assert_eq!(b.get_attribute("data-label").as_deref(), Some("y"), "a removed row's effects are disposed");
    }

    #[wasm_bindgen_test]
    async fn switched_children_are_rebuilt_only_when_their_key_changes() {
        let shown = RwSignal::new(Some("first"));
        let label = RwSignal::new(0);
        let el = host();
        let mut mounted = dom::mount(&el, move || {
            El::new("div")
                .text("before ")
                .switch(
                    move || shown.get(),
                    move |text| {
                        let b =
                            |t: &&str| El::new("b").text(t).dyn_attr("data-n", move || Some(label.get().to_string()));
                        text.iter().map(b).collect()
                    },
                )
                .text(" after")
        });
        assert_eq!(el.text_content().unwrap(), "before first after");
        let first = el.query_selector("b").unwrap().unwrap();

        shown.set(Some("first"));
        label.set(1);
        settle().await;
        assert!(el.query_selector("b").unwrap().unwrap() == first, "the same key keeps the children");
        assert_eq!(first.get_attribute("data-n").as_deref(), Some("1"), "kept children follow their signals");

        shown.set(Some("second"));
        settle().await;
        assert_eq!(el.text_content().unwrap(), "before second after", "replaced in place");
        label.set(2);
        settle().await;
        assert_eq!(first.get_attribute("data-n").as_deref(), Some("1"), "replaced children's effects are disposed");

        shown.set(None);
        settle().await;
        assert_eq!(el.text_content().unwrap(), "before  after");
        mounted.unmount();
        assert_eq!(el.child_element_count(), 0);
    }
}
