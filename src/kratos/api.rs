//! What the page needs from Kratos, as a trait so component tests can put a
//! fake behind the page. [`Kratos`] is the real implementation.

use futures::future::LocalBoxFuture;
use futures::FutureExt;

use super::client::{Kratos, SessionsPage};
use super::error::ApiError;
use super::types::Session;

pub type ApiResult<T> = LocalBoxFuture<'static, Result<T, ApiError>>;

pub trait SessionsApi {
    /// `GET /sessions/whoami`
    fn whoami(&self) -> ApiResult<Session>;
    /// `GET /sessions`, page `page` (0-based) of `page_size`.
    fn other_sessions(&self, page: u32, page_size: u32) -> ApiResult<SessionsPage>;
    /// `DELETE /sessions/{id}`
    fn revoke(&self, id: String) -> ApiResult<()>;
    /// `DELETE /sessions`: Kratos's count of matched rows.
    fn revoke_others(&self) -> ApiResult<u64>;
    /// The browser logout flow, as JSON.
    fn logout(&self, return_to: Option<String>) -> ApiResult<()>;
}

impl SessionsApi for Kratos {
    fn whoami(&self) -> ApiResult<Session> {
        let k = self.clone();
        async move { k.whoami().await }.boxed_local()
    }

    fn other_sessions(&self, page: u32, page_size: u32) -> ApiResult<SessionsPage> {
        let k = self.clone();
        async move { k.other_sessions(page, page_size).await }.boxed_local()
    }

    fn revoke(&self, id: String) -> ApiResult<()> {
        let k = self.clone();
        async move { k.revoke(&id).await }.boxed_local()
    }

    fn revoke_others(&self) -> ApiResult<u64> {
        let k = self.clone();
        async move { k.revoke_others().await }.boxed_local()
    }

    fn logout(&self, return_to: Option<String>) -> ApiResult<()> {
        let k = self.clone();
        async move { k.logout(return_to.as_deref()).await }.boxed_local()
    }
}
