use serde_json::json;

use crate::support::{start, start_with, Checks};
use kratos_dev::config::RequiredAal;

#[tokio::test]
async fn without_credentials_401_has_no_id_and_sets_no_cookie() {
    let dev = start().await;
    let res = dev.public("GET", "/sessions/whoami").send().await;
    assert_eq!(res.status, 401);
    assert_eq!(
        res.body,
        r#"{"error":{"code":401,"status":"Unauthorized","reason":"No valid session credentials found in the request.","message":"The request could not be authorized"}}"#
    );
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.header("ory-error-id"), Some(""));
    assert_eq!(res.header("cache-control"), Some("private, no-cache, no-store, must-revalidate"));
    assert!(res.all("vary").iter().any(|v| v == "Cookie"));
    assert!(res.header("set-cookie").is_none());
    res.schema("errorGeneric");
}

#[tokio::test]
async fn cookie_works_with_every_method_and_names_the_identity() {
    let dev = start().await;
    let me = dev.user().await;
    for method in ["GET", "POST", "PUT", "DELETE"] {
        let res = dev.public(method, "/sessions/whoami").cookie(&me.cookie).send().await;
        assert_eq!(res.status, 200, "{method}");
        assert_eq!(res.header("x-kratos-authenticated-identity-id"), Some(me.identity.as_str()));
        assert!(res.header("set-cookie").is_none(), "no cookie for an up-to-date cookie");
        res.schema("session");
        assert_eq!(res.header("content-type"), Some("application/json; charset=utf-8"));
    }
}

#[tokio::test]
async fn body_has_addresses_and_no_secrets() {
    let dev = start().await;
    let me = dev.seed(json!({ "traits": { "email": "ada@example.com" } })).await;
    let body = dev.public("GET", "/sessions/whoami").token(&me.token).send().await.json();
    let identity = &body["identity"];
    assert_eq!(identity["recovery_addresses"][0]["value"], "ada@example.com");
    assert_eq!(identity["verifiable_addresses"][0]["value"], "ada@example.com");
    assert!(identity.get("metadata_public").is_some());
    assert!(identity.get("metadata_admin").is_none());
    assert!(identity.get("credentials").is_none());
    for secret in ["token", "logout_token", "identity_id", "nid", "created_at", "updated_at"] {
        assert!(body.get(secret).is_none(), "{secret} must not be serialised");
    }
    assert!(body["devices"].is_array());
}

#[tokio::test]
async fn token_resolution_order() {
    let dev = start().await;
    let me = dev.user().await;
    // X-Session-Token wins over an invalid Bearer.
    let res =
        dev.public("GET", "/sessions/whoami").token(&me.token).header("Authorization", "Bearer nope").send().await;
    assert_eq!(res.status, 200);
    // Bearer alone works, its scheme case-insensitive.
    let res =
        dev.public("GET", "/sessions/whoami").header("Authorization", &format!("bEaReR {}", me.token)).send().await;
    assert_eq!(res.status, 200);
    // Three parts is not a bearer header.
    let res =
        dev.public("GET", "/sessions/whoami").header("Authorization", &format!("Bearer {} x", me.token)).send().await;
    assert_eq!(res.status, 401);
    // A garbled cookie falls through to the bearer token.
    let res = dev
        .public("GET", "/sessions/whoami")
        .cookie("garbage")
        .header("Authorization", &format!("Bearer {}", me.token))
        .send()
        .await;
    assert_eq!(res.status, 200);
}

#[tokio::test]
async fn revoked_and_expired_sessions_are_401() {
    let dev = start().await;
    let me = dev.user().await;
    let expired =
        dev.seed(json!({ "expires_at": "2020-01-01T00:00:00Z", "authenticated_at": "2019-12-31T00:00:00Z" })).await;
    assert_eq!(expired.session["active"], false, "an expired session reads active:false");
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&expired.token).send().await.status, 401);
    let revoked = dev.another(&me, json!({ "active": false })).await;
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&revoked.token).send().await.status, 401);
}

#[tokio::test]
async fn cookie_is_reissued_once_after_an_extend_and_never_for_bearer() {
    let dev = start_with(|c| c.session.lifespan = "1h".into()).await;
    let me = dev.seed(json!({ "expires_at": time_in(600) })).await;
    let res = dev.admin("PATCH", &format!("/admin/sessions/{}/extend", me.id)).send().await;
    assert_eq!(res.status, 200);
    let res = dev.public("GET", "/sessions/whoami").cookie(&me.cookie).send().await;
    let cookies = res.all("set-cookie");
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let max_age: i64 = cookies[0].split("Max-Age=").nth(1).unwrap().split(';').next().unwrap().parse().unwrap();
    assert!((3595..=3600).contains(&max_age), "{max_age}");
    let res =
        dev.public("GET", "/sessions/whoami").header("Authorization", &format!("Bearer {}", me.token)).send().await;
    assert!(res.header("set-cookie").is_none());
}

fn time_in(secs: i64) -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::seconds(secs);
    t.format(&time::format_description::well_known::Rfc3339).unwrap()
}

#[tokio::test]
async fn aal_rules() {
    let dev = start().await;
    let aal1_with_factor = dev.seed(json!({ "second_factor": true })).await;
    let res = dev.public("GET", "/sessions/whoami").token(&aal1_with_factor.token).send().await;
    assert_eq!(res.status, 403);
    assert_eq!(res.error_id().as_deref(), Some("session_aal2_required"));
    let body = res.json();
    let to = format!("{}/self-service/login/browser?aal=aal2", dev.public.replace("127.0.0.1", "localhost"));
    assert_eq!(body["redirect_browser_to"], to);
    assert_eq!(body["error"]["details"]["redirect_browser_to"], to);
    assert_eq!(res.header("ory-error-id"), Some("session_aal2_required"));
    res.schema("errorGeneric");
    // The list applies the same rule; revoking does not.
    let res = dev.public("GET", "/sessions").token(&aal1_with_factor.token).send().await;
    assert_eq!(res.status, 403);
    let res = dev.public("DELETE", "/sessions").token(&aal1_with_factor.token).send().await;
    assert_eq!(res.status, 200);

    let aal2 = dev
        .seed(json!({ "second_factor": true, "authentication_methods": [{ "method": "password" }, { "method": "totp" }] }))
        .await;
    assert_eq!(aal2.session["authenticator_assurance_level"], "aal2");
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&aal2.token).send().await.status, 200);
    let no_factor = dev.user().await;
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&no_factor.token).send().await.status, 200);

    let lenient = start_with(|c| c.session.whoami.required_aal = RequiredAal::Aal1).await;
    let s = lenient.seed(json!({ "second_factor": true })).await;
    assert_eq!(lenient.public("GET", "/sessions/whoami").token(&s.token).send().await.status, 200);
}

#[tokio::test]
async fn request_id_is_echoed_in_errors() {
    let dev = start().await;
    let res = dev.public("GET", "/sessions").header("X-Request-ID", "req-42").send().await;
    assert_eq!(res.json()["error"]["request"], "req-42");
    assert_eq!(res.json()["error"]["reason"], "No valid session cookie found.");
}
