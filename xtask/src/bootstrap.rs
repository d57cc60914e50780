//! Installs what the build and the tests need, from crates.io, npm and
//! Debian only (nothing here may download a prebuilt binary from elsewhere).
//! Idempotent: when everything is present it takes a second.

use std::path::PathBuf;
use std::process::Command;

use crate::run::{output, root, status};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132";
/// axe-core, which the browser tests inject to check accessibility.
pub const AXE_VERSION: &str = "4.14.1";
/// The release builds' minifiers: terser for the wasm-bindgen glue, csso
/// for the stylesheet (`xtask/minify.cjs`).
pub const TERSER_VERSION: &str = "5.51.2";
pub const CSSO_VERSION: &str = "5.0.5";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where the tools are, for the commands that need them.
pub struct Tools {
    /// `PATH` with binaryen 132's `wasm-opt` and cargo's bin first.
    pub path: String,
    /// The standard library's source is installed, so release wasm can
    /// rebuild it without panic messages and debug formatting.
    pub build_std: bool,
}

/// How the release wasm rebuilds `std`: panics trap at once (no message,
/// no location), and `Debug` formatting prints nothing. Together about
/// 15 KB brotli off the first load (docs/bench.md). These are unstable
/// flags of rustc 1.95, hence `RUSTC_BOOTSTRAP`; only the release wasm
/// builds use them, so tests and clippy see the ordinary toolchain.
const LEAN_STD: [(&str, &str); 3] = [
    ("RUSTC_BOOTSTRAP", "1"),
    ("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort"),
    (
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none",
    ),
];

impl Tools {
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("PATH", &self.path).current_dir(root());
        cmd
    }

    /// A command that builds (or fetches for) the release wasm, with the
    /// lean `std` when `lean` (and the source for it is installed).
    pub fn release_wasm(&self, program: &str, lean: bool) -> Command {
        let mut cmd = self.command(program);
        if lean && self.build_std {
            cmd.envs(LEAN_STD);
        }
        cmd
    }

    /// Runs a release wasm build with the lean `std`, and once more with
    /// the prebuilt one if rustc rejects its unstable flags (a toolchain
    /// that renamed or dropped one): larger, but built.
    pub fn lean_or_plain(&self, build: impl Fn(bool) -> Result<(), String>) -> Result<(), String> {
        if !self.build_std {
            return build(false);
        }
        build(true).or_else(|e| {
            eprintln!("xtask: the build with the lean std failed ({e}); building with the prebuilt std (larger)");
            build(false)
        })
    }
}

/// Installs the standard library's source for `-Z build-std`; without it
/// the release build is ordinary, and larger.
fn ensure_rust_src() -> bool {
    let sysroot = output("rustc", &["--print", "sysroot"]).unwrap_or_default();
    let library = PathBuf::from(sysroot.trim()).join("lib/rustlib/src/rust/library/std");
    if library.exists() {
        return true;
    }
    let added = status(Command::new("rustup").args(["component", "add", "rust-src"])).is_ok();
    if !added {
        eprintln!("xtask: rust-src is unavailable; building the release wasm with the prebuilt std (larger)");
    }
    added
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

pub fn tools_dir() -> PathBuf {
    root().join("target").join("tools")
}

/// The `wasm-bindgen` version in Cargo.lock, which the CLI must equal.
fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen".into())
}

pub fn ensure() -> Result<Tools, String> {
    let bin = cargo_bin();
    let node_bin = tools_dir().join("node_modules").join(".bin");
    let path = format!("{}:{}:{}", node_bin.display(), bin.display(), std::env::var("PATH").unwrap_or_default());
    let tools = Tools { path, build_std: ensure_rust_src() };

    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    let has_wasm = installed.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"));
    if !has_wasm {
        status(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }

    let wbg = locked_wasm_bindgen()?;
    let have_wbg = output(&bin.join("wasm-bindgen").to_string_lossy(), &["--version"]);
    if have_wbg.as_deref() != Some(&format!("wasm-bindgen {wbg}")) {
        let locked = status(Command::new("cargo").args(["install", "--locked", "wasm-bindgen-cli", "--version", &wbg]));
        if locked.is_err() {
            eprintln!("xtask: retrying without --locked (a registry gap has broken --locked before)");
            status(Command::new("cargo").args(["install", "--force", "wasm-bindgen-cli", "--version", &wbg]))?;
        }
    }

    let have_trunk = output(&bin.join("trunk").to_string_lossy(), &["--version"]);
    if have_trunk.as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        status(Command::new("cargo").args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))?;
    }

    // npm packages: wasm-opt from binaryen 132, axe-core for the
    // accessibility checks, the minifiers. One install when any is missing
    // or stale.
    let have_opt = output(&node_bin.join("wasm-opt").to_string_lossy(), &["--version"]).unwrap_or_default();
    let has = |package: &str, version: &str| {
        std::fs::read_to_string(tools_dir().join("node_modules").join(package).join("package.json"))
            .unwrap_or_default()
            .contains(&format!("\"version\": \"{version}\""))
    };
    let stale = !have_opt.contains(&format!("version_{BINARYEN_VERSION}"))
        || !has("axe-core", AXE_VERSION)
        || !has("terser", TERSER_VERSION)
        || !has("csso", CSSO_VERSION);
    if stale {
        if output("npm", &["--version"]).is_none() {
            apt_install(&["nodejs", "npm"])?;
        }
        std::fs::create_dir_all(tools_dir()).map_err(|e| e.to_string())?;
        status(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(tools_dir())
                .arg(format!("binaryen@{BINARYEN_VERSION}.0.0"))
                .arg(format!("axe-core@{AXE_VERSION}"))
                .arg(format!("terser@{TERSER_VERSION}"))
                .arg(format!("csso@{CSSO_VERSION}")),
        )?;
    }

    if !PathBuf::from(CHROMIUM).exists() || !PathBuf::from(CHROMEDRIVER).exists() {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    Ok(tools)
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    let root_user = output("id", &["-u"]).as_deref() == Some("0");
    let sudo: &[&str] = if root_user { &[] } else { &["sudo"] };
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.extend_from_slice(args);
        let (program, rest) = all.split_first().ok_or("empty command")?;
        status(Command::new(program).args(rest).env("DEBIAN_FRONTEND", "noninteractive"))
    };
    run(&["apt-get", "update", "-q"])?;
    let mut install = vec!["apt-get", "install", "-y", "-q"];
    install.extend_from_slice(packages);
    run(&install).map_err(|e| format!("{e}; install {} with your package manager", packages.join(" ")))
}
