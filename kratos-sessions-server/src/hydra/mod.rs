//! Hydra's admin API, the three calls this server makes. The subject always
//! comes from Kratos's whoami, and every value goes into the query through
//! form encoding, so a client id such as `x&all=true` stays one value.

mod paging;
mod rows;

use std::time::Duration;

use axum::http::StatusCode;

pub(crate) use rows::ConsentRow;

use crate::error::{ApiError, Failure, Upstream};
use crate::upstream::{send, Answer};

pub(crate) struct Hydra {
    http: reqwest::Client,
    admin: String,
    timeout: Duration,
}

impl Hydra {
    pub fn new(http: reqwest::Client, hydra_admin: &str, timeout: Duration) -> Hydra {
        Hydra { http, admin: hydra_admin.to_owned(), timeout }
    }

    fn url(&self, path: &str, query: &[(&str, &str)]) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in query {
            q.append_pair(k, v);
        }
        format!("{}{path}?{}", self.admin, q.finish())
    }

    async fn call(&self, method: reqwest::Method, url: String) -> Result<Answer, ApiError> {
        send(Upstream::Hydra, self.timeout, self.http.request(method, url).header("Accept", "application/json")).await
    }

    /// Every consent-session row of `subject`: one per grant, any client,
    /// every page.
    pub async fn consent_sessions(&self, subject: &str) -> Result<Vec<ConsentRow>, ApiError> {
        let mut rows = Vec::new();
        let mut total: Option<usize> = None;
        for page in 0..paging::MAX_PAGES {
            let offset = page * paging::PAGE_SIZE;
            let size = paging::PAGE_SIZE.to_string();
            let token = paging::token(offset);
            let mut query = vec![("subject", subject), ("page_size", size.as_str())];
            if offset > 0 {
                query.push(("page_token", token.as_str()));
            }
            let answer =
                self.call(reqwest::Method::GET, self.url("/admin/oauth2/auth/sessions/consent", &query)).await?;
            if answer.status != StatusCode::OK {
                return Err(ApiError::upstream(Upstream::Hydra, &answer.unexpected()));
            }
            let page_rows: Vec<ConsentRow> = serde_json::from_slice(&answer.body).map_err(|e| {
                tracing::warn!(error = %e, "Hydra's consent sessions did not parse");
                ApiError::upstream(Upstream::Hydra, &Failure::Unexpected("consent sessions it could not read".into()))
            })?;
            let reported = answer
                .headers
                .get("x-total-count")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<usize>().ok());
            total = total.max(reported);
            let len = page_rows.len();
            rows.extend(page_rows);
            if !paging::more(offset + paging::PAGE_SIZE, total, len) {
                return Ok(rows);
            }
        }
        tracing::warn!(pages = paging::MAX_PAGES, "Hydra kept reporting more consent sessions");
        Err(ApiError::upstream(
            Upstream::Hydra,
            &Failure::Unexpected("more consent sessions than can be listed".into()),
        ))
    }

    /// Revokes `subject`'s consent for `client`: Hydra deletes the grants
    /// and revokes their access and refresh tokens. 204 also when there was
    /// nothing to revoke.
    pub async fn revoke_consent(&self, subject: &str, client: &str) -> Result<(), ApiError> {
        let url = self.url("/admin/oauth2/auth/sessions/consent", &[("subject", subject), ("client", client)]);
        self.expect_no_content(self.call(reqwest::Method::DELETE, url).await?)
    }

    /// Ends `subject`'s remembered Hydra login sessions ("remember me" at
    /// the OAuth2 login). Tokens stay valid, and without a session id Hydra
    /// runs no back-channel logout.
    pub async fn revoke_login_sessions(&self, subject: &str) -> Result<(), ApiError> {
        let url = self.url("/admin/oauth2/auth/sessions/login", &[("subject", subject)]);
        self.expect_no_content(self.call(reqwest::Method::DELETE, url).await?)
    }

    fn expect_no_content(&self, answer: Answer) -> Result<(), ApiError> {
        match answer.status {
            StatusCode::NO_CONTENT | StatusCode::OK => Ok(()),
            _ => {
                // Hydra's error body stays in the log, never in the answer.
                tracing::warn!(status = %answer.status, body = %String::from_utf8_lossy(&answer.body), "Hydra refused a revocation");
                Err(ApiError::upstream(Upstream::Hydra, &answer.unexpected()))
            }
        }
    }
}
