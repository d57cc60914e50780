//! The accept loop. It is ours rather than `axum::serve` so that a fault can
//! drop a connection unanswered and so each request learns its peer address.

use std::io;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt;

use crate::faults::DropConnection;
use crate::http::device::PeerAddr;

/// Request heads larger than this are refused by hyper with 431.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// How long to wait after an accept error that is not one connection's,
/// such as running out of file descriptors (EMFILE, ENFILE).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

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
        match listener.accept().await {
            Ok((stream, peer)) => {
                tokio::spawn(serve_connection(stream, PeerAddr(peer), router.clone()));
            }
            Err(e) => match backoff(&e) {
                None => tracing::debug!("accept: {e}"),
                Some(pause) => {
                    tracing::warn!("accept: {e}; retrying in {} ms", pause.as_millis());
                    tokio::time::sleep(pause).await;
                }
            },
        }
    }
}

/// How long to pause after an accept error: not at all when one connection
/// failed before it was accepted (the next one may be fine), else
/// [`ACCEPT_BACKOFF`], so that a listener out of file descriptors does
/// not spin.
fn backoff(e: &io::Error) -> Option<Duration> {
    match e.kind() {
        io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionRefused => None,
        _ => Some(ACCEPT_BACKOFF),
    }
}

async fn serve_connection(stream: TcpStream, peer: PeerAddr, router: Router) {
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        let router = router.clone();
        req.extensions_mut().insert(peer);
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
    let served = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
        .http1()
        .max_buf_size(MAX_HEAD_BYTES)
        .serve_connection(TokioIo::new(stream), service)
        .await;
    if let Err(e) = served {
        tracing::debug!("connection from {}: {e}", peer.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_descriptors_backs_off_and_a_failed_connection_does_not() {
        const EMFILE: i32 = 24;
        const ENFILE: i32 = 23;
        assert_eq!(backoff(&io::Error::from_raw_os_error(EMFILE)), Some(ACCEPT_BACKOFF));
        assert_eq!(backoff(&io::Error::from_raw_os_error(ENFILE)), Some(ACCEPT_BACKOFF));
        assert_eq!(backoff(&io::Error::from(io::ErrorKind::OutOfMemory)), Some(ACCEPT_BACKOFF));
        assert_eq!(backoff(&io::Error::from(io::ErrorKind::ConnectionAborted)), None);
        assert_eq!(backoff(&io::Error::from(io::ErrorKind::ConnectionReset)), None);
    }
}
