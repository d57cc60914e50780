use serde_json::json;

use crate::support::{past, start, start_with, Checks, Dev, Seeded};
use kratos_dev::config::Pagination;

async fn with_others(dev: &Dev, n: usize) -> (Seeded, Vec<Seeded>) {
    let me = dev.user().await;
    let mut others = Vec::new();
    for i in 0..n {
        // Distinct creation times, oldest first.
        let days = i64::try_from(n - i).unwrap();
        let at = json!({ "authenticated_at": past(days), "expires_at": "2099-01-01T00:00:00Z" });
        others.push(dev.another(&me, at).await);
    }
    (me, others)
}

#[tokio::test]
async fn lists_other_active_sessions_newest_first() {
    let dev = start().await;
    let (me, others) = with_others(&dev, 3).await;
    dev.another(&me, json!({ "active": false })).await;
    dev.another(&me, json!({ "expires_at": "2020-01-01T00:00:00Z", "authenticated_at": "2019-01-01T00:00:00Z" })).await;
    let stranger = dev.user().await;

    let res = dev.public("GET", "/sessions").cookie(&me.cookie).send().await;
    assert_eq!(res.status, 200);
    res.schema_items("session");
    let ids: Vec<String> =
        res.json().as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();
    let expected: Vec<String> = others.iter().rev().map(|s| s.id.clone()).collect();
    assert_eq!(ids, expected);
    assert!(!ids.contains(&me.id) && !ids.contains(&stranger.id));
    assert_eq!(res.header("x-total-count"), Some("3"));
    assert!(!res.header("link").unwrap().is_empty());
    let first = &res.json()[0];
    assert!(first["identity"].get("recovery_addresses").is_none(), "the list embeds no addresses");
    assert!(first["devices"].is_array());
}

#[tokio::test]
async fn link_header_for_three_sessions_is_kratos_exact() {
    let dev = start().await;
    let (me, _) = with_others(&dev, 3).await;
    let res = dev.public("GET", "/sessions").token(&me.token).send().await;
    assert_eq!(
        res.header("link"),
        Some(r#"</sessions?page=0&page_size=3&page_token=eyJvZmZzZXQiOiIwIiwidiI6Mn0&per_page=3>; rel="first""#)
    );
}

#[tokio::test]
async fn unauthenticated_is_401() {
    let dev = start().await;
    let res = dev.public("GET", "/sessions").send().await;
    assert_eq!(res.status, 401);
    assert_eq!(res.json()["error"]["reason"], "No valid session cookie found.");
    assert!(res.json()["error"].get("id").is_none());
}

/// Follows `rel="next"` as a client would.
async fn walk(dev: &Dev, me: &Seeded, size: usize) -> Vec<String> {
    let mut seen = Vec::new();
    let mut path = format!("/sessions?page_size={size}");
    for _ in 0..10 {
        let res = dev.public("GET", &path).token(&me.token).send().await;
        for s in res.json().as_array().unwrap() {
            seen.push(s["id"].as_str().unwrap().to_owned());
        }
        let link = res.header("link").unwrap_or("").to_owned();
        match link.split(',').find(|l| l.ends_with("rel=\"next\"")) {
            Some(next) => path = next.trim_start_matches('<').split('>').next().unwrap().to_owned(),
            None => break,
        }
    }
    seen
}

#[tokio::test]
async fn pagination_is_off_by_one_like_kratos() {
    let dev = start().await;
    let (me, others) = with_others(&dev, 5).await;
    let seen = walk(&dev, &me, 2).await;
    // ory/kratos#3883: "next" from the first page returns the first page again,
    // and the oldest session is never reached.
    // Three pages of two: the first page twice, then the next two.
    assert_eq!(seen.len(), 6, "{seen:?}");
    assert_eq!(seen[0..2], seen[2..4]);
    assert!(!seen.contains(&others[0].id));
}

#[tokio::test]
async fn corrected_pagination_walks_everything() {
    let dev = start_with(|c| c.kratos_dev.pagination = Pagination::Corrected).await;
    let (me, others) = with_others(&dev, 5).await;
    let seen = walk(&dev, &me, 2).await;
    let expected: Vec<String> = others.iter().rev().map(|s| s.id.clone()).collect();
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn out_of_range_parameters_are_clamped_never_400() {
    let dev = start().await;
    let (me, _) = with_others(&dev, 2).await;
    for q in ["page_size=0", "page_size=99999", "page_size=x", "page=-4&per_page=x", "page_token=%%%"] {
        let res = dev.public("GET", &format!("/sessions?{q}")).token(&me.token).send().await;
        assert_eq!(res.status, 200, "{q}");
    }
    let res = dev.public("GET", "/sessions?page_size=99999").token(&me.token).send().await;
    assert!(res.header("link").unwrap().contains("page_size=2"), "total <= size: first link uses the total");
}
