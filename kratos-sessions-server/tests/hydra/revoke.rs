//! Removing access against the real Hydra: what is revoked is checked
//! where it matters, in Hydra's token introspection and token endpoint.

use ory_harness::{AppSpec, Grant, Jar};
use serde_json::json;

use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_one_app_revokes_its_tokens_and_nothing_else() {
    let ory = ory().await;
    let (a, b) = ory.two_people().await;
    let one = ory.hydra.create_client(&AppSpec::new("app-one", "App one")).await;
    let a_one = ory.hydra.grant(&one, &a.id, &Grant::default()).await;
    let b_one = ory.hydra.grant(&one, &b.id, &Grant::default()).await;
    let a_two = ory.connect(&AppSpec::new("app-two", "App two"), &a, &Grant::default()).await;
    let a_one_refresh = a_one.refresh_token.clone().unwrap();

    let res = ory.delete("/apps/app-one", &a).await;
    assert_eq!(res.status, 204, "{}", res.body);
    assert_eq!(res.body, "");

    assert!(!ory.active(&a_one.access_token).await, "A's access token for app-one");
    assert!(!ory.active(&a_one_refresh).await, "A's refresh token for app-one");
    let refresh = ory.hydra.refresh(&one, &a_one_refresh).await;
    assert_eq!(refresh.status, 400, "{}", refresh.body);
    assert_eq!(refresh.json()["error"], "invalid_grant");

    assert!(ory.active(&a_two.tokens.access_token).await, "A's other app");
    assert!(ory.active(a_two.tokens.refresh_token.as_ref().unwrap()).await);
    assert!(ory.active(&b_one.access_token).await, "B's tokens for the same client");
    ory.hydra.refresh(&one, b_one.refresh_token.as_ref().unwrap()).await.expect(200, "B still refreshes");

    assert_eq!(ids(&ory.apps(&a).await), ["app-two"]);
    assert_eq!(ids(&ory.apps(&b).await), ["app-one"]);
    // Idempotent, also for a client that never existed.
    ory.delete("/apps/app-one", &a).await.expect(204, "again");
    ory.delete("/apps/no-such-client", &a).await.expect(204, "unknown client");
    assert!(ory.active(&a_two.tokens.access_token).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_odd_client_id_is_one_client_id() {
    let ory = ory().await;
    let a = ory.person("ada").await;
    let odd = ory.connect(&AppSpec::new("x&all=true", "Odd"), &a, &Grant::default()).await;
    let odder = ory.connect(&AppSpec::new("a b/c?d#e+f%g", "Odder"), &a, &Grant::default()).await;
    let logins = ory.connect(&AppSpec::new("logins", "Named logins"), &a, &Grant::default()).await;
    let normal = ory.connect(&AppSpec::new("normal", "Normal"), &a, &Grant::default()).await;
    assert_eq!(ids(&ory.apps(&a).await), ["normal", "logins", "a b/c?d#e+f%g", "x&all=true"]);

    // As a browser sends it: `&` and `=` are plain path characters.
    ory.delete("/apps/x&all=true", &a).await.expect(204, "the odd id");
    assert!(!ory.active(&odd.tokens.access_token).await);
    assert!(ory.active(&normal.tokens.access_token).await, "not all=true");
    assert_eq!(ids(&ory.apps(&a).await), ["normal", "logins", "a b/c?d#e+f%g"]);

    // Percent-encoded, decoded once here and encoded again for Hydra.
    ory.delete("/apps/a%20b%2Fc%3Fd%23e%2Bf%25g", &a).await.expect(204, "the odder id");
    assert!(!ory.active(&odder.tokens.access_token).await);
    assert_eq!(ids(&ory.apps(&a).await), ["normal", "logins"]);

    // `/apps/logins` is the login-session route; the client named `logins`
    // goes through `/apps/client/{id}`.
    ory.delete("/apps/logins", &a).await.expect(204, "login sessions");
    assert!(ory.active(&logins.tokens.access_token).await, "the client `logins` is untouched");
    ory.delete("/apps/client/logins", &a).await.expect(204, "the client named logins");
    assert!(!ory.active(&logins.tokens.access_token).await);
    assert_eq!(ids(&ory.apps(&a).await), ["normal"]);
    assert!(ory.active(&normal.tokens.access_token).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ending_logins_then_removing_every_app() {
    let ory = ory().await;
    let (a, b) = ory.two_people().await;
    // One browser at Hydra for A: the first login is remembered, the next
    // ones are skipped.
    let jar = Jar::default();
    let mut apps = Vec::new();
    for id in ["one", "two", "three"] {
        let client = ory.hydra.create_client(&AppSpec::new(id, id)).await;
        let auth = ory.hydra.authorize(&jar, &client, &a.id, &Grant::default()).await;
        apps.push((client, auth.tokens.unwrap()));
    }
    let b_app = ory.connect(&AppSpec::new("bobs", "Bob's"), &b, &Grant::default()).await;
    assert_eq!(ory.hydra.start_login(&jar, &apps[0].0, &["openid"]).await["skip"], true, "Hydra remembers A's login");

    ory.delete("/apps/logins", &a).await.expect(204, "end A's Hydra logins");
    assert_eq!(ory.hydra.start_login(&jar, &apps[0].0, &["openid"]).await["skip"], false, "A must log in again");
    for (_, tokens) in &apps {
        assert!(ory.active(&tokens.access_token).await, "ending logins touches no token");
    }
    assert_eq!(ids(&ory.apps(&a).await).len(), 3, "nor any grant");

    let res = ory.delete("/apps", &a).await.expect(200, "remove all");
    assert_eq!(res.json(), json!({ "count": 3 }));
    assert_eq!(res.header("cache-control"), Some("no-store"));
    assert!(ory.apps(&a).await.is_empty());
    assert!(ory.hydra.consent_sessions(&a.id).await.is_empty());
    for (client, tokens) in &apps {
        assert!(!ory.active(&tokens.access_token).await);
        assert_eq!(ory.hydra.refresh(client, tokens.refresh_token.as_ref().unwrap()).await.status, 400);
    }
    assert!(ory.active(&b_app.tokens.access_token).await, "B keeps B's app");
    let res = ory.delete("/apps", &a).await.expect(200, "nothing left");
    assert_eq!(res.json(), json!({ "count": 0 }));
}
