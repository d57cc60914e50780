use serde_json::json;

use crate::support::{start_config, test_config};

#[tokio::test]
async fn acknowledged_changes_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kratos-dev.sqlite");
    let config = || {
        let mut cfg = test_config();
        cfg.kratos_dev.data = Some(data.to_string_lossy().into_owned());
        cfg
    };
    let dev = start_config(config()).await;
    let me = dev.seed(json!({ "traits": { "email": "kept@example.com" } })).await;
    let revoked = dev.another(&me, json!({})).await;
    let kept = dev.another(&me, json!({})).await;
    assert_eq!(dev.public("DELETE", &format!("/sessions/{}", revoked.id)).token(&me.token).send().await.status, 204);
    drop(dev);

    let dev = start_config(config()).await;
    let whoami = dev.public("GET", "/sessions/whoami").cookie(&me.cookie).send().await;
    assert_eq!(whoami.status, 200, "the cookie still works after a restart");
    assert_eq!(whoami.json()["identity"]["traits"]["email"], "kept@example.com");
    let ids: Vec<String> = dev
        .public("GET", "/sessions")
        .token(&me.token)
        .send()
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, vec![kept.id.clone()], "the revoke was not lost");
    let newer = dev.another(&me, json!({})).await;
    let listed = dev.public("GET", "/sessions").token(&me.token).send().await.json();
    assert_eq!(listed[0]["id"], newer.id.as_str(), "ordering continues after a restart");
}
