//! Accessibility: axe-core in every state and the keyboard alone.
//! kratos-dev only: the states include injected failures and invented
//! timestamps, and the markup audited is the same on either backend.

use fantoccini::key::Key;
use serde_json::json;

use crate::fixtures::{id, signed_in_with, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::{no_tweak, run, run_with, Env};

async fn assert_accessible(env: &Env, state: &str) {
    let violations = env.axe().await;
    assert!(violations.is_empty(), "axe found problems in the {state} state: {violations:#?}");
}

/// axe-core finds nothing in any state: loading, the list (with a sign-in
/// trail), the dialog, a failed revoke, empty, a load error, signed out.
async fn every_state(env: &Env) {
    let (me, _) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
    env.seed(json!({ "identity_id": me["session"]["identity"]["id"],
        "devices": [{ "user_agent": SAFARI_IPHONE, "ip_address": "198.51.100.1" }, { "user_agent": SAFARI_IPHONE, "ip_address": "198.51.100.2", "location": "Rome, IT" }],
        "authentication_methods": [{ "method": "passkey" }, { "method": "totp" }] }))
        .await;
    env.fault(json!({ "path": "/sessions/whoami", "delay_ms": 1500 })).await;
    env.open_app().await;
    env.wait_for(".ks-skeleton").await;
    assert_accessible(env, "loading").await;
    env.wait_for("[data-ks-list=others]").await;
    assert_accessible(env, "list").await;
    env.click("[data-ks-list=others] .ks-revoke").await;
    env.wait_for(".ks-dialog[open]").await;
    assert_accessible(env, "dialog").await;
    env.fault(json!({ "method": "DELETE", "path": "/sessions/*", "status": 500, "body": "{}" })).await;
    env.click(".ks-confirm").await;
    env.wait_for(".ks-row-error").await;
    assert_accessible(env, "failed revoke").await;
    env.click(".ks-revoke-others").await;
    env.click(".ks-confirm").await;
    env.wait_for(".ks-empty").await;
    assert_accessible(env, "empty").await;
    env.fault(json!({ "path": "/sessions", "status": 502, "body": "bad" })).await;
    env.open_app().await;
    env.wait_for(".ks-error").await;
    assert_accessible(env, "load error").await;
    env.client.delete_all_cookies().await.unwrap();
    env.client.goto(&format!("{}/health/alive", env.kratos)).await.unwrap();
    env.client.delete_all_cookies().await.unwrap();
    env.open_app().await;
    env.wait_for(".ks-signed-out").await;
    assert_accessible(env, "signed out").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_light() {
    run(no_tweak, Box::new(|env| Box::pin(every_state(env)))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_dark() {
    run_with(no_tweak, r#"data-theme="dark""#, Box::new(|env| Box::pin(every_state(env)))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_arabic_right_to_left() {
    run_with(no_tweak, r#"data-locale="ar""#, Box::new(|env| Box::pin(every_state(env)))).await;
}

/// Presses Tab until the focused element matches `css`.
async fn tab_to(env: &Env, css: &str) {
    for _ in 0..60 {
        let hit = env
            .client
            .execute("return document.activeElement?.matches(arguments[0]) ?? false", vec![json!(css)])
            .await
            .unwrap();
        if hit == json!(true) {
            return;
        }
        env.client.active_element().await.unwrap().send_keys(&Key::Tab.to_string()).await.unwrap();
    }
    panic!("Tab never reached {css}");
}

async fn press(env: &Env, key: Key) {
    env.client.active_element().await.unwrap().send_keys(&key.to_string()).await.unwrap();
}

scenario!(
    /// Revoke one, revoke the others and log out with the keyboard alone.
    keyboard_only, |env| {
        let (me, others) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE, FIREFOX_WINDOWS]).await;
        env.open_app().await;
        env.wait_for("[data-ks-list=others]").await;
        tab_to(env, "[data-ks-list=others] .ks-session:first-child .ks-revoke").await;
        press(env, Key::Enter).await;
        env.wait_for(".ks-dialog[open]").await;
        env.wait_focus("Cancel", "the dialog starts on the safe choice").await;
        press(env, Key::Tab).await;
        press(env, Key::Enter).await;
        env.wait_gone(&format!("[data-session-id='{}']", id(&others[0]))).await;
        env.wait_focus("Sign out", "focus lands on the next row").await;

        tab_to(env, ".ks-revoke-others").await;
        press(env, Key::Enter).await;
        env.wait_for(".ks-dialog[open]").await;
        press(env, Key::Tab).await;
        press(env, Key::Enter).await;
        env.wait_for(".ks-empty").await;

        tab_to(env, ".ks-log-out").await;
        press(env, Key::Enter).await;
        env.wait_for(".ks-dialog[open]").await;
        press(env, Key::Escape).await;
        env.wait_gone(".ks-dialog[open]").await;
        env.wait_focus("Log out", "Escape returns focus").await;
        press(env, Key::Enter).await;
        env.wait_for(".ks-dialog[open]").await;
        press(env, Key::Tab).await;
        press(env, Key::Enter).await;
        env.wait_for(".ks-signed-out").await;
        assert_eq!(env.admin_session(&id(&me)).await["active"], false);
});
