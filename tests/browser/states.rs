use serde_json::json;

use crate::fixtures::{signed_in_with, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::no_tweak;

both!(
    /// Signed out: a sign-in link to Kratos's login that returns here.
    signed_out_links_to_login_with_return_to, |env| {
        env.open_app().await;
        let link = env.wait_for(".ks-signed-out a").await;
        let href = link.attr("href").await.unwrap().unwrap();
        let expected = format!(
            "{}/self-service/login/browser?return_to={}",
            env.kratos,
            env.app.replace(':', "%3A").replace('/', "%2F") + "%2F"
        );
        assert_eq!(href, expected);
        env.screenshot("signed-out").await;
});

scenario!(
    /// 403 session_aal2_required: the page goes where Kratos says. (On real
    /// Kratos through its own AAL2 flow: ory::second_factor_required_then_step_up.)
    second_factor_required_redirects, |env| {
        let me = env.seed(json!({ "second_factor": true })).await;
        env.use_session(&me).await;
        env.open_app().await;
        env.wait_text("h1", "Second factor").await;
        let url = env.client.current_url().await.unwrap();
        assert!(url.as_str().contains("/self-service/login/browser?aal=aal2"), "{url}");
        // Confirming the second factor returns to the page, now at AAL2.
        env.wait_for("#code").await.send_keys("123456").await.unwrap();
        env.click("button[type=submit]").await;
        env.wait_text(".ks-current .ks-aal", "2-step").await;
});

scenario!(
    /// Each kind of failure gets a plain message and a retry that works.
    /// kratos-dev only: the failures are injected faults.
    load_failures_explain_and_retry, no_tweak, r#"data-timeout="1500""#, |env| {
        signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        let cases = [
            (json!({ "path": "/sessions", "status": 500, "body": "{\"error\":{\"code\":500,\"message\":\"boom\"}}" }),
             "Your sessions could not be loaded: the server had a problem (HTTP 500). Try again."),
            (json!({ "path": "/sessions/whoami", "status": 200, "body": "{not json" }),
             "Your sessions could not be loaded: the server sent an answer this page can't read (HTTP 200). Try again."),
            (json!({ "path": "/sessions/whoami", "status": 502, "body": "<html>Bad gateway</html>", "content_type": "text/html" }),
             "Your sessions could not be loaded: the server sent an answer this page can't read (HTTP 502). Try again."),
            (json!({ "path": "/sessions", "drop_connection": true, "times": 6 }),
             "Your sessions could not be loaded: the sign-in server can't be reached. Check your connection and try again."),
            (json!({ "path": "/sessions", "delay_ms": 3000 }),
             "Your sessions could not be loaded: the server took too long to answer. Try again."),
        ];
        for (fault, message) in cases {
            env.fault(fault).await;
            env.open_app().await;
            env.wait_text(".ks-error p", message).await;
            env.clear_faults().await;
            env.click(".ks-retry").await;
            env.wait_text("[data-ks-list=others] .ks-device", "Firefox on Windows").await;
            assert!(env.texts(".ks-error").await.is_empty());
        }
});

scenario!(
    /// A refresh that fails keeps the list that was on screen. kratos-dev
    /// only: fault injection.
    failed_refresh_keeps_the_list, |env| {
        signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
        env.open_app().await;
        env.wait_for("[data-ks-list=others]").await;
        env.fault(json!({ "path": "/sessions", "status": 500, "body": "{}" })).await;
        // The tab "comes back": the page refetches.
        env.client.execute("document.dispatchEvent(new Event('visibilitychange'))", vec![]).await.unwrap();
        env.wait_text(
            ".ks-error p",
            "Your sessions could not be loaded: the server had a problem (HTTP 500). Try again.",
        )
        .await;
        assert_eq!(
            env.texts("[data-ks-list=others] .ks-device").await,
            vec!["Firefox on Windows", "Safari on iOS"]
        );
        env.screenshot("refresh-failed").await;
});

scenario!(
    /// A refresh on visibility picks up sessions that appeared meanwhile.
    visibility_refreshes, |env| {
        let (me, _) = signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        env.open_app().await;
        env.wait_for("[data-ks-list=others]").await;
        env.seed(json!({ "identity_id": me["session"]["identity"]["id"],
            "devices": [{ "user_agent": SAFARI_IPHONE, "ip_address": "198.51.100.1" }] }))
            .await;
        env.client.execute("document.dispatchEvent(new Event('visibilitychange'))", vec![]).await.unwrap();
        env.wait_text("[data-ks-list=others] .ks-session:first-child .ks-device", "Safari on iOS").await;
});

fn other_origin_only(cfg: &mut kratos_dev::Config) {
    cfg.serve.public.cors.allowed_origins = vec!["https://not-this-page.example".into()];
}

scenario!(
    /// Kratos without this origin in its CORS config: the page says what to
    /// change. kratos-dev only: a per-test CORS config switch.
    cors_refusal_is_explained, other_origin_only, "", |env| {
        env.open_app().await;
        let expected = format!(
            "The sign-in server refused this page. Its CORS settings (serve.public.cors) must list {} in allowed_origins, with allow_credentials: true.",
            env.app
        );
        env.wait_text(".ks-error p", &expected).await;
});

scenario!(
    /// User agents, addresses and places full of markup render as inert text.
    hostile_session_data_is_inert, |env| {
        let (me, _) = signed_in_with(env, &[]).await;
        let ua = r#"<img src=x onerror="window.__pwned=1">Mozilla/5.0 (Windows NT 10.0) Firefox/133.0"#;
        env.seed(json!({ "identity_id": me["session"]["identity"]["id"],
            "devices": [{ "user_agent": ua, "ip_address": "<script>window.__pwned=2</script>", "location": "<b onmouseover=alert(1)>Nowhere</b>" }],
            "authentication_methods": [{ "method": "oidc", "provider": "<svg onload=window.__pwned=3>" }] })).await;
        env.open_app().await;
        env.wait_for("[data-ks-list=others]").await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-location").await, vec!["<b onmouseover=alert(1)>Nowhere</b>"]);
        env.click("[data-ks-list=others] .ks-ip button").await;
        env.wait_text("[data-ks-list=others] .ks-ip-value", "<script>window.__pwned=2</script>").await;
        let labels = env.texts("[data-ks-list=others] .ks-chip-label").await;
        assert_eq!(labels, vec!["<svg onload=window.__pwned=3>"]);
        env.click("[data-ks-list=others] .ks-details summary").await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-ua").await, vec![ua]);
        let injected = env
            .client
            .execute("return [window.__pwned, document.querySelectorAll('.ks img, .ks script, .ks b, .ks svg:not(.ks-icon)').length]", vec![])
            .await
            .unwrap();
        assert_eq!(injected, json!([null, 0]));
});
