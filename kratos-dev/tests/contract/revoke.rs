use serde_json::json;

use crate::support::{start, start_with, Checks};
use kratos_dev::config::RevokeCount;

#[tokio::test]
async fn revoking_another_session_keeps_the_row_inactive() {
    let dev = start().await;
    let me = dev.user().await;
    let other = dev.another(&me, json!({})).await;
    let third = dev.another(&me, json!({})).await;
    let res = dev.public("DELETE", &format!("/sessions/{}", other.id)).cookie(&me.cookie).send().await;
    assert_eq!(res.status, 204);
    assert!(res.body.is_empty());
    assert!(res.header("cache-control").is_none(), "no Cache-Control on DELETE");
    let listed = dev.public("GET", "/sessions").token(&me.token).send().await.json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], third.id.as_str());
    let admin = dev.admin("GET", &format!("/admin/sessions/{}", other.id)).send().await;
    assert_eq!(admin.json()["active"], false);
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&other.token).send().await.status, 401);
}

#[tokio::test]
async fn unknown_revoked_and_foreign_ids_are_204_and_change_nothing() {
    let dev = start().await;
    let me = dev.user().await;
    let stranger = dev.user().await;
    let revoked = dev.another(&me, json!({ "active": false })).await;
    for id in [uuid::Uuid::new_v4().to_string(), revoked.id.clone(), stranger.id.clone()] {
        let res = dev.public("DELETE", &format!("/sessions/{id}")).token(&me.token).send().await;
        assert_eq!(res.status, 204, "{id}");
    }
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&stranger.token).send().await.status, 200);
}

#[tokio::test]
async fn current_session_and_bad_ids_are_400() {
    let dev = start().await;
    let me = dev.user().await;
    let res = dev.public("DELETE", &format!("/sessions/{}", me.id)).token(&me.token).send().await;
    assert_eq!(res.status, 400);
    assert_eq!(res.json()["error"]["message"], "cannot revoke current session");
    assert!(res.json()["error"].get("reason").is_none());
    res.schema("errorGeneric");
    let res = dev.public("DELETE", "/sessions/BADUUID").token(&me.token).send().await;
    assert_eq!(res.status, 400);
    assert_eq!(res.json()["error"]["message"], r#"uuid: incorrect UUID length 7 in string "BADUUID""#);
}

#[tokio::test]
async fn whoami_as_the_id_is_whoami() {
    let dev = start().await;
    let me = dev.user().await;
    let res = dev.public("DELETE", "/sessions/whoami").token(&me.token).send().await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["id"], me.id.as_str());
}

#[tokio::test]
async fn unauthenticated_revoke_is_401_before_the_id_is_read() {
    let dev = start().await;
    let res = dev.public("DELETE", "/sessions/BADUUID").send().await;
    assert_eq!(res.status, 401);
    assert_eq!(res.json()["error"]["reason"], "No valid session cookie found.");
}

#[tokio::test]
async fn wrong_method_is_405_and_unknown_path_is_404_text() {
    let dev = start().await;
    let res = dev.public("GET", &format!("/sessions/{}", uuid::Uuid::new_v4())).send().await;
    assert_eq!(res.status, 405);
    let res = dev.public("PATCH", &format!("/sessions/{}/extend", uuid::Uuid::new_v4())).send().await;
    assert_eq!(res.status, 404);
    assert_eq!(res.body, "404 page not found\n");
    assert_eq!(res.header("content-type"), Some("text/plain; charset=utf-8"));
}

#[tokio::test]
async fn revoke_others_counts_matched_rows() {
    let dev = start().await;
    let me = dev.user().await;
    dev.another(&me, json!({})).await;
    dev.another(&me, json!({ "active": false })).await;
    let stranger = dev.user().await;
    let res = dev.public("DELETE", "/sessions").cookie(&me.cookie).send().await;
    assert_eq!(res.status, 200);
    assert_eq!(res.body, r#"{"count":2}"#, "the already-revoked row counts too, as on PostgreSQL/SQLite");
    assert_eq!(res.header("content-type"), Some("application/json; charset=utf-8"));
    assert!(res.header("set-cookie").is_none());
    res.schema("deleteMySessionsCount");
    assert_eq!(dev.public("GET", "/sessions/whoami").cookie(&me.cookie).send().await.status, 200);
    assert_eq!(dev.public("GET", "/sessions").token(&me.token).send().await.body, "[]");
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&stranger.token).send().await.status, 200);
    let again = dev.public("DELETE", "/sessions").cookie(&me.cookie).send().await;
    assert_eq!(again.body, r#"{"count":2}"#);
    let alone = dev.user().await;
    assert_eq!(dev.public("DELETE", "/sessions").token(&alone.token).send().await.body, r#"{"count":0}"#);
    assert_eq!(dev.public("DELETE", "/sessions").send().await.status, 401);
}

#[tokio::test]
async fn changed_count_mode_counts_only_active_rows() {
    let dev = start_with(|c| c.kratos_dev.revoke_count = RevokeCount::Changed).await;
    let me = dev.user().await;
    dev.another(&me, json!({})).await;
    dev.another(&me, json!({ "active": false })).await;
    assert_eq!(dev.public("DELETE", "/sessions").token(&me.token).send().await.body, r#"{"count":1}"#);
}

#[tokio::test]
async fn concurrent_revokes_and_lists_stay_consistent() {
    let dev = std::sync::Arc::new(start().await);
    let me = dev.user().await;
    let mut others = Vec::new();
    for _ in 0..20 {
        others.push(dev.another(&me, json!({})).await);
    }
    let mut tasks = Vec::new();
    for o in &others {
        let (dev, id, token) = (dev.clone(), o.id.clone(), me.token.clone());
        tasks.push(tokio::spawn(async move {
            let del = dev.public("DELETE", &format!("/sessions/{id}")).token(&token).send().await;
            let list = dev.public("GET", "/sessions").token(&token).send().await;
            assert_eq!(del.status, 204);
            let ids: Vec<String> =
                list.json().as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();
            assert!(!ids.contains(&id), "a revoked session was listed after its 204");
            assert_eq!(list.header("x-total-count").unwrap().parse::<usize>().unwrap(), ids.len());
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(dev.public("GET", "/sessions").token(&me.token).send().await.body, "[]");
}
