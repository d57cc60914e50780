//! The page against the real Kratos v1.3.1: sessions made through Kratos's
//! own flows (API logins with device headers, the browser login flow for
//! this browser's cookie, TOTP), so what the page reads is what Kratos
//! really sends. Scenarios that need fault injection or invented
//! timestamps (expired sessions, failures, paging past 1000) stay on
//! kratos-dev: Kratos can make neither.

use ory_harness::Device;

use crate::fixtures::{CHROME_ANDROID, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::Env;

const FIRST_REVOKE: &str = "[data-ks-list=others] .ks-session:first-child .ks-revoke";

/// An identity signed in on `others` (oldest first) through the API login
/// flow, and on this browser through the browser login flow. Returns the
/// other sessions' ids, newest first, as the page lists them.
async fn signed_in(env: &Env, email: &str, others: &[Device]) -> Vec<String> {
    let kratos = env.ory();
    kratos.create_identity(email).await;
    let mut ids = Vec::new();
    for device in others {
        ids.push(kratos.api_login(email, device).await.id());
    }
    ids.reverse();
    sign_in_browser(env, email).await;
    ids
}

/// The browser login flow, as this browser (its own User-Agent), with the
/// cookie handed to the browser.
async fn sign_in_browser(env: &Env, email: &str) {
    let ua = env.client.execute("return navigator.userAgent", vec![]).await.expect("user agent");
    let device = Device::new(ua.as_str().expect("string"), "192.0.2.1");
    let jar = env.ory().browser_login(email, &device).await;
    env.set_session_cookie(&jar.get("ory_kratos_session").expect("session cookie")).await;
}

fn devices() -> Vec<Device> {
    vec![Device::new(FIREFOX_WINDOWS, "203.0.113.42").at("Berlin", "DE"), Device::new(SAFARI_IPHONE, "198.51.100.7")]
}

async fn open(env: &Env) {
    env.open_app().await;
    env.wait_for(".ks-current").await;
}

ory_scenario!(
    /// This device and the others with Kratos's own device records: browser,
    /// OS, masked IP, the Cloudflare location or "Location unknown".
    sessions_and_devices, |env| {
        signed_in(env, "ada@example.com", &devices()).await;
        open(env).await;
        assert_eq!(env.texts(".ks-current .ks-device").await, vec!["Headless Chrome (automated)".to_string()]);
        let others = env.texts(".ks-session:not(.ks-current) .ks-device").await;
        assert_eq!(others, vec!["Safari on iOS".to_string(), "Firefox on Windows".to_string()]);
        let meta = env.texts(".ks-session:not(.ks-current) .ks-meta").await.join("\n");
        for expected in ["198.51.•••.•••", "203.0.•••.•••", "Berlin, DE", "Location unknown", "Signed in"] {
            assert!(meta.contains(expected), "{expected} in {meta}");
        }
});

ory_scenario!(
    /// Revoking one: the row goes and Kratos shows that session inactive.
    revoke_one, |env| {
        let ids = signed_in(env, "bea@example.com", &devices()).await;
        open(env).await;
        env.click(FIRST_REVOKE).await;
        env.wait_text(".ks-dialog-title", "Sign out Safari on iOS?").await;
        env.click(".ks-confirm").await;
        env.wait_text(".ks-notice[role=status]", "Signed out Safari on iOS.").await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, vec!["Firefox on Windows"]);
        assert_eq!(env.ory().admin_session(&ids[0]).await["active"], false);
        assert_eq!(env.ory().admin_session(&ids[1]).await["active"], true);
});

ory_scenario!(
    /// Revoking all others: Kratos's count includes a session that had
    /// already ended, and the page says so honestly.
    revoke_all_others, |env| {
        let mut others = devices();
        others.push(Device::new(CHROME_ANDROID, "198.51.100.8"));
        let ids = signed_in(env, "cai@example.com", &others).await;
        // Ended elsewhere: Kratos keeps the row and still counts it.
        env.ory().revoke(&ids[0]).await;
        open(env).await;
        env.wait_text(".ks-revoke-others", "Sign out all 2 other sessions").await;
        env.click(".ks-revoke-others").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-empty").await;
        env.wait_text(
            ".ks-notice[role=status]",
            "Signed out all 2 other sessions. Kratos ended 3 session records in all, including ones that had already expired or ended.",
        )
        .await;
        for id in &ids {
            assert_eq!(env.ory().admin_session(id).await["active"], false);
        }
});

ory_scenario!(
    /// Logging out through Kratos's browser logout flow ends only this session.
    log_out_here, |env| {
        let ids = signed_in(env, "dee@example.com", &devices()[..1]).await;
        open(env).await;
        env.click(".ks-log-out").await;
        env.wait_text(".ks-dialog-title", "Log out on this device?").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-signed-out").await;
        assert_eq!(env.ory().admin_session(&ids[0]).await["active"], true, "only this device");
});

ory_scenario!(
    /// Signed out: a sign-in link to Kratos's login that returns here.
    signed_out, |env| {
        env.open_app().await;
        let link = env.wait_for(".ks-signed-out a").await;
        let href = link.attr("href").await.unwrap().unwrap();
        assert!(href.starts_with(&format!("{}/self-service/login/browser?return_to=", env.kratos)), "{href}");
});

ory_scenario!(
    /// An aal1 session of an identity with TOTP: whoami's 403 sends the
    /// browser to Kratos's AAL2 login, which hands over to its login UI.
    second_factor_required, |env| {
        let kratos = env.ory();
        kratos.create_identity("eli@example.com").await;
        let login = kratos.api_login("eli@example.com", &Device::new(FIREFOX_WINDOWS, "203.0.113.9")).await;
        kratos.enable_totp(&login.token).await;
        sign_in_browser(env, "eli@example.com").await;
        env.open_app().await;
        let deadline = tokio::time::Instant::now() + crate::support::WAIT;
        loop {
            let url = env.client.current_url().await.unwrap().to_string();
            if url.starts_with(&format!("{}/login?flow=", env.app)) {
                break;
            }
            assert!(tokio::time::Instant::now() < deadline, "not sent to Kratos's AAL2 login: {url}");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
});
