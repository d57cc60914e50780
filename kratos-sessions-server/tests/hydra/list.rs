//! `GET /apps` against the real Hydra: one entry per client with its
//! latest grant, newest first, exactly the promised keys and nothing of
//! what Hydra's rows also carry.

use std::collections::BTreeSet;

use ory_harness::hydra::SESSION_CLAIM;
use ory_harness::{AppSpec, Grant, Jar};
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::support::*;

const KEYS: [&str; 11] = [
    "client_id",
    "name",
    "logo_uri",
    "client_uri",
    "policy_uri",
    "tos_uri",
    "scopes",
    "audiences",
    "granted_at",
    "offline",
    "remember_until",
];

fn at(v: &Value) -> OffsetDateTime {
    OffsetDateTime::parse(v.as_str().unwrap(), &Rfc3339).unwrap()
}

/// Hydra's latest `handled_at` for `client` in its raw rows.
fn latest_handled(rows: &[Value], client: &str) -> OffsetDateTime {
    rows.iter()
        .filter(|r| r["consent_request"]["client"]["client_id"] == client)
        .map(|r| at(&r["handled_at"]))
        .max()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_app_once_with_its_latest_grant_newest_first_and_nothing_else() {
    let ory = ory().await;
    let a = ory.person("ada").await;
    let calendar = AppSpec::demo("calendar", "Calendar");
    let audience = calendar.audience.clone();
    let grant = Grant { audiences: audience.clone(), remember_for: 3600, ..Grant::scopes(&["openid", "email"]) };
    ory.connect(&calendar, &a, &grant).await;
    let forgetful = AppSpec::new("forgetful", "Forgetful");
    ory.connect(&forgetful, &a, &Grant { remember: false, ..Grant::scopes(&["openid"]) }).await;
    // Granted twice with different scopes: two rows in Hydra, one app here.
    let notes = ory.hydra.create_client(&AppSpec::new("notes", "")).await;
    ory.hydra.grant(&notes, &a.id, &Grant::scopes(&["openid", "offline_access"])).await;
    ory.hydra.grant(&notes, &a.id, &Grant::scopes(&["openid", "offline_access", "email"])).await;
    let rows = ory.hydra.consent_sessions(&a.id).await;
    assert_eq!(rows.len(), 4, "Hydra keeps a row per grant");

    // The page authenticates with the browser's cookie here.
    let jar: Jar = ory.kratos.browser_login(&a.email, &ory_harness::Device::default()).await;
    let res = ory
        .http
        .req("GET", &format!("{}/apps", ory.server.url))
        .header("Origin", ORIGIN)
        .jar(&jar)
        .send()
        .await
        .expect(200, "GET /apps with the cookie");
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.header("cache-control"), Some("no-store"));
    let body = res.json();
    assert_eq!(body.as_object().unwrap().keys().collect::<Vec<_>>(), ["apps"]);
    let apps = body["apps"].as_array().unwrap();
    assert_eq!(ids(apps), ["notes", "forgetful", "calendar"], "newest grant first");
    for app in apps {
        let keys: BTreeSet<&str> = app.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(KEYS), "{app}");
    }
    let [n, f, c] = [&apps[0], &apps[1], &apps[2]];

    assert_eq!(n["name"], "notes", "an empty client_name shows the id");
    assert_eq!(n["scopes"], json!(["openid", "offline_access", "email"]), "the latest grant's scopes");
    assert_eq!(n["offline"], true);
    assert_eq!(n["audiences"], json!([]));
    assert_eq!(n["remember_until"], Value::Null, "remember_for 0: until revoked");
    assert_eq!([&n["logo_uri"], &n["client_uri"], &n["policy_uri"], &n["tos_uri"]], [&Value::Null; 4]);
    assert_eq!(at(&n["granted_at"]), latest_handled(&rows, "notes"));

    assert_eq!(f["name"], "Forgetful");
    assert_eq!(f["offline"], false);
    assert_eq!(f["remember_until"], f["granted_at"], "not remembered: asked again next time");

    assert_eq!(c["name"], "Calendar");
    assert_eq!(c["scopes"], json!(["openid", "email"]));
    assert_eq!(c["audiences"], json!(audience));
    assert_eq!(c["offline"], false);
    assert_eq!(c["logo_uri"], "https://calendar.example/logo.png");
    assert_eq!(c["client_uri"], "https://calendar.example/");
    assert_eq!(c["policy_uri"], "https://calendar.example/privacy");
    assert_eq!(c["tos_uri"], "https://calendar.example/terms");
    assert_eq!(at(&c["remember_until"]) - at(&c["granted_at"]), time::Duration::hours(1));
    assert_eq!(at(&c["granted_at"]), latest_handled(&rows, "calendar"));

    let text = res.body;
    for leak in [
        SESSION_CLAIM,
        "owner-that-must-not-leak",
        "contact-that-must-not-leak",
        "metadata-that-must-not-leak",
        "secret-",
        "127.0.0.1:9/callback",
        "challenge",
        &ory.hydra.admin,
    ] {
        assert!(!text.contains(leak), "{leak:?} leaked into {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_never_see_or_remove_each_others_apps() {
    let ory = ory().await;
    let (a, b) = ory.two_people().await;
    let shared = ory.hydra.create_client(&AppSpec::new("shared", "Shared")).await;
    let a_shared = ory.hydra.grant(&shared, &a.id, &Grant::default()).await;
    let b_shared = ory.hydra.grant(&shared, &b.id, &Grant::default()).await;
    let a_only = ory.connect(&AppSpec::new("a-only", "A only"), &a, &Grant::default()).await;
    ory.connect(&AppSpec::new("b-only", "B only"), &b, &Grant::default()).await;

    assert_eq!(ids(&ory.apps(&a).await), ["a-only", "shared"]);
    assert_eq!(ids(&ory.apps(&b).await), ["b-only", "shared"]);

    // B names A's client: only B's (absent) consent is revoked.
    ory.delete("/apps/a-only", &b).await.expect(204, "B deletes a-only");
    assert!(ory.active(&a_only.tokens.access_token).await);
    // B removes every app of B's: A keeps both of A's.
    let res = ory.delete("/apps", &b).await.expect(200, "B deletes all");
    assert_eq!(res.json(), json!({ "count": 2 }));
    assert_eq!(ids(&ory.apps(&a).await), ["a-only", "shared"]);
    assert_eq!(ids(&ory.apps(&b).await), Vec::<String>::new());
    assert!(ory.active(&a_shared.access_token).await && ory.active(a_shared.refresh_token.as_ref().unwrap()).await);
    assert!(!ory.active(&b_shared.access_token).await);
}
