//! Layout from phone to desktop, light and dark (screenshots). kratos-dev
//! only: what they check, the stylesheet at each width, does not depend on
//! the backend.

use serde_json::json;

use crate::fixtures::{signed_in_with, CHROME_ANDROID, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::{no_tweak, run_with, Env};

async fn at_width(env: &Env, width: u32, name: &str) {
    env.client.set_window_size(width, 1100).await.unwrap();
    env.open_app().await;
    env.wait_for("[data-ks-list=others]").await;
    let overflow = env
        .client
        .execute("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]", vec![])
        .await
        .unwrap();
    assert!(overflow[0].as_u64() <= overflow[1].as_u64(), "{name}: the page scrolls sideways at {width}px: {overflow}");
    env.screenshot(name).await;
}

async fn widths(env: &Env, theme: &str) {
    let (me, _) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE, CHROME_ANDROID]).await;
    env.seed(json!({ "identity_id": me["session"]["identity"]["id"],
        "devices": [{ "user_agent": "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
                      "ip_address": "2001:db8:85a3::8a2e:370:7334", "location": "São Paulo, BR" }],
        "authentication_methods": [{ "method": "oidc", "provider": "github" }, { "method": "webauthn" }] }))
        .await;
    at_width(env, 1100, &format!("desktop-{theme}")).await;
    at_width(env, 375, &format!("phone-{theme}")).await;
    at_width(env, 320, &format!("narrow-{theme}")).await;
}

/// Responsive from 320 px to desktop, light and dark: nothing scrolls sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn light_from_phone_to_desktop() {
    run_with(no_tweak, r#"data-theme="light""#, Box::new(|env| Box::pin(widths(env, "light")))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dark_from_phone_to_desktop() {
    run_with(no_tweak, r#"data-theme="dark""#, Box::new(|env| Box::pin(widths(env, "dark")))).await;
}
