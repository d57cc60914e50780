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
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("kratos_dev=info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
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
