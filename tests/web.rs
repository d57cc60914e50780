//! Component tests in headless Chromium (wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use kratos_sessions::components::SessionRow;
use kratos_sessions::kratos::Session;
use kratos_sessions::view_model::SessionView;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn text(host: &web_sys::HtmlElement, css: &str) -> String {
    host.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .text_content()
        .unwrap_or_default()
}

async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn row_shows_device_and_masks_the_ip_until_revealed() {
    let session: Session = serde_json::from_str(
        r#"{"id":"7a1c","authenticated_at":"2026-01-01T10:00:00Z","authenticator_assurance_level":"aal2",
            "authentication_methods":[{"method":"password","aal":"aal1"},{"method":"totp","aal":"aal2"}],
            "devices":[{"ip_address":"203.0.113.42","location":"Berlin, DE",
              "user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"}]}"#,
    )
    .unwrap();
    let view_model = SessionView::new(&session, false);
    let el = host();
    let _mounted = leptos::mount::mount_to(el.clone(), move || {
        view! { <ul><SessionRow session=view_model now=Signal::stored(0) locales=StoredValue::new(vec!["en".to_string()]) /></ul> }
    });
    settle().await;
    assert_eq!(text(&el, ".ks-device"), "Firefox on Windows");
    assert_eq!(text(&el, ".ks-ip-value"), "203.0.•••.•••");
    assert_eq!(text(&el, ".ks-location"), "Berlin, DE");
    let chips: Vec<String> = (0..3)
        .map(|i| text(&el, &format!(".ks-chip:nth-child({})", i + 1)))
        .collect();
    assert_eq!(chips, ["AAL2", "Password", "Authenticator app"]);

    el.query_selector(".ks-ip button")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    settle().await;
    assert_eq!(text(&el, ".ks-ip-value"), "203.0.113.42");
    assert_eq!(text(&el, ".ks-ip button"), "Hide");
}
