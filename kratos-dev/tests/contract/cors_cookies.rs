use crate::support::{start, start_with};

const APP: &str = "http://localhost:8080";

#[tokio::test]
async fn preflight_for_an_allowed_origin() {
    let dev = start().await;
    let res = dev
        .public("OPTIONS", &format!("/sessions/{}", uuid::Uuid::new_v4()))
        .header("Origin", APP)
        .header("Access-Control-Request-Method", "DELETE")
        .header("Access-Control-Request-Headers", "content-type,x-session-token")
        .send()
        .await;
    assert_eq!(res.status, 204);
    assert!(res.body.is_empty());
    assert_eq!(res.header("access-control-allow-origin"), Some(APP));
    assert_eq!(res.header("access-control-allow-methods"), Some("DELETE"));
    assert_eq!(res.header("access-control-allow-headers"), Some("content-type,x-session-token"));
    assert_eq!(res.header("access-control-allow-credentials"), Some("true"));
    assert!(res.header("access-control-max-age").is_none());
    assert!(res
        .all("vary")
        .contains(&"Origin, Access-Control-Request-Method, Access-Control-Request-Headers".to_string()));
}

#[tokio::test]
async fn preflight_refusals_are_204_without_allow_headers() {
    let dev = start().await;
    for (origin, method, headers) in
        [("https://evil.example", "DELETE", ""), (APP, "TRACE", ""), (APP, "DELETE", "x-not-allowed")]
    {
        let mut req =
            dev.public("OPTIONS", "/sessions").header("Origin", origin).header("Access-Control-Request-Method", method);
        if !headers.is_empty() {
            req = req.header("Access-Control-Request-Headers", headers);
        }
        let res = req.send().await;
        assert_eq!(res.status, 204);
        assert!(res.header("access-control-allow-origin").is_none(), "{origin} {method} {headers}");
    }
}

#[tokio::test]
async fn actual_requests_echo_the_origin_even_on_errors() {
    let dev = start().await;
    let res = dev.public("GET", "/sessions/whoami").header("Origin", APP).send().await;
    assert_eq!(res.status, 401);
    assert_eq!(res.header("access-control-allow-origin"), Some(APP));
    assert_eq!(res.header("access-control-expose-headers"), Some("Content-Type"));
    assert_eq!(res.header("access-control-allow-credentials"), Some("true"));
    assert!(res.all("vary").contains(&"Origin".to_string()));

    let res = dev.public("GET", "/sessions/whoami").header("Origin", "https://evil.example").send().await;
    assert_eq!(res.status, 401, "a disallowed origin is still processed");
    assert!(res.header("access-control-allow-origin").is_none());
    let res = dev.public("GET", "/sessions/whoami").send().await;
    assert!(res.header("access-control-allow-origin").is_none());
    assert!(res.all("vary").contains(&"Origin".to_string()));
}

#[tokio::test]
async fn exposed_headers_and_wildcards_are_configurable() {
    let dev = start_with(|c| {
        c.serve.public.cors.allowed_origins = vec!["https://*.example.com".into()];
        c.serve.public.cors.exposed_headers = vec!["Content-Type".into(), "link".into(), "x-total-count".into()];
        c.serve.public.cors.max_age = 600;
    })
    .await;
    let res = dev.public("GET", "/sessions").header("Origin", "https://app.example.com").send().await;
    assert_eq!(res.header("access-control-allow-origin"), Some("https://app.example.com"));
    assert_eq!(res.header("access-control-expose-headers"), Some("Content-Type, Link, X-Total-Count"));
    let res = dev
        .public("OPTIONS", "/sessions")
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "DELETE")
        .send()
        .await;
    assert_eq!(res.header("access-control-max-age"), Some("600"));
    let res = dev.public("GET", "/sessions").header("Origin", "https://example.com").send().await;
    assert!(res.header("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn disabled_cors_sends_nothing() {
    let dev = start_with(|c| c.serve.public.cors.enabled = false).await;
    let res = dev.public("GET", "/sessions/whoami").header("Origin", APP).send().await;
    assert!(res.header("access-control-allow-origin").is_none());
}

async fn sign_in_cookie(dev: &crate::support::Dev) -> String {
    let identity = dev.user().await.identity;
    let res = dev
        .public("POST", "/self-service/login/browser")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")
        .header("X-Forwarded-For", "203.0.113.5, 10.0.0.1")
        .header("Cf-Ipcity", "Oslo")
        .header("Cf-Ipcountry", "NO")
        .raw_body(&format!("identity={identity}&return_to=http%3A%2F%2Flocalhost%3A8080%2F"))
        .send()
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.header("location"), Some("http://localhost:8080/"));
    res.header("set-cookie").unwrap().to_owned()
}

#[tokio::test]
async fn sign_in_sets_kratos_cookie_and_records_the_device() {
    let dev = start().await;
    let cookie = sign_in_cookie(&dev).await;
    assert!(cookie.starts_with("ory_kratos_session="));
    assert!(cookie.contains("; Path=/; Expires="), "{cookie}");
    assert!(cookie.contains("; Max-Age=86"), "{cookie}");
    assert!(cookie.ends_with("; HttpOnly; SameSite=Lax"), "dev mode has no Secure: {cookie}");
    assert!(!cookie.contains("Domain="));
    let value = cookie.split(';').next().unwrap().trim_start_matches("ory_kratos_session=");
    let me = dev.public("GET", "/sessions/whoami").cookie(value).send().await.json();
    let device = &me["devices"][0];
    assert_eq!(device["ip_address"], "203.0.113.5");
    assert_eq!(device["location"], "Oslo, NO");
    assert!(device["user_agent"].as_str().unwrap().contains("Firefox/133.0"));
    let second = sign_in_cookie(&dev).await;
    assert_ne!(second.split(';').next(), cookie.split(';').next(), "every issue is a new value");
}

#[tokio::test]
async fn cookie_attributes_follow_config() {
    let dev = start_with(|c| {
        c.dev = false;
        c.session.cookie.same_site = "Strict".into();
        c.session.cookie.domain = Some("example.com".into());
        c.session.cookie.path = "/auth".into();
        c.session.cookie.persistent = false;
    })
    .await;
    let cookie = sign_in_cookie(&dev).await;
    assert!(cookie.contains("; Path=/auth; Domain=example.com; HttpOnly; Secure; SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Max-Age"));
}

#[tokio::test]
async fn login_page_honours_refresh_and_aal2() {
    let dev = start().await;
    let page = dev.public("GET", "/self-service/login/browser?return_to=http%3A%2F%2Flocalhost%3A8080%2F").send().await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Sign in"));
    let bad = dev.public("GET", "/self-service/login/browser?return_to=https%3A%2F%2Fevil.example").send().await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("is not allowed"));

    let me = dev.seed(serde_json::json!({ "second_factor": true })).await;
    // Signed in: a plain visit goes straight back.
    let res = dev.public("GET", "/self-service/login/browser").cookie(&me.cookie).send().await;
    assert_eq!(res.status, 303);
    let res = dev.public("GET", "/self-service/login/browser?aal=aal2").cookie(&me.cookie).send().await;
    assert!(res.body.contains("Second factor"));
    let res = dev
        .public("POST", "/self-service/login/browser")
        .cookie(&me.cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .raw_body("aal=aal2&code=12")
        .send()
        .await;
    assert_eq!(res.status, 400);
    let res = dev
        .public("POST", "/self-service/login/browser")
        .cookie(&me.cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .raw_body("aal=aal2&code=123456")
        .send()
        .await;
    assert_eq!(res.status, 303);
    let s = dev.public("GET", "/sessions/whoami").token(&me.token).send().await.json();
    assert_eq!(s["authenticator_assurance_level"], "aal2");
    assert_eq!(s["devices"].as_array().unwrap().len(), 1, "step-up appended a device");
    let methods: Vec<&str> =
        s["authentication_methods"].as_array().unwrap().iter().map(|m| m["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["password", "totp"]);
}

#[tokio::test]
async fn login_page_escapes_identity_traits() {
    let dev = start().await;
    dev.seed(serde_json::json!({ "traits": { "email": "<script>alert(1)</script>@x" } })).await;
    let page = dev.public("GET", "/self-service/login/browser").send().await;
    assert!(!page.body.contains("<script>alert"));
    assert!(page.body.contains("&lt;script&gt;"));
}
