//! The one outbound HTTP client, shared by the Kratos and Hydra calls, and
//! the rule that turns every way a call can go wrong into an [`ApiError`]
//! that names the service but never its URL or its answer's body.

use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use bytes::{Bytes, BytesMut};

use crate::error::{ApiError, Failure, Upstream};

/// No answer that this server reads is near this size (a full page of 250
/// consent rows is well under 1 MiB); a larger one is a misbehaving upstream.
const MAX_ANSWER_BYTES: usize = 16 << 20;

/// `timeout` bounds each call from connecting to the last byte of the body.
/// Redirects are not followed (neither Kratos's whoami nor Hydra's admin
/// API redirects, and following one could carry the caller's cookie
/// elsewhere), and proxy variables are ignored: Hydra's admin API is meant
/// to be reached directly on a private network.
pub(crate) fn client(timeout: Duration) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
}

/// An upstream's answer, whatever its status.
pub(crate) struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    /// The answer's status as the text an error reason can carry.
    pub fn unexpected(&self) -> Failure {
        Failure::Unexpected(format!("status {}", self.status.as_u16()))
    }
}

pub(crate) async fn send(
    upstream: Upstream,
    timeout: Duration,
    req: reqwest::RequestBuilder,
) -> Result<Answer, ApiError> {
    let failed = |e: reqwest::Error| {
        tracing::warn!(?upstream, error = %chain(&e), "upstream call failed");
        let failure = if e.is_timeout() { Failure::Timeout(timeout) } else { Failure::Unreachable };
        ApiError::upstream(upstream, &failure)
    };
    let mut res = req.send().await.map_err(failed)?;
    let status = res.status();
    let headers = res.headers().clone();
    let mut body = BytesMut::new();
    while let Some(chunk) = res.chunk().await.map_err(failed)? {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            tracing::warn!(?upstream, "upstream answer over {MAX_ANSWER_BYTES} bytes");
            return Err(ApiError::upstream(upstream, &Failure::Unexpected("an oversized answer".into())));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer { status, headers, body: body.freeze() })
}

/// reqwest's Display stops at "error sending request": the cause (refused,
/// reset, DNS) is in the source chain, which the log should carry.
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
