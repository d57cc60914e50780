//! The release builds: `dist/` (Trunk's hashed standalone page) and
//! `dist-embed/` (stable names, for hosts that hard-code a URL). Neither
//! has an inline script, so both run under a strict CSP.

use std::fs;
use std::path::Path;

use crate::bootstrap::Tools;
use crate::run::{root, status};

pub fn all(tools: &Tools) -> Result<(), String> {
    // Trunk builds with `cargo --offline`; make sure the registry has every
    // crate for the wasm target first.
    // (With `build-std`, that includes the standard library's own crates.)
    status(tools.release_wasm("cargo", true).args(["fetch", "--target", "wasm32-unknown-unknown"]))?;
    status(tools.command("cargo").arg("fetch"))?;
    tools.lean_or_plain(|lean| status(tools.release_wasm("trunk", lean).args(["build", "--release", "--offline"])))?;
    let dist = root().join("dist");
    externalize_start_script(&dist)?;
    let mut files: Vec<String> = fs::read_dir(&dist)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.ends_with(".css")
                || (name.starts_with("kratos-sessions-") && (name.ends_with(".js") || name.ends_with("_bg.wasm")))
        })
        .collect();
    files.sort();
    minify(tools, &dist, &files)?;
    embed(tools)
}

/// The module's and the glue's linking names shortened, the glue and the
/// stylesheet minified, all in place (their SRI hashes in index.html
/// follow); xtask/minify.cjs says how.
fn minify(tools: &Tools, dir: &Path, files: &[String]) -> Result<(), String> {
    status(
        tools
            .command("node")
            .env("NODE_PATH", crate::bootstrap::tools_dir().join("node_modules"))
            .arg(root().join("xtask/minify.cjs"))
            .arg(dir)
            .args(files),
    )
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Trunk inlines its start-up module; a strict `script-src 'self'` refuses
/// inline scripts, so it moves into a file of its own, beside the app's
/// files under Trunk's `public_url` (read off the script's own import, so
/// the page can live under `/account/sessions/`). Finding no such script,
/// or another inline one, is an error: the page would not start.
fn externalize_start_script(dist: &Path) -> Result<(), String> {
    let index = dist.join("index.html");
    let html = read(&index)?;
    let open = "<script type=\"module\">";
    let start = html.find(open).ok_or(
        "dist/index.html has no inline start-up script to move: Trunk's output changed, and the page would not start",
    )?;
    let body_start = start + open.len();
    let end = html[body_start..].find("</script>").map(|i| body_start + i).ok_or("unterminated inline script")?;
    let script = &html[body_start..end];
    let base = public_url(script)?;
    // Named after its content (FNV-1a), so caches never serve a stale one.
    let hash = script.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let name = format!("start-{hash:016x}.js");
    write(&dist.join(&name), script.trim())?;
    let tag = format!("<script type=\"module\" src=\"{base}{name}\"></script>");
    let moved = format!("{}{tag}{}", &html[..start], &html[end + "</script>".len()..]);
    let inline = moved.split("<script").skip(1).any(|tag| !tag.split('>').next().unwrap_or("").contains(" src="));
    if inline {
        return Err("dist/index.html has another inline script, which a strict CSP would refuse".into());
    }
    write(&index, &moved)
}

/// The path the start-up script imports the app from, up to its last `/`:
/// Trunk's `public_url`.
fn public_url(script: &str) -> Result<&str, String> {
    let from = script.find("from '").map(|i| i + "from '".len()).ok_or("the start-up script imports nothing")?;
    let path = &script[from..from + script[from..].find('\'').ok_or("unterminated import in the start-up script")?];
    Ok(&path[..path.rfind('/').map_or(0, |i| i + 1)])
}

/// The embed bundle: the binary with feature `embed` (whose `main` leaves
/// mounting to the host) through wasm-bindgen and wasm-opt,
/// the stylesheet, the custom-element loader and an example host page.
fn embed(tools: &Tools) -> Result<(), String> {
    let out = root().join("dist-embed");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    tools.lean_or_plain(|lean| {
        status(tools.release_wasm("cargo", lean).args([
            "build",
            "--release",
            "--offline",
            "--bin",
            "kratos-sessions",
            "-p",
            "kratos-sessions",
            "--features",
            "embed",
            "--target",
            "wasm32-unknown-unknown",
        ]))
    })?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map(Into::into).unwrap_or_else(|| root().join("target"));
    let wasm = target.join("wasm32-unknown-unknown/release/kratos-sessions.wasm");
    status(
        tools
            .command("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-name", "kratos_sessions", "--out-dir"])
            .arg(&out)
            .arg(&wasm),
    )?;
    let bg = out.join("kratos_sessions_bg.wasm");
    status(tools.command("wasm-opt").arg("-Oz").arg(&bg).arg("-o").arg(&bg))?;
    let copy =
        |from: &Path, to: &str| fs::copy(from, out.join(to)).map(drop).map_err(|e| format!("{}: {e}", from.display()));
    copy(&root().join("style/sessions.css"), "kratos-sessions.css")?;
    for file in ["kratos-sessions.js", "index.html", "host.css", "host.js"] {
        copy(&root().join("embed").join(file), file)?;
    }
    minify(
        tools,
        &out,
        &[
            "kratos_sessions_bg.wasm".into(),
            "kratos_sessions.js".into(),
            "kratos-sessions.js".into(),
            "kratos-sessions.css".into(),
        ],
    )?;
    // The catalogues other than English, fetched by pages in that language.
    fs::create_dir_all(out.join("i18n")).map_err(|e| e.to_string())?;
    for entry in fs::read_dir(root().join("i18n")).map_err(|e| e.to_string())?.flatten() {
        copy(&entry.path(), &format!("i18n/{}", entry.file_name().to_string_lossy()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::public_url;

    #[test]
    fn the_start_script_goes_where_trunk_put_the_app() {
        let script = |path: &str| format!("import init, * as bindings from '{path}';\nconst wasm = await init();");
        assert_eq!(public_url(&script("/kratos-sessions-1.js")), Ok("/"));
        assert_eq!(public_url(&script("/account/sessions/kratos-sessions-1.js")), Ok("/account/sessions/"));
        assert_eq!(public_url(&script("./kratos-sessions-1.js")), Ok("./"));
        assert!(public_url("console.log(1)").is_err());
    }
}
