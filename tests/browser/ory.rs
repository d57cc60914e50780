//! The page against the real Kratos v1.3.1 only: what needs Kratos's own
//! flows end to end (its device records, its AAL2 and re-authentication
//! login flows through the demo sign-in page at its login `ui_url`, and its
//! page cap past 1000 sessions). Every scenario that runs the same on both
//! backends is a `both!` test beside its kratos-dev twin; fault injection
//! and invented timestamps stay on kratos-dev, since Kratos can make
//! neither.

use std::collections::HashSet;
use std::time::Duration;

use ory_harness::{flows::PASSWORD, totp, Device};

use crate::fixtures::{id, signed_in_with, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::{no_ory_tweak, Env, WAIT};

const FIRST_REVOKE: &str = "[data-ks-list=others] .ks-session:first-child .ks-revoke";

/// The browser login flow, as this browser (its own User-Agent), with the
/// cookie handed to the browser.
async fn sign_in_browser(env: &Env, email: &str) {
    let ua = env.client.execute("return navigator.userAgent", vec![]).await.expect("user agent");
    let device = Device::new(ua.as_str().expect("string"), "192.0.2.1");
    let jar = env.ory().browser_login(email, &device).await;
    env.set_session_cookie(&jar.get("ory_kratos_session").expect("session cookie")).await;
}

async fn open(env: &Env) {
    env.open_app().await;
    env.wait_for(".ks-current").await;
}

/// Waits until Kratos has handed the browser to the sign-in page at its
/// login `ui_url` and the flow's form shows `heading`.
async fn on_sign_in_page(env: &Env, heading: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let url = env.client.current_url().await.unwrap().to_string();
        if url.starts_with(&format!("{}/login?flow=", env.app)) {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "not sent to Kratos's login flow: {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    env.wait_text("h1", heading).await;
}

/// Fills one field of Kratos's login form and submits it.
async fn submit(env: &Env, field: &str, value: &str) {
    env.wait_for(&format!("#field-{field}")).await.send_keys(value).await.unwrap();
    env.click("form button[type=submit]").await;
}

/// An identity with TOTP, signed in on Firefox (aal2 after enrolling) and
/// on this browser with a password only (aal1). Returns (the other
/// session's id, the TOTP secret).
async fn totp_identity(env: &Env, email: &str) -> (String, String) {
    let kratos = env.ory();
    kratos.create_identity(email).await;
    let login = kratos.api_login(email, &Device::new(FIREFOX_WINDOWS, "203.0.113.9")).await;
    let secret = kratos.enable_totp(&login.token).await;
    sign_in_browser(env, email).await;
    (login.id(), secret)
}

ory_scenario!(
    /// This device and the others with Kratos's own device records: browser,
    /// OS, masked IP, the Cloudflare location or "Location unknown".
    sessions_and_devices, |env| {
        let kratos = env.ory();
        let email = "ada@example.com";
        kratos.create_identity(email).await;
        kratos.api_login(email, &Device::new(FIREFOX_WINDOWS, "203.0.113.42").at("Berlin", "DE")).await;
        kratos.api_login(email, &Device::new(SAFARI_IPHONE, "198.51.100.7")).await;
        sign_in_browser(env, email).await;
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
    /// An aal1 session of an identity with TOTP: whoami's 403 sends the
    /// browser to Kratos's AAL2 login; the code there brings it back to the
    /// page, now at two steps.
    second_factor_required_then_step_up, |env| {
        let (_, secret) = totp_identity(env, "eli@example.com").await;
        env.open_app().await;
        on_sign_in_page(env, "Second factor").await;
        submit(env, "totp_code", &totp::code(&secret)).await;
        env.wait_text(".ks-current .ks-aal", "2-step").await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, vec!["Firefox on Windows"]);
});

ory_scenario!(
    /// A maximum sign-in age: a session older than it re-authenticates
    /// through Kratos's `refresh=true` login (the password again), then the
    /// pending revoke is offered again and runs.
    max_age_re_authenticates_then_resumes, no_ory_tweak, r#"data-step-up-max-age="10s""#, |env| {
        let (_, others) = signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        open(env).await;
        // Kratos cannot backdate a sign-in: let this one grow older than 10 s.
        tokio::time::sleep(Duration::from_secs(11)).await;
        env.click(FIRST_REVOKE).await;
        env.click(".ks-confirm").await;
        on_sign_in_page(env, "Confirm it's you").await;
        assert_eq!(env.admin_session(&id(&others[0])).await["active"], true, "nothing ran before the step-up");
        submit(env, "password", PASSWORD).await;
        env.wait_text(".ks-dialog-title", "Sign out Firefox on Windows?").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-empty").await;
        assert_eq!(env.admin_session(&id(&others[0])).await["active"], false);
});

fn whoami_lets_aal1_in(opts: &mut ory_harness::KratosOptions) {
    opts.whoami_aal = "aal1";
}

ory_scenario!(
    /// The page's own AAL2 policy where Kratos lets aal1 in: revoking asks
    /// for the second factor through Kratos's `aal=aal2` login first.
    aal2_policy_asks_for_a_second_factor, whoami_lets_aal1_in, r#"data-step-up-aal="aal2""#, |env| {
        let (other, secret) = totp_identity(env, "fay@example.com").await;
        open(env).await;
        assert!(env.texts(".ks-current .ks-aal").await.is_empty(), "signed in with a password only");
        env.click(".ks-revoke-others").await;
        env.click(".ks-confirm").await;
        on_sign_in_page(env, "Second factor").await;
        assert_eq!(env.ory().admin_session(&other).await["active"], true, "nothing ran before the step-up");
        submit(env, "totp_code", &totp::code(&secret)).await;
        env.wait_text(".ks-dialog-title", "Sign out the other session?").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-empty").await;
        assert_eq!(env.ory().admin_session(&other).await["active"], false);
        env.wait_text(".ks-current .ks-aal", "2-step").await;
});

ory_scenario!(
    /// Sign out everywhere: the others through `DELETE /sessions`, then this
    /// device through the browser logout flow.
    sign_out_everywhere, |env| {
        let (me, others) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
        open(env).await;
        env.click(".ks-everywhere").await;
        env.wait_text(".ks-dialog-body", "All 2 other sessions end, then you'll be logged out on this device too.").await;
        env.click(".ks-confirm").await;
        env.wait_for(".ks-signed-out").await;
        assert_eq!(env.admin_session(&id(&me)).await["active"], false);
        for o in &others {
            assert_eq!(env.admin_session(&id(o)).await["active"], false);
        }
});

/// More than Kratos's largest page (1000).
const MANY: usize = 1003;

ory_scenario!(
    /// Past Kratos's page cap of 1000 sessions and its paging off-by-one:
    /// the honest total from X-Total-Count, "Load more", and every session
    /// exactly once when scrolled through.
    more_than_a_thousand_sessions, |env| {
        let kratos = env.ory();
        let email = "gus@example.com";
        kratos.create_identity(email).await;
        // One login at a time: concurrent ones fail on Kratos's SQLite, in
        // memory ("Could not update flow") and in a WAL file ("database is
        // locked") alike, as a single-writer database would in production.
        let started = std::time::Instant::now();
        let mut made = HashSet::new();
        for n in 0..MANY {
            let device = Device::new(&format!("curl/8.{n}"), "10.0.0.1");
            made.insert(kratos.api_login(email, &device).await.id());
        }
        eprintln!("{MANY} logins in {:.1?}", started.elapsed());
        assert_eq!(made.len(), MANY);
        sign_in_browser(env, email).await;
        open(env).await;
        // A full first page: more may follow, and the count says so.
        env.wait_text(".ks-revoke-others", "Sign out all 1000+ other sessions").await;
        env.click(".ks-load-more").await;
        env.wait_gone(".ks-load-more").await;
        env.wait_text(".ks-revoke-others", &format!("Sign out all {MANY} other sessions")).await;
        let list = "[data-ks-list=others]";
        let total = env.wait_for(list).await.attr("data-ks-total").await.unwrap();
        assert_eq!(total, Some(MANY.to_string()));
        // The list is a window over the rows: scroll through from the top
        // (Load more left the page at the end), collecting ids.
        env.client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        let mut seen = HashSet::new();
        let mut shown = 0;
        for _ in 0..400 {
            let ids = env
                .client
                .execute(
                    "window.scrollBy(0, window.innerHeight);
                     return [...document.querySelectorAll('[data-ks-list=others] > .ks-session')].map(r => r.dataset.sessionId);",
                    vec![],
                )
                .await
                .unwrap();
            for v in ids.as_array().unwrap() {
                seen.insert(v.as_str().unwrap().to_owned());
            }
            if seen.len() == shown && seen.len() >= MANY {
                break;
            }
            shown = seen.len();
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        assert_eq!(seen.len(), MANY, "every session once");
        assert_eq!(seen, made, "exactly the sessions Kratos made");
});

ory_scenario!(
    /// `cargo xtask demo --ory`'s data and sign-in: the demo person, signed
    /// in for real through Kratos's browser login flow on the demo sign-in
    /// page with the credentials it shows, lands on the page and sees their
    /// five other devices, newest first.
    demo_person_signs_in_through_the_sign_in_page, |env| {
        ory_harness::demo::seed(env.ory()).await;
        env.open_app().await;
        env.wait_for("a.ks-button").await.click().await.unwrap();
        on_sign_in_page(env, "Sign in").await;
        let hint = env.texts(".hint").await.join(" ");
        assert!(hint.contains(ory_harness::demo::EMAIL) && hint.contains(PASSWORD), "the demo credentials: {hint}");
        env.wait_for("#field-identifier").await.send_keys(ory_harness::demo::EMAIL).await.unwrap();
        submit(env, "password", PASSWORD).await;
        env.wait_for(".ks-current").await;
        assert_eq!(
            env.texts("[data-ks-list=others] .ks-device").await,
            ["Firefox on Windows", "Safari on iOS", "Chrome on Android", "Safari on iPadOS", "Chrome on Linux"]
        );
        let meta = env.texts("[data-ks-list=others] .ks-meta").await.join("\n");
        for expected in ["Berlin, DE", "Lisbon, PT", "Paris, FR", "Amsterdam, NL", "Location unknown"] {
            assert!(meta.contains(expected), "{expected} in {meta}");
        }
        env.screenshot("demo-ory-signed-in").await;
});
