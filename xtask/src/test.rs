//! `cargo xtask test`: every check and test, in the order that fails
//! fastest, ending with the test runners' totals.

use crate::bootstrap::{self, CHROMEDRIVER};
use crate::run::{root, status, tests, TestRun};

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

/// Suites that run against the real Ory servers as a whole.
const REAL_SUITES: [(&str, &str); 2] =
    [("differential", "kratos-dev vs real Kratos v1.3.1"), ("hydra", "real Kratos v1.3.1 + Hydra v2.3.0")];

/// `browser-1a2b3c` or `kratos_dev-1a2b3c` from cargo's `(target/debug/deps/…)`.
fn binary_name(target: &str) -> &str {
    let path = target.rsplit_once('(').map_or(target, |(_, p)| p.trim_end_matches(')'));
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('-').map_or(file, |(stem, _)| stem)
}

/// `12 passed; 0 failed; 1 ignored; …` → the number before `word`.
fn count(line: &str, word: &str) -> u64 {
    line.split(';')
        .filter_map(|part| {
            let mut words = part.split_whitespace().rev();
            let label = words.next()?;
            let n = words.next()?;
            (label == word).then(|| n.parse::<u64>().ok()).flatten()
        })
        .sum()
}

/// The browser suite's modules that run only on the real Ory servers:
/// `ory` (Kratos) and `apps` (Kratos, Hydra and the server half).
const REAL_MODULES: [&str; 2] = ["ory::", "apps::"];

/// Which backend a browser test ran on: `…::real_kratos` and the
/// [`REAL_MODULES`] on real Kratos, `…::kratos_dev` and the rest on kratos-dev.
fn backends(run: &TestRun) -> Option<String> {
    let real = |name: &str| name.ends_with("::real_kratos") || REAL_MODULES.iter().any(|m| name.starts_with(m));
    if let Some((_, what)) = REAL_SUITES.iter().find(|(stem, _)| *stem == binary_name(&run.target)) {
        return Some((*what).to_owned());
    }
    if !run.tests.iter().any(|(name, _)| real(name)) {
        return None;
    }
    let on = |on_real: bool| {
        let tests = run.tests.iter().filter(|(name, _)| real(name) == on_real);
        let (all, ok) = tests.fold((0, 0), |(all, ok), (_, outcome)| (all + 1, ok + u32::from(outcome == "ok")));
        format!("{ok}/{all}")
    };
    Some(format!("kratos-dev {} passed, real Kratos {} passed", on(false), on(true)))
}

/// One line per test binary (which suite, which backend), then the totals.
fn summarize(runs: &[TestRun]) {
    println!("\n{} test runs:", runs.len());
    for run in runs {
        let stem = binary_name(&run.target);
        let source = if run.target.contains(" (") { run.target.split(" (").next().unwrap_or("") } else { "doc-tests" };
        let counts = run.result.trim_start_matches("test result: ").split("; finished").next().unwrap_or("");
        let backend = backends(run).map(|b| format!("  [{b}]")).unwrap_or_default();
        println!("  {stem:<22} {source:<32} {counts}{backend}");
    }
    let total = |word: &str| runs.iter().map(|r| count(&r.result, word)).sum::<u64>();
    println!("{} passed, {} failed, {} ignored", total("passed"), total("failed"), total("ignored"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(target: &str, tests: &[(&str, &str)]) -> TestRun {
        TestRun {
            target: target.into(),
            result: String::new(),
            tests: tests.iter().map(|(n, o)| ((*n).into(), (*o).into())).collect(),
        }
    }

    #[test]
    fn names_the_binary_without_its_hash() {
        assert_eq!(binary_name("tests/browser/main.rs (target/debug/deps/browser-0f3a9c)"), "browser");
        assert_eq!(binary_name("unittests src/lib.rs (target/debug/deps/kratos_dev-77aa)"), "kratos_dev");
        assert_eq!(binary_name("tests/web.rs (target/wasm32-unknown-unknown/debug/deps/web-12ab.wasm)"), "web");
        assert_eq!(binary_name("kratos_sessions"), "kratos_sessions");
    }

    #[test]
    fn splits_the_browser_suite_by_backend() {
        let browser = run(
            "tests/browser/main.rs (target/debug/deps/browser-0f3a9c)",
            &[
                ("actions::revoke_one::kratos_dev", "ok"),
                ("actions::revoke_one::real_kratos", "FAILED"),
                ("ory::many", "ok"),
                ("paging::x", "ok"),
            ],
        );
        assert_eq!(backends(&browser).as_deref(), Some("kratos-dev 2/2 passed, real Kratos 1/2 passed"));
        assert_eq!(backends(&run("unittests src/lib.rs (target/debug/deps/kratos_dev-77aa)", &[("a", "ok")])), None);
        let differential = run("tests/differential/main.rs (target/debug/deps/differential-1)", &[]);
        assert_eq!(backends(&differential).as_deref(), Some("kratos-dev vs real Kratos v1.3.1"));
    }

    #[test]
    fn counts_a_result_line() {
        let line =
            "test result: FAILED. 56 passed; 1 failed; 2 ignored; 0 measured; 0 filtered out; finished in 161.35s";
        assert_eq!((count(line, "passed"), count(line, "failed"), count(line, "ignored")), (56, 1, 2));
    }
}
