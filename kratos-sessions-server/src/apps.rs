//! The endpoints: the caller's apps (one per OAuth2 client they granted),
//! removing one or all of them, and ending their remembered OAuth2 logins.

use std::collections::HashMap;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{ApiError, Failure, Upstream};
use crate::hydra::ConsentRow;
use crate::kratos::Subject;
use crate::AppState;

/// One app as the page shows it: exactly these keys.
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct App {
    client_id: String,
    name: String,
    logo_uri: Option<String>,
    client_uri: Option<String>,
    policy_uri: Option<String>,
    tos_uri: Option<String>,
    scopes: Vec<String>,
    audiences: Vec<String>,
    granted_at: String,
    offline: bool,
    remember_until: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct AppList {
    apps: Vec<App>,
}

#[derive(Serialize)]
pub(crate) struct Count {
    count: usize,
}

/// `GET /apps`
pub(crate) async fn list(State(st): State<AppState>, Subject(subject): Subject) -> Result<Json<AppList>, ApiError> {
    let rows = st.hydra.consent_sessions(&subject).await?;
    Ok(Json(AppList { apps: apps(rows)? }))
}

/// `DELETE /apps/{client_id}` and `DELETE /apps/client/{client_id}`
pub(crate) async fn revoke(
    State(st): State<AppState>,
    Subject(subject): Subject,
    client: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(client) = client.map_err(|_| ApiError::bad_request("The client id in the path is not valid UTF-8."))?;
    st.hydra.revoke_consent(&subject, &client).await?;
    tracing::debug!(%client, "consent revoked");
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /apps`: one revocation per app rather than Hydra's `all=true`,
/// so a failure halfway can say how many apps lost access before it.
pub(crate) async fn revoke_all(State(st): State<AppState>, Subject(subject): Subject) -> Result<Json<Count>, ApiError> {
    let clients: Vec<String> =
        apps(st.hydra.consent_sessions(&subject).await?)?.into_iter().map(|a| a.client_id).collect();
    for (done, client) in clients.iter().enumerate() {
        st.hydra.revoke_consent(&subject, client).await.map_err(|e| e.after_revoking(done, clients.len()))?;
    }
    Ok(Json(Count { count: clients.len() }))
}

/// `DELETE /apps/logins`
pub(crate) async fn end_logins(State(st): State<AppState>, Subject(subject): Subject) -> Result<StatusCode, ApiError> {
    st.hydra.revoke_login_sessions(&subject).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Hydra lists one row per grant: a client granted twice has two. Each
/// client shows its latest grant, the most recently granted first.
pub(crate) fn apps(rows: Vec<ConsentRow>) -> Result<Vec<App>, ApiError> {
    let mut latest: HashMap<String, ConsentRow> = HashMap::new();
    for row in rows {
        let id = row.consent_request.client.client_id.clone();
        match latest.get(&id) {
            Some(kept) if kept.handled_at >= row.handled_at => {}
            _ => {
                latest.insert(id, row);
            }
        }
    }
    let mut rows: Vec<ConsentRow> = latest.into_values().collect();
    rows.sort_by(|a, b| {
        b.handled_at
            .cmp(&a.handled_at)
            .then_with(|| a.consent_request.client.client_id.cmp(&b.consent_request.client.client_id))
    });
    rows.into_iter().map(app).collect()
}

fn app(row: ConsentRow) -> Result<App, ApiError> {
    let c = row.consent_request.client;
    let offline = row.grant_scope.iter().any(|s| s == "offline" || s == "offline_access");
    // Not remembered: Hydra asks again at the next authorization, so the
    // consent was remembered until the moment it was given. 0 seconds is
    // Hydra's "until revoked".
    let remember_until = if !row.remember {
        Some(rfc3339(row.handled_at)?)
    } else if row.remember_for <= 0 {
        None
    } else {
        row.handled_at.checked_add(time::Duration::seconds(row.remember_for)).map(rfc3339).transpose()?
    };
    Ok(App {
        name: c.client_name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| c.client_id.clone()),
        client_id: c.client_id,
        logo_uri: web_url(c.logo_uri),
        client_uri: web_url(c.client_uri),
        policy_uri: web_url(c.policy_uri),
        tos_uri: web_url(c.tos_uri),
        granted_at: rfc3339(row.handled_at)?,
        scopes: row.grant_scope,
        audiences: row.grant_access_token_audience,
        offline,
        remember_until,
    })
}

fn rfc3339(t: OffsetDateTime) -> Result<String, ApiError> {
    t.format(&Rfc3339)
        .map_err(|_| ApiError::upstream(Upstream::Hydra, &Failure::Unexpected("a grant time out of range".into())))
}

/// Only http(s) URLs: the page puts these in `src` and `href`, and a
/// client's registration is not trusted to keep `javascript:` out.
fn web_url(u: Option<String>) -> Option<String> {
    let u = u?;
    let parsed = url::Url::parse(u.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| u.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(client: &str, handled_at: &str, scopes: &[&str], remember: bool, remember_for: i64) -> ConsentRow {
        serde_json::from_value(json!({
            "grant_scope": scopes,
            "grant_access_token_audience": null,
            "handled_at": handled_at,
            "remember": remember,
            "remember_for": remember_for,
            "session": { "id_token": { "email": "a@example.com" } },
            "consent_request": {
                "challenge": "secret-challenge",
                "client": { "client_id": client, "client_name": "", "logo_uri": "javascript:alert(1)",
                            "client_uri": "https://app.example/", "owner": "someone", "client_secret": "s",
                            "redirect_uris": ["https://app.example/cb"], "metadata": { "k": "v" } }
            }
        }))
        .unwrap()
    }

    #[test]
    fn latest_grant_per_client_newest_first() {
        let apps = apps(vec![
            row("a", "2026-12-01T10:00:00Z", &["openid"], true, 0),
            row("b", "2026-12-01T11:00:00Z", &["openid", "offline_access"], true, 3600),
            row("a", "2026-12-01T12:00:00.5Z", &["openid", "email"], false, 0),
        ])
        .unwrap();
        let v = serde_json::to_value(&apps).unwrap();
        assert_eq!(v[0]["client_id"], "a");
        assert_eq!(v[0]["scopes"], json!(["openid", "email"]));
        assert_eq!(v[0]["granted_at"], "2026-12-01T12:00:00.5Z");
        assert_eq!(v[0]["remember_until"], "2026-12-01T12:00:00.5Z", "not remembered");
        assert_eq!(v[0]["name"], "a", "an empty client_name falls back to the id");
        assert_eq!(v[0]["logo_uri"], json!(null), "javascript: never reaches the page");
        assert_eq!(v[0]["client_uri"], "https://app.example/");
        assert_eq!(v[0]["audiences"], json!([]));
        assert_eq!(v[1]["client_id"], "b");
        assert_eq!(v[1]["offline"], true);
        assert_eq!(v[1]["remember_until"], "2026-12-01T12:00:00Z");
        let text = v.to_string();
        for leak in ["secret-challenge", "someone", "email\":\"a@", "redirect_uris", "metadata", "client_secret"] {
            assert!(!text.contains(leak), "{leak} leaked: {text}");
        }
        let none = apps_of(vec![row("c", "2026-12-01T10:00:00Z", &[], true, 0)]);
        assert_eq!(none[0]["remember_until"], json!(null), "remembered until revoked");
    }

    fn apps_of(rows: Vec<ConsentRow>) -> serde_json::Value {
        serde_json::to_value(apps(rows).unwrap()).unwrap()
    }
}
