//! A client nobody here wrote: Ory's official Rust SDK calls kratos-dev and
//! deserialises every answer into its own types.

use ory_kratos_client::apis::configuration::Configuration;
use ory_kratos_client::apis::frontend_api as api;
use ory_kratos_client::models::PerformNativeLogoutBody;
use serde_json::json;

use crate::support::start;

#[tokio::test]
async fn official_sdk_round_trip() {
    let dev = start().await;
    let me = dev.seed(json!({ "traits": { "email": "sdk@example.com" } })).await;
    let a = dev.another(&me, json!({ "authentication_methods": [{ "method": "oidc", "provider": "github" }] })).await;
    dev.another(&me, json!({})).await;
    let config = Configuration {
        base_path: dev.public.clone(),
        // The SDK's logout call sends no Accept header, so Kratos answers
        // with a 303 that must not be followed off to the app.
        client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(),
        ..Configuration::new()
    };
    let cookie = format!("ory_kratos_session={}", me.cookie);

    let session = api::to_session(&config, Some(&me.token), None, None).await.unwrap();
    assert_eq!(session.id, me.id);
    let session = api::to_session(&config, None, Some(&cookie), None).await.unwrap();
    assert_eq!(session.identity.unwrap().traits.unwrap()["email"], "sdk@example.com");

    let list = api::list_my_sessions(&config, None, None, Some(1000), None, Some(&me.token), None).await.unwrap();
    assert_eq!(list.len(), 2);
    let oidc = list.iter().find(|s| s.id == a.id).unwrap();
    assert_eq!(oidc.authentication_methods.as_ref().unwrap()[0].provider.as_deref(), Some("github"));

    api::disable_my_session(&config, &a.id, Some(&me.token), None).await.unwrap();
    let count = api::disable_my_other_sessions(&config, None, Some(&cookie)).await.unwrap();
    assert_eq!(count.count, Some(2));

    let flow = api::create_browser_logout_flow(&config, Some(&cookie), None).await.unwrap();
    assert!(flow.logout_token.starts_with("ory_lo_"));
    api::update_logout_flow(&config, Some(&flow.logout_token), None, Some(&cookie)).await.unwrap();
    assert!(api::to_session(&config, Some(&me.token), None, None).await.is_err(), "logged out");

    let other = dev.user().await;
    api::perform_native_logout(&config, PerformNativeLogoutBody { session_token: other.token.clone() }).await.unwrap();
    let err =
        api::perform_native_logout(&config, PerformNativeLogoutBody { session_token: "ory_st_unknown".into() }).await;
    assert!(err.is_err());
}
