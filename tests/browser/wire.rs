//! The page's wire types against each backend's own answers (kratos-dev and
//! the real Kratos v1.3.1), as the browser receives them: what the serde
//! types read is what Kratos sends.

use kratos_sessions::kratos::client::page_token;
use kratos_sessions::kratos::types::{LogoutFlow, RevokedCount};
use kratos_sessions::kratos::{from_str, ApiError, Session};
use serde_json::{json, Value};

use crate::fixtures::{id, signed_in_with, CHROME_MAC, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::Env;

/// `fetch` from the page's browser (on Kratos's origin, with its cookie):
/// the status and the body's text.
async fn fetch(env: &Env, method: &str, path: &str) -> (u64, String) {
    let script = "const [url, method, done] = arguments;
        fetch(url, { method, credentials: 'include', headers: { Accept: 'application/json' } })
            .then((r) => r.text().then((t) => done([r.status, t])), (e) => done([0, String(e)]));";
    let out = env.client.execute_async(script, vec![json!(format!("{}{path}", env.kratos)), json!(method)]).await;
    let out: Value = out.expect("fetch");
    (out[0].as_u64().unwrap_or(0), out[1].as_str().unwrap_or_default().to_owned())
}

both!(wire_types_read_kratos_answers, |env| {
    let (me, others) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
    let (status, body) = fetch(env, "GET", "/sessions/whoami").await;
    assert_eq!(status, 200, "{body}");
    let whoami: Session = from_str(&body).expect("whoami reads as a Session");
    assert_eq!(whoami.id, id(&me));
    assert_eq!(whoami.devices[0].user_agent.as_deref(), Some(CHROME_MAC));
    assert_eq!(whoami.authenticator_assurance_level.as_deref(), Some("aal1"));
    assert!(!whoami.authentication_methods.is_empty() && whoami.expires_at.is_some());

    let (status, body) = fetch(env, "GET", &format!("/sessions?page_size=1000&page_token={}", page_token(0))).await;
    assert_eq!(status, 200, "{body}");
    let list: Vec<Session> = from_str(&body).expect("the list reads as sessions");
    let ids: Vec<&str> = list.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, others.iter().map(|o| o["session"]["id"].as_str().unwrap_or("")).collect::<Vec<_>>());
    assert_eq!(list[0].devices[0].location.as_deref(), Some("Berlin, DE"));

    let (status, body) = fetch(env, "GET", "/self-service/logout/browser").await;
    assert_eq!(status, 200, "{body}");
    let flow: LogoutFlow = from_str(&body).expect("a logout flow");
    assert!(flow.logout_url.contains("/self-service/logout?token="), "{}", flow.logout_url);

    let (status, body) = fetch(env, "DELETE", "/sessions").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(from_str::<RevokedCount>(&body), Some(RevokedCount { count: 2 }));

    env.client.delete_all_cookies().await.expect("sign out");
    let (status, body) = fetch(env, "GET", "/sessions/whoami").await;
    assert_eq!(ApiError::from_status(u16::try_from(status).unwrap_or(0), &body), ApiError::SignedOut, "{body}");
});
