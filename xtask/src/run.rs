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

/// Runs `cmd`, echoing its stdout and collecting the test runners'
/// `test result:` lines for the closing summary.
pub fn tests(cmd: &mut Command, results: &mut Vec<String>) -> Result<(), String> {
    eprintln!("\n$ {}", describe(cmd));
    let mut child = cmd.stdout(Stdio::piped()).spawn().map_err(|e| format!("{}: {e}", describe(cmd)))?;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            if line.trim_start().starts_with("test result:") {
                results.push(line.trim().to_owned());
            }
        }
    }
    let st = child.wait().map_err(|e| e.to_string())?;
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
