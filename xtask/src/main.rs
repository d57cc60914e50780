//! Every project command: `cargo xtask <command>`.

mod bootstrap;
mod build;
mod demo;
mod ory;
mod run;
mod serve;
mod test;

use std::process::ExitCode;

const HELP: &str = "cargo xtask <command>

  demo     install what is missing, build, start kratos-dev with demo data and serve the app
           (--ory: the real Ory Kratos instead, built with Go, with a demo sign-in page)
  test     install what is missing and run every check and test
  build    install what is missing and build dist/ (standalone) and dist-embed/ (stable names)
  setup    only install what is missing
  ory      build the real Ory Kratos and Hydra (Go) into target/ory/ (needs Go 1.26 and a C compiler)
  bench    build, then measure size, time to sessions, memory and frames (--quick: N=10 once)
";

/// `cargo xtask bench`: the release build measured by `tests/bench.rs`.
fn bench(quick: bool) -> Result<(), String> {
    let tools = bootstrap::ensure()?;
    build::all(&tools)?;
    let mut cmd = tools.command("cargo");
    // --workspace: the same feature set as the test build, so nothing recompiles.
    cmd.args(["test", "--workspace", "--test", "bench", "--"]);
    if quick {
        cmd.arg("--quick");
    }
    run::status(&mut cmd)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo::run(args.iter().skip(1).any(|a| a == "--ory")),
        Some("test") => test::run(),
        Some("build") => bootstrap::ensure().and_then(|tools| build::all(&tools)),
        Some("setup") => bootstrap::ensure().map(drop),
        Some("ory") => ory::run(),
        Some("bench") => bench(args.iter().skip(1).any(|a| a == "--quick")),
        Some("-h" | "--help" | "help") | None => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}
