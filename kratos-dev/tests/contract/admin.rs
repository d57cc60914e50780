use serde_json::json;

use crate::support::{past, start, Checks};

#[tokio::test]
async fn get_session_defaults_and_expand() {
    let dev = start().await;
    let me = dev.user().await;
    let res = dev.admin("GET", &format!("/admin/sessions/{}", me.id)).send().await;
    assert_eq!(res.status, 200);
    res.schema("session");
    assert!(res.json()["identity"].is_null());
    assert_eq!(res.json()["devices"], json!([]));
    let res = dev.admin("GET", &format!("/admin/sessions/{}?expand=Identity&expand=Devices", me.id)).send().await;
    assert_eq!(res.json()["identity"]["id"], me.identity.as_str());
    assert!(res.json()["identity"].get("metadata_admin").is_some());
    assert!(res.json()["devices"].is_array());
    let res = dev.admin("GET", &format!("/admin/sessions/{}?expand=invalid", me.id)).send().await;
    assert_eq!(
        (res.status, res.json()["error"]["reason"].as_str()),
        (400, Some("Could not parse expand option: invalid"))
    );
    let res = dev.admin("GET", &format!("/admin/sessions/{}", uuid::Uuid::new_v4())).send().await;
    assert_eq!((res.status, res.json()["error"]["message"].as_str()), (404, Some("Unable to locate the resource")));
    // The admin listener adds /admin to paths that lack it.
    assert_eq!(dev.admin("GET", &format!("/sessions/{}", me.id)).send().await.status, 200);
}

#[tokio::test]
async fn cross_listener_redirects() {
    let dev = start().await;
    let res = dev.admin("GET", "/admin/sessions/whoami?x=1").send().await;
    assert_eq!(res.status, 307);
    assert!(res.header("location").unwrap().ends_with("/sessions/whoami?x=1"));
    let res = dev.admin("DELETE", "/admin/sessions").send().await;
    assert_eq!(res.status, 307);
    let id = uuid::Uuid::new_v4();
    let res = dev.public("DELETE", &format!("/admin/identities/{id}/sessions")).send().await;
    assert_eq!(res.status, 307);
    assert!(res.header("location").unwrap().ends_with(&format!("/admin/identities/{id}/sessions")));
}

#[tokio::test]
async fn revoke_keeps_the_row_and_extend_moves_expiry() {
    let dev = start().await;
    let me = dev.seed(json!({ "expires_at": "2099-01-01T00:00:00Z" })).await;
    let other = dev.user().await;
    assert_eq!(dev.admin("DELETE", &format!("/admin/sessions/{}", other.id)).send().await.status, 204);
    assert_eq!(dev.admin("GET", &format!("/admin/sessions/{}", other.id)).send().await.json()["active"], false);
    assert_eq!(
        dev.admin("DELETE", &format!("/admin/sessions/{}", other.id)).send().await.status,
        204,
        "already inactive"
    );
    assert_eq!(dev.admin("DELETE", "/admin/sessions/BADUUID").send().await.status, 400);
    assert_eq!(dev.admin("DELETE", &format!("/admin/sessions/{}", uuid::Uuid::new_v4())).send().await.status, 404);

    let short = dev.another(&me, json!({ "expires_at": past(-1) })).await;
    let res = dev.admin("PATCH", &format!("/admin/sessions/{}/extend", short.id)).send().await;
    assert_eq!(res.status, 200);
    res.schema("session");
    assert!(res.json()["expires_at"].as_str().unwrap() > short.session["expires_at"].as_str().unwrap());
    let res = dev.admin("PATCH", &format!("/admin/sessions/{}/extend", other.id)).send().await;
    assert_eq!(res.json()["active"], false, "extend does not re-activate");
    assert_eq!(dev.admin("PATCH", "/admin/sessions/BADUUID/extend").send().await.status, 400);
    assert_eq!(
        dev.admin("PATCH", &format!("/admin/sessions/{}/extend", uuid::Uuid::new_v4())).send().await.status,
        404
    );
}

#[tokio::test]
async fn list_sessions_keyset_pages() {
    let dev = start().await;
    let me = dev.user().await;
    for d in 1..=4 {
        dev.another(&me, json!({ "authenticated_at": past(d), "expires_at": "2099-01-01T00:00:00Z" })).await;
    }
    let res = dev.admin("GET", "/admin/sessions").send().await;
    assert_eq!(res.status, 200);
    res.schema_items("session");
    assert!(res.json()[0]["devices"].is_null() && res.json()[0]["identity"].is_null());
    let link = res.header("link").unwrap();
    assert!(!link.contains("rel=\"next\""));
    let token = link.split("page_token=").nth(1).unwrap().split('>').next().unwrap();
    use base64::Engine;
    let raw = String::from_utf8(base64::engine::general_purpose::STANDARD_NO_PAD.decode(token).unwrap()).unwrap();
    assert!(raw.contains("id=00000000-0000-0000-0000-000000000000"), "{raw}");

    let mut seen = Vec::new();
    let mut path = "/admin/sessions?page_size=2".to_string();
    loop {
        let res = dev.admin("GET", &path).send().await;
        seen.extend(res.json().as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()));
        let link = res.header("link").unwrap().to_owned();
        match link.split(',').find(|l| l.ends_with("rel=\"next\"")) {
            Some(next) => path = next.trim_start_matches('<').split('>').next().unwrap().to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    assert_eq!(seen[0], me.id, "newest first");

    let res = dev.admin("GET", "/admin/sessions?active=maybe").send().await;
    assert_eq!((res.status, res.json()["error"]["message"].as_str()), (400, Some("could not parse parameter active")));
    let res = dev.admin("GET", "/admin/sessions?page_token=@@@").send().await;
    assert_eq!(res.status, 400);
    let bogus =
        base64::engine::general_purpose::STANDARD_NO_PAD.encode("id=nope/created_at=2020-01-01 00:00:00.000000");
    let res = dev.admin("GET", &format!("/admin/sessions?page_token={bogus}")).send().await;
    assert_eq!(res.json()["error"]["reason"], "The page token is invalid, do not craft your own page tokens");
    let res = dev.admin("GET", "/admin/sessions?expand=devices").send().await;
    assert!(res.json()[0]["devices"].is_array());
}

#[tokio::test]
async fn identity_sessions_filter_and_hard_delete() {
    let dev = start().await;
    let me = dev.user().await;
    let revoked = dev.another(&me, json!({ "active": false })).await;
    let path = format!("/admin/identities/{}/sessions", me.identity);
    let all = dev.admin("GET", &path).send().await;
    all.schema_items("session");
    assert_eq!(all.json().as_array().unwrap().len(), 2);
    assert_eq!(all.header("x-total-count"), Some("2"));
    assert!(all.header("link").is_some());
    assert!(all.json()[0]["identity"].get("metadata_admin").is_some());
    let active = dev.admin("GET", &format!("{path}?active=true")).send().await.json();
    assert_eq!(active.as_array().unwrap().len(), 1);
    assert_eq!(active[0]["id"], me.id.as_str());
    let inactive = dev.admin("GET", &format!("{path}?active=false")).send().await.json();
    assert_eq!(inactive[0]["id"], revoked.id.as_str());
    assert_eq!(
        dev.admin("GET", &format!("/admin/identities/{}/sessions", uuid::Uuid::new_v4())).send().await.body,
        "[]"
    );
    assert_eq!(dev.admin("GET", "/admin/identities/BADUUID/sessions").send().await.status, 400);

    let res = dev.admin("DELETE", &path).send().await;
    assert_eq!(res.status, 204);
    assert!(res.header("content-type").is_none());
    assert_eq!(dev.admin("GET", &path).send().await.body, "[]");
    assert_eq!(dev.admin("GET", &format!("/admin/sessions/{}", me.id)).send().await.status, 404, "rows are gone");
    assert_eq!(dev.admin("DELETE", &path).send().await.status, 404);
    assert_eq!(dev.admin("DELETE", "/admin/identities/BADUUID/sessions").send().await.status, 400);
}

#[tokio::test]
async fn seeding_rejects_bad_input_with_kratos_400() {
    let dev = start().await;
    let res =
        dev.admin("POST", "/dev/sessions").header("Content-Type", "application/json").raw_body("{oops").send().await;
    assert_eq!(res.status, 400);
    res.schema("errorGeneric");
    assert!(res.json()["error"]["reason"].as_str().unwrap().starts_with("Unable to decode JSON payload"));
    let res = dev.admin("POST", "/dev/sessions").json_body(&json!({ "unknown_field": 1 })).send().await;
    assert_eq!(res.status, 400);
    let res =
        dev.admin("POST", "/dev/sessions").json_body(&json!({ "identity_id": uuid::Uuid::new_v4() })).send().await;
    assert_eq!(res.status, 404);
    let big = "x".repeat(200 * 1024);
    let res = dev.admin("POST", "/dev/sessions").header("Content-Type", "application/json").raw_body(&big).send().await;
    assert_eq!(res.status, 413, "bodies are bounded");
    let res = dev.public("GET", "/sessions/whoami").header("X-Big", &"y".repeat(100 * 1024)).send().await;
    assert_eq!(res.status, 431, "headers are bounded");
}
