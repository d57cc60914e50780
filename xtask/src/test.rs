//! `cargo xtask test`: every check and test, in the order that fails
//! fastest, ending with the test runners' totals.

use crate::bootstrap::{self, CHROMEDRIVER};
use crate::run::{root, status, tests};

pub fn run() -> Result<(), String> {
    let tools = bootstrap::ensure()?;
    // The real Kratos and Hydra, for the differential suite and the browser
    // suite's second backend (seconds when already built).
    crate::ory::run()?;
    let clippy = |extra: &[&str]| {
        let mut cmd = tools.command("cargo");
        cmd.arg("clippy").args(extra).args(["--all-targets", "--", "-D", "warnings"]);
        status(&mut cmd)
    };
    status(tools.command("cargo").args(["fmt", "--all", "--check"]))?;
    // The benchmark is no test target (test = false), so it is named.
    clippy(&["--workspace", "--test", "bench"])?;
    clippy(&["-p", "kratos-sessions", "--all-features", "--target", "wasm32-unknown-unknown"])?;
    crate::build::all(&tools)?;

    let mut results = Vec::new();
    let outcome = (|| {
        tests(tools.command("cargo").args(["test", "--workspace", "--", "--test-threads=2"]), &mut results)?;
        tests(
            tools
                .command("cargo")
                .args([
                    "test",
                    "-p",
                    "kratos-sessions",
                    "--all-features",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--test",
                    "web",
                ])
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root().join("webdriver.json"))
                .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60")
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
            &mut results,
        )?;
        // The benchmark is no timed test: CI only checks that it runs.
        status(tools.command("cargo").args(["test", "--workspace", "--test", "bench", "--", "--quick"]))
    })();
    summarize(&results);
    outcome
}

/// Adds up `test result: ok. 12 passed; 0 failed; 1 ignored; …` lines.
fn summarize(results: &[String]) {
    let count = |line: &str, word: &str| -> u64 {
        line.split(';')
            .filter_map(|part| {
                let mut words = part.split_whitespace().rev();
                let label = words.next()?;
                let n = words.next()?;
                (label == word).then(|| n.parse::<u64>().ok()).flatten()
            })
            .sum()
    };
    let total = |word: &str| {
        results
            .iter()
            .map(|l| count(l.trim_start_matches("test result: ok.").trim_start_matches("test result: FAILED."), word))
            .sum::<u64>()
    };
    println!("\n{} test runs:", results.len());
    for line in results {
        println!("  {line}");
    }
    println!("{} passed, {} failed, {} ignored", total("passed"), total("failed"), total("ignored"));
}
