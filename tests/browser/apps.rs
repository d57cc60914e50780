//! The Connected apps panel against the real Kratos v1.3.1, the real Hydra
//! v2.3.0 and the server half: apps connected through Hydra's own
//! authorization-code flow, and what a removal did checked in Hydra's
//! introspection and token endpoint, not only on screen.

use ory_harness::{AppSpec, ConnectedApp, Grant};

use crate::fixtures::{id, signed_in_with, FIREFOX_WINDOWS};
use crate::support::Env;

/// `Connected apps` scenarios: real Kratos, real Hydra, the server half.
macro_rules! apps_scenario {
    ($(#[$meta:meta])* $name:ident, |$env:ident| $body:block) => {
        $(#[$meta])*
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            $crate::support::run_ory_apps(Box::new(|$env| Box::pin(async move $body))).await;
        }
    };
}

fn row(client_id: &str) -> String {
    format!(".ks-app[data-client-id=\"{client_id}\"]")
}

/// `name`'s app, granted by the signed-in person (`me`), one second after
/// the previous one so the newest-first order is certain.
async fn connect(env: &Env, me: &serde_json::Value, spec: AppSpec, grant: Grant) -> ConnectedApp {
    let subject = me["session"]["identity"]["id"].as_str().unwrap();
    let app = env.hydra().connect_app(&spec, subject, &grant).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    app
}

/// Notes (with links and a logo that does not load), Calendar (no offline
/// access, an unknown scope) and Photos, granted in that order.
async fn three_apps(env: &Env, me: &serde_json::Value) -> [ConnectedApp; 3] {
    let notes = AppSpec {
        logo_uri: Some(format!("{}/no-such-logo.png", env.app)),
        client_uri: Some("https://notes.example/".into()),
        policy_uri: Some("https://notes.example/privacy".into()),
        ..AppSpec::new("notes", "Notes")
    };
    let calendar = AppSpec { scope: "openid email calendar.read".into(), ..AppSpec::new("calendar", "Calendar") };
    [
        connect(env, me, notes, Grant::scopes(&["openid", "email", "offline"])).await,
        connect(env, me, calendar, Grant::scopes(&["openid", "calendar.read"])).await,
        connect(env, me, AppSpec::new("photos", "Photos"), Grant::scopes(&["openid", "profile", "offline_access"]))
            .await,
    ]
}

apps_scenario!(
    /// Each app with what it may do in plain words, its links and its
    /// initial when the logo does not load; "Remove access" for one kills
    /// that app's tokens in Hydra and leaves the others' alive.
    list_then_remove_one_app, |env| {
        let (me, _) = signed_in_with(env, &[]).await;
        let [notes, calendar, photos] = three_apps(env, &me).await;
        env.open_app().await;
        env.wait_for(&row("notes")).await;
        assert_eq!(env.texts(".ks-app-name").await, ["Photos", "Calendar", "Notes"], "newest grant first");
        assert_eq!(
            env.texts(&format!("{} .ks-abilities li", row("notes"))).await,
            ["Sign you in", "See your email address", "Stay connected while you're away"]
        );
        assert_eq!(env.texts(&format!("{} .ks-abilities li", row("calendar"))).await, ["Sign you in", "calendar.read"]);
        assert_eq!(env.texts(&format!("{} .ks-app-links a", row("notes"))).await, ["Website", "Privacy policy"]);
        env.wait_text(&format!("{} .ks-app-badge", row("notes")), "N").await;
        let granted = env.texts(&format!("{} .ks-times", row("photos"))).await.join(" ");
        assert!(granted.starts_with("Access given"), "{granted}");
        env.screenshot("apps-listed").await;
        let violations = env.axe().await;
        assert!(violations.is_empty(), "axe found problems in the apps list: {violations:#?}");

        env.click(&format!("{} .ks-remove-app", row("calendar"))).await;
        env.wait_text(".ks-dialog-title", "Remove access for Calendar?").await;
        env.click(".ks-confirm").await;
        env.wait_gone(&row("calendar")).await;
        env.wait_text(".ks-notice[role=status]", "Calendar no longer has access.").await;
        assert_eq!(env.texts(".ks-app-name").await, ["Photos", "Notes"]);
        let hydra = env.hydra();
        assert!(!hydra.is_active(&calendar.tokens.access_token).await, "Calendar's access token is dead");
        assert!(hydra.is_active(&notes.tokens.access_token).await, "Notes still has access");
        assert!(hydra.is_active(&photos.tokens.access_token).await, "Photos still has access");
        let refresh = notes.tokens.refresh_token.clone().unwrap();
        assert_eq!(hydra.refresh(&notes.client, &refresh).await.status, 200, "Notes can still refresh");
});

apps_scenario!(
    /// "Remove all": every app's tokens die, and the panel says none is left.
    remove_all_apps, |env| {
        let (me, _) = signed_in_with(env, &[]).await;
        let apps = three_apps(env, &me).await;
        env.open_app().await;
        env.wait_for(&row("photos")).await;
        env.click(".ks-remove-all-apps").await;
        env.wait_text(".ks-dialog-title", "Remove access for all 3 apps?").await;
        env.click(".ks-confirm").await;
        env.wait_text(".ks-no-apps", "No apps have access to your account.").await;
        env.wait_text(".ks-notice[role=status]", "Removed access for 3 apps.").await;
        for app in &apps {
            assert!(!env.hydra().is_active(&app.tokens.access_token).await, "{}'s token is dead", app.client.client_id);
            let refresh = app.tokens.refresh_token.clone();
            if let Some(refresh) = refresh {
                assert_ne!(env.hydra().refresh(&app.client, &refresh).await.status, 200, "no refresh after removal");
            }
        }
        // A reload asks the server half again: still none.
        env.open_app().await;
        env.wait_text(".ks-no-apps", "No apps have access to your account.").await;
});

apps_scenario!(
    /// "Sign out everywhere" also ends every app's access and Hydra's
    /// remembered sign-ins, then logs out here.
    sign_out_everywhere_covers_apps, |env| {
        let (me, others) = signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        let notes = connect(env, &me, AppSpec::new("notes", "Notes"), Grant::default()).await;
        env.open_app().await;
        env.wait_for(&row("notes")).await;
        env.click(".ks-everywhere").await;
        let body = env.texts(".ks-dialog-body").await.join(" ");
        assert!(body.contains("Connected apps lose their access too."), "{body}");
        env.click(".ks-confirm").await;
        env.wait_for(".ks-signed-out").await;
        assert!(!env.hydra().is_active(&notes.tokens.access_token).await, "the app's token is dead");
        let subject = me["session"]["identity"]["id"].as_str().unwrap();
        assert!(env.hydra().consent_sessions(subject).await.is_empty(), "no consent left in Hydra");
        assert_eq!(env.admin_session(&id(&others[0])).await["active"], false);
        assert_eq!(env.admin_session(&id(&me)).await["active"], false);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hydra_down_keeps_the_sessions_and_claims_nothing() {
    // Hydra down behind the server half: the panel says so, the sessions
    // stay usable, and "Sign out everywhere" stops after the sessions with
    // the person still logged in here and told what did not happen.
    crate::support::run_ory_apps_with(
        false,
        Box::new(|env| {
            Box::pin(async move {
                let (me, others) = signed_in_with(env, &[FIREFOX_WINDOWS]).await;
                env.open_app().await;
                env.wait_for(".ks-apps-error").await;
                let error = env.texts(".ks-apps-error p").await.join(" ");
                assert!(
                    error.starts_with("Connected apps could not be loaded: the server had a problem (HTTP 50"),
                    "{error}"
                );
                assert_eq!(env.texts(".ks-apps-retry").await, ["Try again"]);
                assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, ["Firefox on Windows"]);
                env.screenshot("apps-hydra-down").await;
                let violations = env.axe().await;
                assert!(violations.is_empty(), "axe found problems in the apps error state: {violations:#?}");
                env.click(".ks-everywhere").await;
                env.click(".ks-confirm").await;
                env.wait_for(".ks-notice[role=alert]:not(:empty)").await;
                let alert = env.texts(".ks-notice[role=alert]").await.join(" ");
                assert!(
                    alert.starts_with("Your other sessions are signed out, but connected apps still have access:")
                        && alert.ends_with("You're still logged in here."),
                    "{alert}"
                );
                assert_eq!(env.admin_session(&id(&others[0])).await["active"], false, "the other session ended");
                assert_eq!(env.admin_session(&id(&me)).await["active"], true, "still logged in here");
                env.wait_for(".ks-current").await;
            })
        }),
    )
    .await;
}
