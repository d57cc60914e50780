use serde_json::json;

use crate::support::{start, start_with, Checks, Dev, Seeded};

const JSON: &str = "application/json";

async fn flow(dev: &Dev, me: &Seeded, query: &str) -> crate::support::Res {
    dev.public("GET", &format!("/self-service/logout/browser{query}"))
        .cookie(&me.cookie)
        .header("Accept", JSON)
        .send()
        .await
}

#[tokio::test]
async fn browser_flow_has_a_fixed_token_and_a_logout_url() {
    let dev = start().await;
    let me = dev.user().await;
    let a = flow(&dev, &me, "").await;
    assert_eq!(a.status, 200);
    a.schema("logoutFlow");
    let b = flow(&dev, &me, "").await;
    let (a, b) = (a.json(), b.json());
    assert_eq!(a["logout_token"], b["logout_token"]);
    let token = a["logout_token"].as_str().unwrap();
    assert!(token.starts_with("ory_lo_") && token.len() == 39);
    let url = a["logout_url"].as_str().unwrap();
    assert!(url.starts_with("http://localhost:"), "{url}");
    assert!(url.contains("/self-service/logout?token="), "{url}");
    assert!(url.ends_with(token));
}

#[tokio::test]
async fn json_logout_round_trip() {
    let dev = start().await;
    let me = dev.user().await;
    let url = flow(&dev, &me, "").await.json()["logout_url"].as_str().unwrap().to_owned();
    let path = &url[url.find("/self-service/").unwrap()..];
    let res = dev.public("GET", path).cookie(&me.cookie).header("Accept", JSON).send().await;
    assert_eq!(res.status, 204);
    let cleared = res.header("set-cookie").unwrap();
    assert!(cleared.starts_with("ory_kratos_session=") && cleared.contains("Max-Age=0"), "{cleared}");
    assert!(cleared.contains("Expires=Thu, 01 Jan 1970 00:00:01 GMT"));
    assert_eq!(dev.public("GET", "/sessions/whoami").cookie(&me.cookie).send().await.status, 401);
    // The session row is kept, inactive.
    assert_eq!(dev.admin("GET", &format!("/admin/sessions/{}", me.id)).send().await.json()["active"], false);
}

#[tokio::test]
async fn browser_logout_redirects_to_the_default_or_return_to() {
    let dev = start().await;
    let me = dev.user().await;
    let token = flow(&dev, &me, "").await.json()["logout_token"].as_str().unwrap().to_owned();
    let res = dev.public("GET", &format!("/self-service/logout?token={token}")).cookie(&me.cookie).send().await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), Some("http://localhost:8080/"));

    let me = dev.user().await;
    let body = flow(&dev, &me, "?return_to=http%3A%2F%2Flocalhost%3A8080%2Fbye").await.json();
    let url = body["logout_url"].as_str().unwrap();
    assert!(url.contains("?return_to=http%3A%2F%2Flocalhost%3A8080%2Fbye&token="), "{url}");
    let token = body["logout_token"].as_str().unwrap();
    let res = dev
        .public("GET", &format!("/self-service/logout?return_to=http%3A%2F%2Flocalhost%3A8080%2Fbye&token={token}"))
        .cookie(&me.cookie)
        .header("Accept", "*/*")
        .send()
        .await;
    assert_eq!(res.status, 303, "Accept: */* is browser mode");
    assert_eq!(res.header("location"), Some("http://localhost:8080/bye"));
}

#[tokio::test]
async fn logout_errors_json_and_browser() {
    let dev = start().await;
    let me = dev.user().await;
    let other = dev.user().await;
    let token = flow(&dev, &me, "").await.json()["logout_token"].as_str().unwrap().to_owned();

    let res = dev.public("GET", "/self-service/logout").cookie(&me.cookie).header("Accept", JSON).send().await;
    assert_eq!(
        (res.status, res.json()["error"]["reason"].as_str()),
        (400, Some("Please include a token in the URL query."))
    );
    let res = dev.public("GET", "/self-service/logout").cookie(&me.cookie).send().await;
    assert_eq!(res.status, 303);
    let location = res.header("location").unwrap().to_owned();
    assert!(location.contains("/self-service/errors/ui?id="), "{location}");
    let id = location.split("id=").nth(1).unwrap();
    let stored = dev.public("GET", &format!("/self-service/errors?id={id}")).send().await.json();
    assert_eq!(stored["error"]["reason"], "Please include a token in the URL query.");

    let res = dev.public("GET", &format!("/self-service/logout?token={token}")).header("Accept", JSON).send().await;
    assert_eq!((res.status, res.error_id().as_deref()), (401, Some("session_inactive")));
    assert_eq!(res.json()["error"]["reason"], "No active session was found in this request.");
    let mismatch = "Unable to log out because the logout token in the URL query does not match the session cookie.";
    let res = dev
        .public("GET", &format!("/self-service/logout?token={token}"))
        .cookie(&other.cookie)
        .header("Accept", JSON)
        .send()
        .await;
    assert_eq!((res.status, res.json()["error"]["reason"].as_str()), (403, Some(mismatch)));
    let res = dev
        .public("GET", &format!("/self-service/logout?token={token}invalid"))
        .cookie(&me.cookie)
        .header("Accept", JSON)
        .send()
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        dev.public("GET", "/sessions/whoami").cookie(&me.cookie).send().await.status,
        200,
        "failed logouts revoke nothing"
    );

    let res = dev.public("GET", "/self-service/logout/browser").header("Accept", JSON).send().await;
    assert_eq!((res.status, res.error_id().as_deref()), (401, Some("session_inactive")));
    assert_eq!(res.json()["error"]["message"], "request does not have a valid authentication session");
    let res = flow(&dev, &me, "?return_to=https%3A%2F%2Fwww.ory.com").await;
    assert_eq!((res.status, res.error_id().as_deref()), (400, Some("self_service_flow_return_to_forbidden")));
    assert_eq!(res.json()["error"]["reason"], r#"Requested return_to URL "https://www.ory.com" is not allowed."#);
}

#[tokio::test]
async fn disallowed_return_to_on_logout_fails_after_revoking() {
    let dev = start().await;
    let me = dev.user().await;
    let token = flow(&dev, &me, "").await.json()["logout_token"].as_str().unwrap().to_owned();
    let res = dev
        .public("GET", &format!("/self-service/logout?token={token}&return_to=https%3A%2F%2Fevil.example"))
        .cookie(&me.cookie)
        .header("Accept", JSON)
        .send()
        .await;
    assert_eq!(res.status, 400);
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&me.token).send().await.status, 401);
}

#[tokio::test]
async fn api_logout() {
    let dev = start().await;
    let me = dev.user().await;
    let body = json!({ "session_token": me.token });
    let res = dev.public("DELETE", "/self-service/logout/api").json_body(&body).send().await;
    assert_eq!(res.status, 204);
    assert!(res.header("set-cookie").is_none());
    assert_eq!(
        dev.public("DELETE", "/self-service/logout/api").json_body(&body).send().await.status,
        204,
        "repeat is 204"
    );
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&me.token).send().await.status, 401);

    let res =
        dev.public("DELETE", "/self-service/logout/api").json_body(&json!({ "session_token": "nope" })).send().await;
    assert_eq!(res.status, 403);
    assert_eq!(
        res.json()["error"]["reason"],
        "The provided Ory Session Token could not be found, is invalid, or otherwise malformed."
    );
    assert_eq!(dev.public("DELETE", "/self-service/logout/api").json_body(&json!({})).send().await.status, 403);
    let res = dev.public("DELETE", "/self-service/logout/api").header("Content-Type", JSON).send().await;
    assert_eq!(res.status, 400);
    assert_eq!(
        res.json()["error"]["reason"],
        "Unable to decode HTTP Request Body because its HTTP Header \"Content-Length\" is zero."
    );
    let res = dev
        .public("DELETE", "/self-service/logout/api")
        .header("Content-Type", "text/plain")
        .raw_body("x")
        .send()
        .await;
    assert_eq!(res.status, 400);
    let res =
        dev.public("DELETE", "/self-service/logout/api").header("Content-Type", JSON).raw_body("{nope").send().await;
    assert_eq!(res.status, 400);
    assert!(res.json()["error"]["reason"].as_str().unwrap().starts_with("Unable to decode JSON payload: "));
}

#[tokio::test]
async fn token_only_logout_revokes_nothing_yet_succeeds() {
    let dev = start().await;
    let me = dev.user().await;
    let body =
        dev.public("GET", "/self-service/logout/browser").token(&me.token).header("Accept", JSON).send().await.json();
    let token = body["logout_token"].as_str().unwrap();
    let res = dev
        .public("GET", &format!("/self-service/logout?token={token}"))
        .token(&me.token)
        .header("Accept", JSON)
        .send()
        .await;
    assert_eq!(res.status, 204);
    assert_eq!(
        dev.public("GET", "/sessions/whoami").token(&me.token).send().await.status,
        200,
        "Kratos quirk §9.2 step 4"
    );
}

#[tokio::test]
async fn logout_default_return_url_is_configurable() {
    let dev = start_with(|c| {
        c.selfservice.flows.logout.after.default_browser_return_url = Some("http://localhost:8080/signed-out".into())
    })
    .await;
    let me = dev.user().await;
    let token = flow(&dev, &me, "").await.json()["logout_token"].as_str().unwrap().to_owned();
    let res = dev.public("GET", &format!("/self-service/logout?token={token}")).cookie(&me.cookie).send().await;
    assert_eq!(res.header("location"), Some("http://localhost:8080/signed-out"));
}
