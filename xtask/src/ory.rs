//! `cargo xtask ory`: builds the real Ory Kratos and Hydra from the Go
//! modules pinned in `tools/ory/{kratos,hydra}` into `target/ory/`, so the
//! tests can run against them. No Ory source is in the repository, only a
//! go.mod/go.sum per tool.
//!
//! Idempotent: a stamp beside each binary holds the go.mod, go.sum and
//! build flags it was built from; while they match, nothing is rebuilt.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{describe, output, root, status};

struct Tool {
    name: &'static str,
    /// The main package, which go.mod's `tool` line names.
    package: &'static str,
    /// Without `sqlite` the binary cannot open SQLite or `memory` DSNs
    /// ("sqlite3 support was not compiled into the binary").
    tags: &'static str,
    /// Where the version string goes, so `<bin> version` prints it.
    version_var: &'static str,
    version: &'static str,
}

const TOOLS: [Tool; 2] = [
    Tool {
        name: "kratos",
        package: "github.com/ory/kratos",
        tags: "sqlite,json1",
        version_var: "github.com/ory/kratos/driver/config.Version",
        version: "v1.3.1",
    },
    Tool {
        name: "hydra",
        package: "github.com/ory/hydra/v2",
        tags: "sqlite,sqlite_omit_load_extension",
        version_var: "github.com/ory/hydra/v2/driver/config.Version",
        version: "v2.3.0",
    },
];

/// Where the binaries go.
pub fn bin_dir() -> PathBuf {
    root().join("target/ory")
}

pub fn run() -> Result<(), String> {
    check_go()?;
    let dir = bin_dir();
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for tool in &TOOLS {
        build(tool, &dir)?;
    }
    Ok(())
}

/// Go and a C compiler (go-sqlite3 is cgo) must be there; the error says
/// what to install rather than failing deep inside `go build`.
fn check_go() -> Result<(), String> {
    let Some(version) = output("go", &["version"]) else {
        return Err("Go is not installed, and the real Ory Kratos and Hydra are built with it.\n\
             Install Go 1.26 or newer (https://go.dev/dl/, or `apt-get install golang-go` where it is new enough)\n\
             and a C compiler (`apt-get install gcc`), then run `cargo xtask ory` again."
            .into());
    };
    if output("cc", &["--version"]).is_none() && output("gcc", &["--version"]).is_none() {
        return Err(format!(
            "{version} is installed, but no C compiler: Kratos's SQLite driver is cgo. Install one (`apt-get install gcc`)."
        ));
    }
    eprintln!("xtask ory: {version}");
    Ok(())
}

fn build(tool: &Tool, dir: &Path) -> Result<(), String> {
    let module = root().join("tools/ory").join(tool.name);
    let read = |file: &str| {
        let path = module.join(file);
        fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let ldflags = format!("-s -w -X {}={}", tool.version_var, tool.version);
    let args = [
        "build",
        "-trimpath",
        "-buildvcs=false",
        "-tags",
        tool.tags,
        "-ldflags",
        &ldflags,
        "-o",
        &dir.join(tool.name).to_string_lossy(),
        tool.package,
    ]
    .map(str::to_owned);
    let stamp_text = format!("{}\n{}\n{}", read("go.mod")?, read("go.sum")?, args.join(" "));
    let bin = dir.join(tool.name);
    let stamp = dir.join(format!("{}.stamp", tool.name));
    if bin.exists() && fs::read_to_string(&stamp).ok().as_deref() == Some(stamp_text.as_str()) {
        eprintln!("xtask ory: {} is up to date ({})", tool.name, version_of(&bin));
        return Ok(());
    }
    let mut cmd = Command::new("go");
    cmd.args(&args)
        .current_dir(&module)
        // The pinned toolchain and go.sum are the whole input: no toolchain
        // download, no checksum-database look-ups, cgo on for SQLite.
        .env("GOTOOLCHAIN", "local")
        .env("CGO_ENABLED", "1")
        .env("GOFLAGS", "-mod=readonly");
    let started = std::time::Instant::now();
    status(&mut cmd).map_err(|e| format!("{e}\n(building {} with {})", tool.name, describe(&cmd)))?;
    fs::write(&stamp, stamp_text).map_err(|e| format!("{}: {e}", stamp.display()))?;
    eprintln!("xtask ory: built {} in {:.0?} ({})", tool.name, started.elapsed(), version_of(&bin));
    Ok(())
}

/// The first line `<bin> version` prints (Kratos's reads `Version:    v1.3.1`).
fn version_of(bin: &Path) -> String {
    output(&bin.to_string_lossy(), &["version"])
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "no version".into())
}
