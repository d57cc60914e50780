//! kratos-dev: a local server that speaks Ory Kratos's session and logout
//! wire contract, for front-end development and tests.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let mut cfg = kratos_dev::Config::default();
//! cfg.serve.public.port = 0; // any free port
//! cfg.serve.admin.port = 0;
//! let running = kratos_dev::start(cfg).await?;
//! println!("public API on {}", running.public_addr);
//! # Ok(()) }
//! ```
//!
//! # Layout
//!
//! The modules are layers; each uses only the layers below it:
//!
//! | layer | what | uses |
//! | --- | --- | --- |
//! | [`wire`] | Kratos's objects, their JSON, the error envelope, timestamps | nothing of the crate |
//! | [`config`], [`cli`] | Kratos's config keys, the flags | `wire` |
//! | [`store`] | identities, sessions, their data file, seeding, stored error flows | `wire` |
//! | `http` | cookies, CORS, CSRF, negotiation, `return_to`, pagination, Go-style responses, middleware | `config`, `wire` |
//! | [`faults`] | injected faults and their middleware | nothing of the crate |
//! | `state`, `auth` | the handlers' shared state; the caller's session as an extractor | `store`, `http`, `faults`, `config`, `wire` |
//! | `routes` | the handlers, by family of endpoints | all of the above |
//! | `app`, `server` | the two routers; the accept loop | all of the above |
//!
//! Handlers return `Result<_, KratosError>`; [`wire::KratosError`] is the
//! response Kratos's herodot would write. Every request passes tower-http's
//! `TraceLayer`; the binary logs through `tracing-subscriber`, filtered by
//! `RUST_LOG` (`RUST_LOG=kratos_dev=debug,tower_http=debug` logs each
//! request; see docs/kratos-dev.md).

mod app;
mod auth;
pub mod cli;
pub mod config;
pub mod faults;
mod http;
mod routes;
mod server;
mod state;
pub mod store;
pub mod wire;

use std::io;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use config::Config;

use crate::faults::Faults;
use crate::state::AppState;
use crate::store::error_flows::ErrorFlows;
use crate::store::{persist, seed, Store};

/// A started kratos-dev. Dropping it stops both listeners.
pub struct Running {
    pub public_addr: SocketAddr,
    pub admin_addr: SocketAddr,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl Running {
    /// Waits until the listeners stop (they only stop when aborted).
    pub async fn wait(mut self) {
        for t in std::mem::take(&mut self.tasks) {
            let _ = t.await;
        }
    }
}

/// Binds both listeners and serves them on the current Tokio runtime.
/// Port 0 picks a free port; the public base URL then follows the real one.
pub async fn start(mut cfg: Config) -> io::Result<Running> {
    cfg.validate().map_err(io::Error::other)?;
    let public = TcpListener::bind(cfg.public_addr().map_err(io::Error::other)?).await?;
    let admin = TcpListener::bind(cfg.admin_addr().map_err(io::Error::other)?).await?;
    let public_addr = public.local_addr()?;
    let admin_addr = admin.local_addr()?;
    if cfg.serve.public.port == 0 {
        cfg.serve.public.base_url = format!("http://localhost:{}", public_addr.port());
    }
    if cfg.serve.admin.port == 0 {
        cfg.serve.admin.base_url = format!("http://localhost:{}", admin_addr.port());
    }
    let store = match &cfg.kratos_dev.data {
        Some(path) => Store::with_persistence(Box::new(persist::Sqlite::open(Path::new(path))?))?,
        None => Store::default(),
    };
    let st = AppState { cfg: Arc::new(cfg), store, faults: Faults::default(), error_flows: ErrorFlows::default() };
    if st.cfg.kratos_dev.seed_demo {
        seed::demo(&st.store, st.cfg.lifespan()).map_err(|e| io::Error::other(e.body().to_string()))?;
    }
    let tasks = vec![
        tokio::spawn(server::serve(public, app::public_router(st.clone()))),
        tokio::spawn(server::serve(admin, app::admin_router(st))),
    ];
    Ok(Running { public_addr, admin_addr, tasks })
}
