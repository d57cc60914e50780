//! Paging and the windowed list. kratos-dev only: its paging modes (Kratos's
//! off-by-one or corrected) are a config switch; real Kratos's page cap past
//! 1000 sessions is ory::more_than_a_thousand_sessions.

use serde_json::json;

use crate::fixtures::signed_in_with;
use crate::support::{no_tweak, run_with, Tweak};
use kratos_dev::config::Pagination;

async fn load_everything(env: &crate::support::Env) {
    let (me, _) = signed_in_with(env, &[]).await;
    for i in 0..5 {
        env.seed(json!({ "identity_id": me["session"]["identity"]["id"], "expires_at": "2099-01-01T00:00:00Z",
            "authenticated_at": crate::fixtures::rfc3339(1_700_000_000 + i * 3600),
            "devices": [{ "user_agent": format!("curl/8.{i}.0"), "ip_address": "10.0.0.1" }] }))
            .await;
    }
    env.open_app().await;
    env.wait_for("[data-ks-list=others]").await;
    assert_eq!(env.texts("[data-ks-list=others] .ks-session").await.len(), 2);
    env.wait_text(".ks-revoke-others", "Sign out all 2+ other sessions").await;
    for expected in [4, 5] {
        env.click(".ks-load-more").await;
        let css = format!("[data-ks-list=others] .ks-session:nth-child({expected})");
        env.wait_for(&css).await;
    }
    env.wait_gone(".ks-load-more").await;
    let rows = env.client.find_all(fantoccini::Locator::Css("[data-ks-list=others] .ks-session")).await.unwrap();
    let mut ids = Vec::new();
    for row in rows {
        ids.push(row.attr("data-session-id").await.unwrap().unwrap());
    }
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!((ids.len(), unique.len()), (5, 5), "every session exactly once: {ids:?}");
}

fn corrected(cfg: &mut kratos_dev::Config) {
    cfg.kratos_dev.pagination = Pagination::Corrected;
}

fn with_total(cfg: &mut kratos_dev::Config) {
    cfg.serve.public.cors.exposed_headers = vec!["Content-Type".into(), "X-Total-Count".into()];
}

async fn paging_with(tweak: Tweak) {
    run_with(tweak, r#"data-page-size="2""#, Box::new(|env| Box::pin(load_everything(env)))).await;
}

/// Load more reaches every session despite Kratos's off-by-one paging.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_more_on_kratos_paging() {
    paging_with(no_tweak).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_more_on_corrected_paging() {
    paging_with(corrected).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_more_with_a_readable_total() {
    paging_with(with_total).await;
}

scenario!(
    /// A long list keeps only the rows near the viewport in the DOM, yet every
    /// row says where it is in the whole list, and scrolling reaches the end.
    long_lists_render_a_window, |env| {
        let (me, _) = signed_in_with(env, &[]).await;
        let total = 260;
        for i in 0..total {
            env.seed(json!({ "identity_id": me["session"]["identity"]["id"], "expires_at": "2099-01-01T00:00:00Z",
                "devices": [{ "user_agent": format!("curl/8.{i}.0"), "ip_address": "10.0.0.1" }] }))
                .await;
        }
        env.open_app().await;
        env.wait_for("[data-ks-list=others] .ks-session").await;
        let list = "[data-ks-list=others]";
        let ks_total = env.wait_for(list).await.attr("data-ks-total").await.unwrap();
        assert_eq!(ks_total.as_deref(), Some("260"));
        let rows = || async { env.client.find_all(fantoccini::Locator::Css(&format!("{list} > .ks-session"))).await.unwrap() };
        let shown = rows().await;
        assert!(shown.len() < 100, "only the rows near the viewport are in the DOM, not {}", shown.len());
        let first = &shown[0];
        assert_eq!(first.attr("aria-posinset").await.unwrap().as_deref(), Some("1"));
        assert_eq!(first.attr("aria-setsize").await.unwrap().as_deref(), Some("260"));
        env.client.execute("window.scrollTo(0, document.body.scrollHeight)", vec![]).await.unwrap();
        env.wait_for(&format!("{list} > .ks-session[aria-posinset='260']")).await;
        env.screenshot("long-list-end").await;
        let shown = rows().await;
        assert!(shown.len() < 100, "scrolled: still a window, not {} rows", shown.len());
        assert_eq!(shown.last().unwrap().attr("aria-setsize").await.unwrap().as_deref(), Some("260"));
});
