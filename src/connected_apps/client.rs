//! Calls to the server half, through the same transport as Kratos's: the
//! browser's session cookie goes along, and the server asks Kratos whose
//! it is.

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use gloo_net::http::Method;

use super::types::{AppList, ConnectedApp};
use crate::kratos::client::{encode_component, json, Kratos};
use crate::kratos::ApiError;

pub type AppsResult<T> = LocalBoxFuture<'static, Result<T, ApiError>>;

/// What the page needs from the server half, as a trait so component
/// tests can put a fake behind the panel.
pub trait AppsApi {
    /// `GET /apps`: the apps with access, most recent grant first.
    fn list(&self) -> AppsResult<Vec<ConnectedApp>>;
    /// `DELETE /apps/{client_id}`: that app's consent and tokens end.
    fn remove(&self, client_id: String) -> AppsResult<()>;
    /// `DELETE /apps`: every app's; the count of apps that had access.
    fn remove_all(&self) -> AppsResult<u64>;
    /// `DELETE /apps/logins`: Hydra forgets the remembered sign-ins, so no
    /// app can sign the person in again without asking.
    fn end_app_logins(&self) -> AppsResult<()>;
}

/// The server half at `base` (e.g. `https://example.com/connected`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppsClient(Kratos);

impl AppsClient {
    /// `transport` carries the timeout and cancellation; `base` is where the
    /// server half is.
    pub fn new(base: &str, transport: &Kratos) -> Self {
        Self(transport.clone().at(base))
    }
}

#[derive(serde::Deserialize)]
struct Count {
    count: u64,
}

impl AppsApi for AppsClient {
    fn list(&self) -> AppsResult<Vec<ConnectedApp>> {
        let k = self.0.clone();
        async move { json::<AppList>(k.send(Method::GET, &k.url("/apps"), &[]).await?).await.map(|l| l.apps) }
            .boxed_local()
    }

    fn remove(&self, client_id: String) -> AppsResult<()> {
        let k = self.0.clone();
        // Percent-encoded: an id like `x&all=true` is one odd client id.
        async move {
            k.send(Method::DELETE, &k.url(&format!("/apps/{}", encode_component(&client_id))), &[]).await.map(drop)
        }
        .boxed_local()
    }

    fn remove_all(&self) -> AppsResult<u64> {
        let k = self.0.clone();
        async move { json::<Count>(k.send(Method::DELETE, &k.url("/apps"), &[]).await?).await.map(|c| c.count) }
            .boxed_local()
    }

    fn end_app_logins(&self) -> AppsResult<()> {
        let k = self.0.clone();
        async move { k.send(Method::DELETE, &k.url("/apps/logins"), &[]).await.map(drop) }.boxed_local()
    }
}
