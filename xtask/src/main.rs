//! Every project command: `cargo xtask <command>`.

mod bootstrap;
mod build;
mod demo;
mod run;
mod test;

use std::process::ExitCode;

const HELP: &str = "cargo xtask <command>

  demo     install what is missing, build, start kratos-dev with demo data and serve the app
  test     install what is missing and run every check and test
  build    install what is missing and build dist/ (standalone) and dist-embed/ (stable names)
  setup    only install what is missing
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo::run(),
        Some("test") => test::run(),
        Some("build") => bootstrap::ensure().and_then(|tools| build::all(&tools)),
        Some("setup") => bootstrap::ensure().map(drop),
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
