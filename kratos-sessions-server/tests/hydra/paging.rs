//! More grants than one of Hydra's pages: against the real Hydra (260
//! rows), and against a fake that pages like v2.3.0, wrong `Link` header
//! included, to see exactly which pages are asked for.

use std::time::Instant;

use axum::extract::RawQuery;
use axum::routing::get as route_get;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ory_harness::{AppSpec, Http, Jar};

use crate::failures::{fake_hydra, row};
use crate::support::*;

/// The offset in one of Hydra's v2 page tokens.
pub fn offset_of(token: &str) -> usize {
    let json = URL_SAFE_NO_PAD.decode(token).expect("base64url without padding");
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["v"], 2, "{v}");
    v["offset"].as_str().unwrap().parse().unwrap()
}

/// The `Link` header as v2.3.0 writes it: `page_size=1` everywhere and a
/// `next` one row too far. Following it would skip a row.
pub fn wrong_link(offset: usize, total: usize) -> String {
    let tok = |o: usize| URL_SAFE_NO_PAD.encode(format!(r#"{{"offset":"{o}","v":2}}"#));
    let last = total.saturating_sub(1) / 250 * 250;
    format!(
        "</admin/oauth2/auth/sessions/consent?page_size=1&page_token={}>; rel=\"first\",\
         </admin/oauth2/auth/sessions/consent?page_size=1&page_token={}>; rel=\"next\",\
         </admin/oauth2/auth/sessions/consent?page_size=1&page_token={}>; rel=\"last\"",
        tok(0),
        tok(offset + 251),
        tok(last + 1)
    )
}

fn stamp(i: usize) -> String {
    format!("2026-12-01T{:02}:{:02}:{:02}Z", 23 - i / 3600, 59 - (i / 60) % 60, 59 - i % 60)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_is_read_with_offsets_of_our_own() {
    let kratos = fake_kratos().await;
    // 600 grants of 600 clients, newest first as Hydra orders them.
    let rows: Vec<_> = (0..600).map(|i| row(&format!("c-{i:03}"), &stamp(i))).collect();
    let hydra = fake_hydra(rows, None).await;
    let server = start(config(&kratos.url, &hydra.served.url)).await;
    let http = Http::default();
    let res = get(&http, &server.url, "/apps", "token-ada").await.expect(200, "GET /apps");
    let apps = res.json()["apps"].as_array().unwrap().clone();
    assert_eq!(apps.len(), 600, "every row of every page");
    assert_eq!(apps[0]["client_id"], "c-000");
    assert_eq!(apps[599]["client_id"], "c-599");
    assert!(!res.body.contains("leak@example.com"));
    let pages: Vec<(String, Option<usize>)> = hydra
        .calls
        .all()
        .iter()
        .map(|c| {
            let q = c.split_once('?').unwrap().1;
            let pairs: Vec<(String, String)> = form_urlencoded::parse(q.as_bytes()).into_owned().collect();
            let v = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            assert_eq!(v("subject").as_deref(), Some("ada"));
            (v("page_size").unwrap(), v("page_token").map(|t| offset_of(&t)))
        })
        .collect();
    assert_eq!(pages, [("250".into(), None), ("250".into(), Some(250)), ("250".into(), Some(500))]);

    // DELETE /apps revokes all 600, each by its own id.
    let res = delete(&http, &server.url, "/apps", "token-ada").await.expect(200, "DELETE /apps");
    assert_eq!(res.json(), serde_json::json!({ "count": 600 }));
    assert_eq!(hydra.calls.all().iter().filter(|c| c.starts_with("DELETE")).count(), 600);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_shortened_by_expired_grants_is_not_the_end() {
    // Hydra counts rows before dropping expired ones from a page: page one
    // has 5 rows of 250, yet the total says a second page exists.
    let kratos = fake_kratos().await;
    let page = |q: RawQuery| async move {
        let second = q.0.unwrap_or_default().contains("page_token");
        let rows: Vec<_> = if second {
            (0..10).map(|i| row(&format!("second-{i}"), &stamp(100 + i))).collect()
        } else {
            (0..5).map(|i| row(&format!("first-{i}"), &stamp(i))).collect()
        };
        ([("x-total-count", "260")], axum::Json(rows))
    };
    let hydra = serve_router(Router::new().route("/admin/oauth2/auth/sessions/consent", route_get(page))).await;
    let server = start(config(&kratos.url, &hydra.url)).await;
    let res = get(&Http::default(), &server.url, "/apps", "token-ada").await.expect(200, "GET /apps");
    assert_eq!(res.json()["apps"].as_array().unwrap().len(), 15);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_hydra_with_more_than_one_page_of_grants() {
    let ory = ory().await;
    let a = ory.person("ada").await;
    // The oldest grant is the last row: only a second page has it.
    let first = ory.hydra.create_client(&AppSpec::new("first", "First")).await;
    ory.hydra.authorize(&Jar::default(), &first, &a.id, &cheap_grant(&["openid"])).await;
    let many = ory.hydra.create_client(&AppSpec::new("many", "Many")).await;
    let started = Instant::now();
    // One after another: Hydra on SQLite refuses concurrent consent
    // updates ("Unable to serialize access due to a concurrent update").
    let jar = Jar::default();
    for _ in 0..259 {
        let auth = ory.hydra.authorize(&jar, &many, &a.id, &cheap_grant(&["openid", "email"])).await;
        assert!(!auth.consent_skipped, "prompt=consent records a grant each time");
    }
    eprintln!("259 grants in {:?}", started.elapsed());
    assert_eq!(ory.hydra.consent_sessions(&a.id).await.len(), 260, "Hydra has 260 rows");
    let apps = ory.apps(&a).await;
    assert_eq!(ids(&apps), ["many", "first"]);
}
