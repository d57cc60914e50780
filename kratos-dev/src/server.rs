//! The accept loop. It is ours rather than `axum::serve` so that a fault can
//! drop a connection unanswered and so each request learns its peer address.

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::device::PeerAddr;
use crate::faults::DropConnection;

/// Request heads larger than this are refused by hyper with 431.
const MAX_HEAD_BYTES: usize = 64 * 1024;

#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by a kratos-dev fault")
    }
}

impl std::error::Error for Dropped {}

pub async fn serve(listener: TcpListener, router: Router) {
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            continue;
        };
        let router = router.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                let router = router.clone();
                req.extensions_mut().insert(PeerAddr(peer));
                async move {
                    let res = match router.oneshot(req.map(axum::body::Body::new)).await {
                        Ok(res) => res,
                        Err(never) => match never {},
                    };
                    if res.extensions().get::<DropConnection>().is_some() {
                        return Err(Dropped);
                    }
                    Ok::<_, Dropped>(res)
                }
            });
            let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                .http1()
                .max_buf_size(MAX_HEAD_BYTES)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
