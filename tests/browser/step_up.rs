//! The step-up policy against kratos-dev: sessions signed in two hours ago
//! (invented timestamps). The same flows on real Kratos, which cannot
//! backdate a sign-in, wait out a short maximum age instead (ory.rs).

use serde_json::json;

use crate::fixtures::{id, rfc3339, FIREFOX_WINDOWS};
use crate::support::{no_tweak, Env};

/// Signs in with a session that authenticated two hours ago, at AAL1, and
/// one other session.
async fn stale_session(env: &Env) -> serde_json::Value {
    let two_hours_ago =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64 - 7200;
    let me = env
        .seed(json!({ "traits": { "email": "ada@example.com" }, "authenticated_at": rfc3339(two_hours_ago),
                      "expires_at": "2099-01-01T00:00:00Z" }))
        .await;
    let other = env
        .seed(json!({ "identity_id": me["session"]["identity"]["id"], "expires_at": "2099-01-01T00:00:00Z",
                      "devices": [{ "user_agent": FIREFOX_WINDOWS, "ip_address": "203.0.113.42" }] }))
        .await;
    env.use_session(&me).await;
    other
}

scenario!(
    /// With a maximum sign-in age, a stale session re-authenticates first, then
    /// the pending revoke is offered again and runs.
    max_age_asks_to_sign_in_again_then_resumes, no_tweak, r#"data-step-up-max-age="5m""#, |env| {
        let other = stale_session(env).await;
        env.open_app().await;
        env.click("[data-ks-list=others] .ks-revoke").await;
        env.click(".ks-confirm").await;
        env.wait_text("h1", "Confirm it's you").await;
        let url = env.client.current_url().await.unwrap();
        assert!(url.as_str().contains("refresh=true"), "{url}");
        assert_eq!(env.admin_session(&id(&other)).await["active"], true, "nothing ran before the step-up");
        env.click("button[type=submit]").await;
        env.wait_text(".ks-dialog-title", "Sign out Firefox on Windows?").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-empty").await;
        assert_eq!(env.admin_session(&id(&other)).await["active"], false);
});

scenario!(
    /// With AAL2 required, an AAL1 session confirms a second factor first.
    aal2_policy_asks_for_a_second_factor, no_tweak, r#"data-step-up-aal="aal2""#, |env| {
        let other = stale_session(env).await;
        env.open_app().await;
        env.click(".ks-revoke-others").await;
        env.click(".ks-confirm").await;
        env.wait_text("h1", "Second factor").await;
        env.wait_for("#code").await.send_keys("654321").await.unwrap();
        env.click("button[type=submit]").await;
        env.wait_text(".ks-dialog-title", "Sign out the other session?").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-empty").await;
        assert_eq!(env.admin_session(&id(&other)).await["active"], false);
        env.wait_text(".ks-current .ks-aal", "2-step").await;
});

scenario!(
    /// Cancelling the re-offered action runs nothing.
    resumed_action_can_be_cancelled, no_tweak, r#"data-step-up-max-age="60""#, |env| {
        let other = stale_session(env).await;
        env.open_app().await;
        env.click("[data-ks-list=others] .ks-revoke").await;
        env.click(".ks-confirm").await;
        env.click("button[type=submit]").await;
        env.wait_for(".ks-dialog[open]").await;
        env.click(".ks-cancel").await;
        env.wait_gone(".ks-dialog[open]").await;
        assert_eq!(env.admin_session(&id(&other)).await["active"], true);
        // And it is not offered again on the next load.
        env.open_app().await;
        env.wait_for("[data-ks-list=others]").await;
        assert!(env.texts(".ks-dialog[open]").await.is_empty());
});
