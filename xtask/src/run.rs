//! Running child processes, with their output passed through.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (xtask lives one level down).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

pub fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Runs `cmd` to completion; an error names the command.
pub fn status(cmd: &mut Command) -> Result<(), String> {
    eprintln!("\n$ {}", describe(cmd));
    let st = cmd.status().map_err(|e| format!("{}: {e}", describe(cmd)))?;
    if st.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({st})", describe(cmd)))
    }
}

/// One test binary's run: what cargo called it (`unittests src/lib.rs
/// (target/debug/deps/kratos_dev-…)`, `tests/browser/main.rs (…)`), its
/// `test result:` line, and each test's name with its outcome.
#[derive(Debug, Default)]
pub struct TestRun {
    pub target: String,
    pub result: String,
    pub tests: Vec<(String, String)>,
}

/// Runs `cmd`, echoing its output and collecting one [`TestRun`] per test
/// binary for the closing summary. Cargo names each binary on stderr
/// (`Running …`, `Doc-tests …`) and the binary reports on stdout; both come
/// in the same order, so the n-th name goes with the n-th result.
pub fn tests(cmd: &mut Command, runs: &mut Vec<TestRun>) -> Result<(), String> {
    eprintln!("\n$ {}", describe(cmd));
    let mut child =
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| format!("{}: {e}", describe(cmd)))?;
    let names = child.stderr.take().map(|err| {
        std::thread::spawn(move || {
            let mut names = Vec::new();
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                eprintln!("{line}");
                let trimmed = line.trim_start();
                if let Some(name) = trimmed.strip_prefix("Running ").or_else(|| trimmed.strip_prefix("Doc-tests ")) {
                    names.push(name.trim().to_owned());
                }
            }
            names
        })
    });
    let mut mine: Vec<TestRun> = vec![TestRun::default()];
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            let trimmed = line.trim();
            let Some(current) = mine.last_mut() else { continue };
            if trimmed.starts_with("test result:") {
                current.result = trimmed.to_owned();
                mine.push(TestRun::default());
            } else if let Some((name, outcome)) = trimmed.strip_prefix("test ").and_then(|t| t.rsplit_once(" ... ")) {
                current.tests.push((name.to_owned(), outcome.to_owned()));
            }
        }
    }
    let st = child.wait().map_err(|e| e.to_string())?;
    let names = names.and_then(|h| h.join().ok()).unwrap_or_default();
    mine.retain(|r| !r.result.is_empty());
    for (run, name) in mine.iter_mut().zip(names) {
        run.target = name;
    }
    runs.extend(mine);
    if st.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({st})", describe(cmd)))
    }
}

/// The first line a command prints, if it runs at all.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").trim().to_owned())
}
