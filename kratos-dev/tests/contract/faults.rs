use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::{start, Checks};

#[tokio::test]
async fn status_and_body_for_the_next_n_requests() {
    let dev = start().await;
    let me = dev.user().await;
    let res = dev
        .admin("POST", "/dev/faults")
        .json_body(&json!({ "method": "GET", "path": "/sessions", "status": 502, "body": "{oops", "times": 2 }))
        .send()
        .await;
    assert_eq!(res.status, 201);
    for _ in 0..2 {
        let res =
            dev.public("GET", "/sessions").token(&me.token).header("Origin", "http://localhost:8080").send().await;
        assert_eq!((res.status, res.body.as_str()), (502, "{oops"));
        assert_eq!(res.header("access-control-allow-origin"), Some("http://localhost:8080"), "faults still carry CORS");
    }
    assert_eq!(dev.public("GET", "/sessions").token(&me.token).send().await.status, 200, "used up");
    // Other methods and paths are untouched.
    dev.admin("POST", "/dev/faults")
        .json_body(&json!({ "method": "DELETE", "path": "/sessions/*", "status": 500 }))
        .send()
        .await;
    assert_eq!(dev.public("GET", "/sessions/whoami").token(&me.token).send().await.status, 200);
    assert_eq!(dev.admin("GET", "/dev/faults").send().await.json().as_array().unwrap().len(), 1);
    // A preflight does not use up a fault meant for the DELETE.
    let pre = dev
        .public("OPTIONS", "/sessions/x")
        .header("Origin", "http://localhost:8080")
        .header("Access-Control-Request-Method", "DELETE")
        .send()
        .await;
    assert_eq!(pre.status, 204);
    let id = uuid::Uuid::new_v4();
    assert_eq!(dev.public("DELETE", &format!("/sessions/{id}")).token(&me.token).send().await.status, 500);
}

#[tokio::test]
async fn delay_and_dropped_connection() {
    let dev = start().await;
    let me = dev.user().await;
    dev.admin("POST", "/dev/faults").json_body(&json!({ "path": "/sessions/whoami", "delay_ms": 300 })).send().await;
    let t = Instant::now();
    let res = dev.public("GET", "/sessions/whoami").token(&me.token).send().await;
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(res.status, 200, "a delay alone still answers normally");

    dev.admin("POST", "/dev/faults").json_body(&json!({ "path": "/sessions", "drop_connection": true })).send().await;
    let raw = format!("GET /sessions HTTP/1.1\r\nHost: x\r\nX-Session-Token: {}\r\n\r\n", me.token);
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(dev.running.public_addr).await.unwrap();
    stream.write_all(raw.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let _ = stream.read_to_end(&mut buf).await;
    assert!(buf.is_empty(), "the connection closed without an answer: {:?}", String::from_utf8_lossy(&buf));
    assert_eq!(dev.public("GET", "/sessions").token(&me.token).send().await.status, 200);
}

#[tokio::test]
async fn clearing_and_validation() {
    let dev = start().await;
    dev.admin("POST", "/dev/faults")
        .json_body(&json!({ "path": "/sessions/whoami", "status": 500, "times": 5 }))
        .send()
        .await;
    assert_eq!(dev.admin("DELETE", "/dev/faults").send().await.status, 204);
    assert_eq!(dev.public("GET", "/sessions/whoami").send().await.status, 401);
    for bad in [
        json!({ "path": "sessions", "status": 500 }),
        json!({ "path": "/sessions", "status": 1000 }),
        json!({ "path": "/sessions", "status": 500, "times": 0 }),
        json!({ "path": "/sessions" }),
        json!({ "path": "/sessions", "status": 500, "bogus": true }),
    ] {
        let res = dev.admin("POST", "/dev/faults").json_body(&bad).send().await;
        assert_eq!(res.status, 400, "{bad}");
        res.schema("errorGeneric");
    }
}
