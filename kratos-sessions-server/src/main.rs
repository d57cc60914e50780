//! `kratos-sessions-server [FLAGS]`: see `kratos-sessions-server --help`.

use std::process::ExitCode;

use kratos_sessions_server::cli::{parse, HELP};
use tower_http::trace::TraceLayer;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cli = match parse(&args, &|name| std::env::var(name).ok()) {
        Ok(Some(cli)) => cli,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("kratos-sessions-server: {e}\n\nSee kratos-sessions-server --help.");
            return ExitCode::from(2);
        }
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
    let router = match kratos_sessions_server::router(cli.config.clone()) {
        // Spans carry method and path only: request headers hold cookies.
        Ok(r) => r.layer(TraceLayer::new_for_http()),
        Err(e) => {
            eprintln!("kratos-sessions-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kratos-sessions-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(cli.listen).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("kratos-sessions-server: cannot listen on {}: {e}", cli.listen);
                return ExitCode::FAILURE;
            }
        };
        tracing::info!(
            listen = %cli.listen,
            kratos = cli.config.kratos_public(),
            origins = ?cli.config.allow_origins(),
            "kratos-sessions-server listening"
        );
        match axum::serve(listener, router).with_graceful_shutdown(shutdown()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kratos-sessions-server: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// Ctrl-C, or SIGTERM from a container runtime.
async fn shutdown() {
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = term => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
