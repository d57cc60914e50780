//! Kratos or Hydra down, slow or failing: a 502/503 that names which
//! service, never its URL or its answer, and never a success that did not
//! happen.

use std::time::Instant;

use axum::extract::{RawQuery, State};
use axum::http::{Method, StatusCode, Uri};
use axum::routing::any;
use axum::Router;
use ory_harness::{Http, Kratos, KratosOptions};

use crate::support::*;

fn assert_private(res: &ory_harness::Res, hidden: &[&str]) {
    for h in hidden {
        assert!(!res.body.contains(h), "{h:?} leaked: {}", res.body);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hydra_down_slow_or_failing() {
    let kratos = Kratos::start(KratosOptions::default()).await;
    kratos.create_identity("ada@example.com").await;
    let token = kratos.api_login("ada@example.com", &ory_harness::Device::default()).await.token;
    let http = Http::default();

    let down = closed_port();
    let server = start(config(&kratos.public, &down)).await;
    for (method, path) in ENDPOINTS {
        let res = call(&http, &server.url, method, path, &token).await;
        let e = envelope(&res, 503, "oauth2_service_unavailable");
        assert_eq!(e["reason"], "The OAuth2 service could not be reached.");
        assert_private(&res, &[&down, "127.0.0.1"]);
    }

    let slow = silent().await;
    let server = start(config(&kratos.public, &slow.url).with_timeout(SHORT).unwrap()).await;
    for (method, path) in ENDPOINTS {
        let started = Instant::now();
        let res = call(&http, &server.url, method, path, &token).await;
        let e = envelope(&res, 503, "oauth2_service_unavailable");
        assert_eq!(e["reason"], "The OAuth2 service did not answer within 400 ms.");
        assert!(started.elapsed() < SHORT * 5, "{:?}", started.elapsed());
    }

    // Hydra's error bodies stay out of the answer.
    let secret = "hydra-internal-detail http://hydra-admin.internal:4445/";
    let failing =
        serve_router(Router::new().fallback(move || async move { (StatusCode::INTERNAL_SERVER_ERROR, secret) })).await;
    let server = start(config(&kratos.public, &failing.url)).await;
    for (method, path) in ENDPOINTS {
        let res = call(&http, &server.url, method, path, &token).await;
        let e = envelope(&res, 502, "oauth2_service_error");
        assert_eq!(e["reason"], "The OAuth2 service answered unexpectedly (status 500).");
        assert_private(&res, &[secret, "hydra-admin", &failing.url]);
    }
    // A 200 that is not a list is no list.
    let garbled = serve_router(Router::new().fallback(|| async { "[{\"not\": \"a consent session\"}]" })).await;
    let server = start(config(&kratos.public, &garbled.url)).await;
    envelope(&call(&http, &server.url, "GET", "/apps", &token).await, 502, "oauth2_service_error");
    envelope(&call(&http, &server.url, "DELETE", "/apps", &token).await, 502, "oauth2_service_error");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kratos_down_slow_or_failing() {
    let http = Http::default();
    let hydra = fake_hydra(vec![], None).await;
    let down = closed_port();
    let server = start(config(&down, &hydra.served.url)).await;
    for (method, path) in ENDPOINTS {
        let res = call(&http, &server.url, method, path, "token-ada").await;
        let e = envelope(&res, 503, "identity_service_unavailable");
        assert_eq!(e["reason"], "The identity service could not be reached.");
        assert_private(&res, &[&down]);
    }
    let slow = silent().await;
    let server = start(config(&slow.url, &hydra.served.url).with_timeout(SHORT).unwrap()).await;
    let res = call(&http, &server.url, "DELETE", "/apps", "token-ada").await;
    assert_eq!(
        envelope(&res, 503, "identity_service_unavailable")["reason"],
        "The identity service did not answer within 400 ms."
    );
    let failing =
        serve_router(Router::new().fallback(|| async { (StatusCode::BAD_GATEWAY, "kratos internals") })).await;
    let server = start(config(&failing.url, &hydra.served.url)).await;
    let res = call(&http, &server.url, "GET", "/apps", "token-ada").await;
    envelope(&res, 502, "identity_service_error");
    assert_private(&res, &["kratos internals"]);
    assert!(hydra.calls.all().is_empty(), "Hydra is never asked without a subject: {:?}", hydra.calls.all());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoke_all_that_fails_halfway_says_how_many_were_revoked() {
    let kratos = fake_kratos().await;
    let rows = (1..=3).map(|i| row(&format!("app-{i}"), &format!("2026-12-01T10:00:0{i}Z"))).collect();
    let hydra = fake_hydra(rows, Some("app-2")).await;
    let server = start(config(&kratos.url, &hydra.served.url)).await;
    let http = Http::default();
    let res = call(&http, &server.url, "DELETE", "/apps", "token-ada").await;
    let e = envelope(&res, 502, "oauth2_service_error");
    assert_eq!(e["revoked"], 1);
    assert_eq!(
        e["reason"],
        "Revoked 1 of 3 apps before this failure: The OAuth2 service answered unexpectedly (status 500)."
    );
    let deletes: Vec<String> = hydra.calls.all().into_iter().filter(|c| c.starts_with("DELETE")).collect();
    assert_eq!(
        deletes,
        [
            "DELETE /admin/oauth2/auth/sessions/consent?subject=ada&client=app-3",
            "DELETE /admin/oauth2/auth/sessions/consent?subject=ada&client=app-2",
        ],
        "newest first, and it stops at the failure"
    );
}

/// A consent-session row as Hydra writes it, with things that must not leak.
pub fn row(client: &str, handled_at: &str) -> serde_json::Value {
    serde_json::json!({
        "grant_scope": ["openid"],
        "grant_access_token_audience": null,
        "handled_at": handled_at,
        "remember": true,
        "remember_for": 0,
        "session": { "id_token": { "email": "leak@example.com" } },
        "consent_request": { "challenge": "c", "client": { "client_id": client, "client_name": client, "owner": "o" } },
    })
}

pub struct FakeHydra {
    pub served: Served,
    pub calls: Calls,
}

/// A fake Hydra admin API over `rows`, paged as v2.3.0 pages (by
/// `page_size` and `page_token`, with its wrong `Link` header); a DELETE
/// for the client `fail_on` gets 500.
pub async fn fake_hydra(rows: Vec<serde_json::Value>, fail_on: Option<&'static str>) -> FakeHydra {
    #[derive(Clone)]
    struct St {
        rows: std::sync::Arc<Vec<serde_json::Value>>,
        fail_on: Option<&'static str>,
        calls: Calls,
    }
    async fn handle(State(st): State<St>, method: Method, uri: Uri, RawQuery(q): RawQuery) -> axum::response::Response {
        use axum::response::IntoResponse;
        st.calls.push(format!("{method} {uri}"));
        let q = q.unwrap_or_default();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(q.as_bytes()).into_owned().collect();
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        if method == Method::DELETE {
            if get("client").as_deref() == st.fail_on && st.fail_on.is_some() {
                return (StatusCode::INTERNAL_SERVER_ERROR, "{\"error\":\"boom\"}").into_response();
            }
            return StatusCode::NO_CONTENT.into_response();
        }
        let size: usize = get("page_size").and_then(|s| s.parse().ok()).unwrap_or(250);
        let offset = get("page_token").map(|t| crate::paging::offset_of(&t)).unwrap_or(0);
        let page: Vec<_> = st.rows.iter().skip(offset / size * size).take(size).cloned().collect();
        if st.rows.is_empty() {
            return axum::Json(page).into_response();
        }
        let link = crate::paging::wrong_link(offset, st.rows.len());
        ([("x-total-count", st.rows.len().to_string()), ("link", link)], axum::Json(page)).into_response()
    }
    let calls = Calls::default();
    let st = St { rows: std::sync::Arc::new(rows), fail_on, calls: calls.clone() };
    let router = Router::new()
        .route("/admin/oauth2/auth/sessions/consent", any(handle))
        .route("/admin/oauth2/auth/sessions/login", any(handle))
        .with_state(st);
    FakeHydra { served: serve_router(router).await, calls }
}
