use serde_json::json;

use crate::fixtures::{ended_session, id, signed_in_with, CHROME_ANDROID, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::Env;

const FIRST_REVOKE: &str = "[data-ks-list=others] .ks-session:first-child .ks-revoke";

async fn open(env: &Env) {
    env.open_app().await;
    env.wait_for(".ks-current").await;
}

both!(
    /// Revoking one session: confirm, the row goes, the result is announced,
    /// focus moves to the next row, and Kratos shows it inactive.
    revoke_one, |env| {
        let (_, others) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
        open(env).await;
        env.click(FIRST_REVOKE).await;
        env.wait_text(".ks-dialog-title", "Sign out Firefox on Windows?").await;
        env.screenshot("confirm-revoke").await;
        env.click(".ks-confirm").await;
        env.wait_gone(&format!("[data-session-id='{}']", id(&others[0]))).await;
        env.wait_text(".ks-notice[role=status]", "Signed out Firefox on Windows.").await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, vec!["Safari on iOS"]);
        env.wait_focus("Sign out", "focus moved to the next row's button").await;
        assert_eq!(env.admin_session(&id(&others[0])).await["active"], false);
        assert_eq!(env.admin_session(&id(&others[1])).await["active"], true);
});

both!(
    /// Escape closes the dialog, nothing is revoked, focus returns.
    cancel_keeps_everything, |env| {
        let (_, others) = signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        open(env).await;
        env.click(FIRST_REVOKE).await;
        env.wait_for(".ks-dialog[open]").await;
        env.client.active_element().await.unwrap().send_keys("\u{e00c}").await.unwrap();
        env.wait_gone(".ks-dialog[open]").await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, vec!["Firefox on Windows"]);
        env.wait_focus("Sign out", "focus returns").await;
        env.click(FIRST_REVOKE).await;
        env.click(".ks-cancel").await;
        env.wait_gone(".ks-dialog[open]").await;
        assert_eq!(env.admin_session(&id(&others[0])).await["active"], true);
});

both!(
    /// A session already ended elsewhere: Kratos answers 204 and the row goes.
    revoking_an_already_ended_session_removes_it, |env| {
        let (_, others) = signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        open(env).await;
        let (status, _) = env.http.send("DELETE", &format!("/admin/sessions/{}", id(&others[0])), None).await;
        assert_eq!(status, 204);
        env.click(FIRST_REVOKE).await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-empty").await;
});

scenario!(
    /// A failed revoke never looks like success: the row stays, says why, and
    /// its button works again. kratos-dev only: the failures are injected.
    failed_revoke_keeps_the_row, |env| {
        let (_, others) = signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        open(env).await;
        env.fault(json!({ "method": "DELETE", "path": "/sessions/*", "status": 500, "body": "{\"error\":{\"code\":500,\"message\":\"db down\"}}" })).await;
        env.click(FIRST_REVOKE).await;
        env.click(".ks-confirm").await;
        let expected = "Firefox on Windows is still signed in: the server had a problem (HTTP 500). Try again.";
        env.wait_text(".ks-row-error", expected).await;
        env.wait_text(".ks-notice[role=alert]", expected).await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, vec!["Firefox on Windows"]);
        assert_eq!(env.admin_session(&id(&others[0])).await["active"], true);

        // Chrome retries a request whose connection dropped, so drop a few.
        env.fault(json!({ "method": "DELETE", "path": "/sessions/*", "drop_connection": true, "times": 3 })).await;
        env.click(FIRST_REVOKE).await;
        env.click(".ks-confirm").await;
        env.wait_text(
            ".ks-row-error",
            "Firefox on Windows is still signed in: the sign-in server can't be reached. Check your connection and try again.",
        )
        .await;
        env.screenshot("revoke-failed").await;
        env.clear_faults().await;
        env.click(FIRST_REVOKE).await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-empty").await;
        assert_eq!(env.admin_session(&id(&others[0])).await["active"], false);
});

both!(
    /// Revoking all others names how many are listed and words Kratos's count
    /// honestly when it includes sessions that had already ended.
    revoke_all_others, |env| {
        let (me, others) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE, CHROME_ANDROID]).await;
        // An ended session Kratos still counts.
        ended_session(env, &me).await;
        open(env).await;
        env.wait_text(".ks-revoke-others", "Sign out all 3 other sessions").await;
        env.click(".ks-revoke-others").await;
        env.wait_text(".ks-dialog-title", "Sign out 3 other sessions?").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-empty").await;
        env.wait_text(
            ".ks-notice[role=status]",
            "Signed out all 3 other sessions. Kratos ended 4 session records in all, including ones that had already expired or ended.",
        )
        .await;
        for o in &others {
            assert_eq!(env.admin_session(&id(o)).await["active"], false);
        }
        assert_eq!(env.admin_session(&id(&me)).await["active"], true);
        assert!(env.texts(".ks-revoke-others").await.is_empty());
});

// kratos-dev only: the failure is injected.
scenario!(failed_revoke_all_keeps_the_list, |env| {
    let (_, others) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
    open(env).await;
    env.fault(json!({ "method": "DELETE", "path": "/sessions", "status": 503, "body": "Service Unavailable", "content_type": "text/plain" })).await;
    env.click(".ks-revoke-others").await;
    env.click(".ks-confirm").await;
    env.wait_text(
            ".ks-notice[role=alert]",
            "Your other sessions are still signed in: the server sent an answer this page can't read (HTTP 503). Try again.",
        )
        .await;
    assert_eq!(env.texts("[data-ks-list=others] .ks-device").await.len(), 2);
    assert_eq!(env.admin_session(&id(&others[0])).await["active"], true);
});

both!(
    /// Logging out here goes through Kratos's browser logout flow as JSON.
    log_out_here, |env| {
        let (me, others) = signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        open(env).await;
        env.click(".ks-log-out").await;
        env.wait_text(".ks-dialog-title", "Log out on this device?").await;
        env.click(".ks-confirm").await;
        // Back on the page, signed out.
        env.wait_for(".ks-signed-out").await;
        assert_eq!(env.admin_session(&id(&me)).await["active"], false);
        assert_eq!(env.admin_session(&id(&others[0])).await["active"], true, "only this device");
});

scenario!(
    /// Sign out everywhere: the others, then here. When the first step fails
    /// it stops and says so, and this device stays signed in. kratos-dev
    /// only: the failure is injected (ory::sign_out_everywhere runs the
    /// success on real Kratos).
    sign_out_everywhere, |env| {
        let (me, others) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
        open(env).await;
        env.fault(json!({ "method": "DELETE", "path": "/sessions", "status": 500, "body": "{}" })).await;
        env.click(".ks-everywhere").await;
        env.wait_text(".ks-dialog-title", "Sign out everywhere?").await;
        env.wait_text(
            ".ks-dialog-body",
            "All 2 other sessions end, then you'll be logged out on this device too.",
        )
        .await;
        env.click(".ks-confirm").await;
        env.wait_text(
            ".ks-notice[role=alert]",
            "Your other sessions are still signed in: the server had a problem (HTTP 500). Try again.",
        )
        .await;
        assert_eq!(env.admin_session(&id(&me)).await["active"], true, "stopped before logging out");

        env.click(".ks-everywhere").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-signed-out").await;
        assert_eq!(env.admin_session(&id(&me)).await["active"], false);
        for o in &others {
            assert_eq!(env.admin_session(&id(o)).await["active"], false);
        }
});

both!(
    /// Another tab of the page learns about a revocation.
    other_tabs_follow, |env| {
        signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
        open(env).await;
        let first = env.client.window().await.unwrap();
        let second = env.client.new_window(true).await.unwrap();
        env.client.switch_to_window(second.handle).await.unwrap();
        open(env).await;
        env.client.switch_to_window(first.clone()).await.unwrap();
        env.click(FIRST_REVOKE).await;
        env.click(".ks-confirm").await;
        env.wait_text(".ks-notice[role=status]", "Signed out Firefox on Windows.").await;
        let tabs = env.client.windows().await.unwrap();
        let other = tabs.into_iter().find(|t| *t != first).unwrap();
        env.client.switch_to_window(other).await.unwrap();
        env.wait_gone("[data-ks-list=others] .ks-session:nth-child(2)").await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, vec!["Safari on iOS"]);
});
