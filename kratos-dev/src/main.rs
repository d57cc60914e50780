//! `kratos-dev [FLAGS]`: see `kratos-dev --help`. Logs go to stderr,
//! filtered by `RUST_LOG` (default `kratos_dev=info`; `tower_http=debug`
//! adds a line for each request).

use std::process::ExitCode;

use kratos_dev::cli::{parse, HELP};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cfg = match parse(&args) {
        Ok(Some(cfg)) => cfg,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("kratos-dev: {e}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kratos-dev: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let running = match kratos_dev::start(cfg).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("kratos-dev: cannot start: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!(
            "kratos-dev public API on http://{} , admin API on http://{}",
            running.public_addr, running.admin_addr
        );
        let _ = tokio::signal::ctrl_c().await;
        ExitCode::SUCCESS
    })
}

/// Logs to stderr, filtered by `RUST_LOG`. A `RUST_LOG` that does not
/// parse is said, not silently replaced by the default.
fn init_logging() {
    let filter = match std::env::var("RUST_LOG") {
        Err(_) => EnvFilter::new(DEFAULT_LOG),
        Ok(spec) => EnvFilter::try_new(&spec).unwrap_or_else(|e| {
            eprintln!("kratos-dev: RUST_LOG={spec:?}: {e}; using {DEFAULT_LOG}");
            EnvFilter::new(DEFAULT_LOG)
        }),
    };
    // try_init: only fails when a subscriber is already set, which would
    // then keep logging; that is no reason to stop.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

/// Accept-loop warnings only; `tower_http=debug` adds each request.
const DEFAULT_LOG: &str = "kratos_dev=info";
