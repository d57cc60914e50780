//! The guards, with real Kratos and Hydra behind them: Origin on state
//! changes, CORS for the page only, the body limit, and authentication.

use ory_harness::{AppSpec, Device, Grant, Http, Kratos, KratosOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_changes_need_the_pages_exact_origin_and_cors_is_for_it_alone() {
    let ory = ory().await;
    let a = ory.person("ada").await;
    let app = ory.connect(&AppSpec::new("app", "App"), &a, &Grant::default()).await;
    let url = |p: &str| format!("{}{p}", ory.server.url);

    let foreign = [
        "http://evil.example",
        "null",
        "http://localhost:8080.evil.example",
        "http://localhost:808",
        "HTTP://LOCALHOST:8080",
    ];
    for (method, path) in [
        ("DELETE", "/apps/app"),
        ("DELETE", "/apps"),
        ("DELETE", "/apps/logins"),
        ("POST", "/apps"),
        ("PUT", "/apps/app"),
    ] {
        for origin in foreign {
            let res = ory
                .http
                .req(method, &url(path))
                .header("Origin", origin)
                .header("X-Session-Token", &a.token)
                .send()
                .await;
            envelope(&res, 403, "security_origin_not_allowed");
            assert!(res.header("access-control-allow-origin").is_none());
        }
        let res = ory.http.req(method, &url(path)).header("X-Session-Token", &a.token).send().await;
        envelope(&res, 403, "security_origin_not_allowed");
        let res = ory
            .http
            .req(method, &url(path))
            .header("Origin", ORIGIN)
            .header("Origin", "http://evil.example")
            .header("X-Session-Token", &a.token)
            .send()
            .await;
        envelope(&res, 403, "security_origin_not_allowed");
    }
    assert!(ory.active(&app.tokens.access_token).await, "nothing was revoked");
    assert_eq!(ids(&ory.apps(&a).await), ["app"]);

    // CORS: the page's origin gets credentials; another origin gets nothing.
    let res = get(&ory.http, &ory.server.url, "/apps", &a.token).await.expect(200, "GET");
    assert_eq!(res.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(res.header("access-control-allow-credentials"), Some("true"));
    assert!(res.all("vary").iter().any(|v| v.to_ascii_lowercase().contains("origin")), "{:?}", res.headers);
    let res = ory
        .http
        .req("GET", &url("/apps"))
        .header("Origin", "http://evil.example")
        .header("X-Session-Token", &a.token)
        .send()
        .await;
    assert!(
        res.header("access-control-allow-origin").is_none() && res.header("access-control-allow-credentials").is_none()
    );
    assert!(res.all("vary").iter().any(|v| v.to_ascii_lowercase().contains("origin")));
    // Errors carry CORS too, so the page can read them.
    let res = ory.http.req("GET", &url("/apps")).header("Origin", ORIGIN).send().await;
    envelope(&res, 401, "session_inactive");
    assert_eq!(res.header("access-control-allow-origin"), Some(ORIGIN));

    // The preflight a DELETE with X-Session-Token needs.
    let preflight = |origin: &'static str| {
        ory.http
            .req("OPTIONS", &url("/apps/app"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "DELETE")
            .header("Access-Control-Request-Headers", "content-type, x-session-token")
            .send()
    };
    let res = preflight(ORIGIN).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(res.header("access-control-allow-credentials"), Some("true"));
    let methods = res.header("access-control-allow-methods").unwrap().to_ascii_uppercase();
    assert!(methods.contains("GET") && methods.contains("DELETE"), "{methods}");
    let headers = res.header("access-control-allow-headers").unwrap().to_ascii_lowercase();
    assert!(headers.contains("content-type") && headers.contains("x-session-token"), "{headers}");
    let res = preflight("http://evil.example").await;
    assert!(res.header("access-control-allow-origin").is_none());
    assert!(ory.active(&app.tokens.access_token).await, "a preflight does nothing");

    // Probes need no session and no origin.
    let res = ory.http.req("GET", &url("/health")).send().await.expect(200, "health");
    assert_eq!(res.json(), serde_json::json!({ "status": "ok" }));
    envelope(&ory.http.req("GET", &url("/nope")).send().await, 404, "not_found");
    envelope(&get(&ory.http, &ory.server.url, "/apps/logins", &a.token).await, 405, "method_not_allowed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_limit_is_413_before_anything_is_done() {
    let ory = ory().await;
    let a = ory.person("ada").await;
    let app = ory.connect(&AppSpec::new("app", "App"), &a, &Grant::default()).await;
    let big = "x".repeat(2048);
    for path in ["/apps/app", "/apps"] {
        let res = ory
            .http
            .req("DELETE", &format!("{}{path}", ory.server.url))
            .header("Origin", ORIGIN)
            .header("X-Session-Token", &a.token)
            .header("Content-Type", "application/json")
            .body_text(&big)
            .send()
            .await;
        envelope(&res, 413, "payload_too_large");
        assert_eq!(res.header("access-control-allow-origin"), Some(ORIGIN));
    }
    // Chunked, with no Content-Length to refuse up front.
    let addr = ory.server.url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let mut req = format!(
        "DELETE /apps/app HTTP/1.1\r\nHost: {addr}\r\nOrigin: {ORIGIN}\r\nX-Session-Token: {}\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        a.token
    );
    for _ in 0..4 {
        req.push_str(&format!("200\r\n{}\r\n", "y".repeat(0x200)));
    }
    req.push_str("0\r\n\r\n");
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");

    assert!(ory.active(&app.tokens.access_token).await, "nothing was revoked");
    assert_eq!(ids(&ory.apps(&a).await), ["app"]);
    // A small body is no reason to refuse.
    let res = ory
        .http
        .req("DELETE", &format!("{}/apps/app", ory.server.url))
        .header("Origin", ORIGIN)
        .header("X-Session-Token", &a.token)
        .body_text("{}")
        .send()
        .await;
    assert_eq!(res.status, 204, "{}", res.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_session_is_401_and_an_aal1_session_of_an_aal2_identity_gets_kratos_own_403() {
    // Whoami decides before Hydra is asked: Hydra is not needed here.
    let kratos = Kratos::start(KratosOptions::default()).await;
    let server = start(config(&kratos.public, &closed_port())).await;
    let http = Http::default();

    let res = http.req("GET", &format!("{}/apps", server.url)).header("Origin", ORIGIN).send().await;
    let e = envelope(&res, 401, "session_inactive");
    assert_eq!(e["message"], "request does not have a valid authentication session");
    envelope(&get(&http, &server.url, "/apps", "ory_st_not-a-real-token").await, 401, "session_inactive");
    let res = http
        .req("DELETE", &format!("{}/apps", server.url))
        .header("Origin", ORIGIN)
        .header("Cookie", "ory_kratos_session=forged")
        .send()
        .await;
    envelope(&res, 401, "session_inactive");

    let email = "two-factor@example.com";
    kratos.create_identity(email).await;
    let first = kratos.api_login(email, &Device::default()).await;
    kratos.enable_totp(&first.token).await;
    let aal1 = kratos.api_login(email, &Device::default()).await;
    let direct = kratos
        .http
        .req("GET", &format!("{}/sessions/whoami", kratos.public))
        .header("X-Session-Token", &aal1.token)
        .send()
        .await
        .expect(403, "Kratos's own whoami");
    for (method, path) in ENDPOINTS {
        let res = call(&http, &server.url, method, path, &aal1.token).await;
        assert_eq!(res.status, 403, "{method} {path}: {}", res.body);
        assert_eq!(res.body, direct.body, "Kratos's body, unchanged");
        assert_eq!(res.json()["error"]["id"], "session_aal2_required");
        assert_eq!(res.header("content-type"), Some("application/json"));
    }

    // A revoked session is no session.
    kratos.revoke(&first.id()).await;
    envelope(&get(&http, &server.url, "/apps", &first.token).await, 401, "session_inactive");
}
