//! `cargo xtask demo`: kratos-dev with demo data on :4433/:4434 and the app
//! on :8080, both as `localhost` (one site, two origins, as deployed).
//! `cargo xtask demo --ory`: the real Ory Kratos on the same ports instead,
//! with a demo sign-in page at its login `ui_url` (`/login`).

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::bootstrap::{self, Tools};
use crate::run::{describe, root, status};
use crate::serve::{SignIn, Site};

const KRATOS: &str = "http://localhost:4433";
/// The server half's default address.
const APPS: &str = "http://localhost:4460";

/// The demo's processes, stopped when the demo ends however it ends.
struct Children(Vec<Child>);

impl Drop for Children {
    fn drop(&mut self) {
        for c in &mut self.0 {
            // ory-demo stops Kratos when its stdin closes; give it a moment
            // before the kill, which would leave Kratos running.
            if c.stdin.take().is_some() {
                let start = Instant::now();
                while start.elapsed() < Duration::from_secs(5) && matches!(c.try_wait(), Ok(None)) {
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn wait_for_port(port: u16, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    false
}

pub fn run(ory: bool) -> Result<(), String> {
    let ports: &[u16] = if ory { &[4433, 4434, 4460, 8080] } else { &[4433, 4434, 8080, 8081] };
    for &port in ports {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Err(format!("port {port} is in use; stop what runs there (another demo?) and try again"));
        }
    }
    let tools = bootstrap::ensure()?;
    crate::build::all(&tools)?;
    let mut children = Children(Vec::new());
    if ory {
        real_kratos(&tools, &mut children)?;
    } else {
        kratos_dev(&tools, &mut children)?;
    }
    // Ctrl-C reaches the children through the terminal's process group; wait
    // until one of them stops, then stop the others.
    loop {
        for c in &mut children.0 {
            if let Ok(Some(st)) = c.try_wait() {
                return if st.success() { Ok(()) } else { Err(format!("a demo process stopped ({st})")) };
            }
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn kratos_dev(tools: &Tools, children: &mut Children) -> Result<(), String> {
    status(tools.command("cargo").args(["build", "-p", "kratos-dev"]))?;
    let mut kratos = tools.command(&root().join("target/debug/kratos-dev").to_string_lossy());
    kratos.args([
        "--seed-demo",
        "--allowed-origin",
        "http://localhost:8081",
        "--allowed-return-url",
        "http://localhost:8081/",
    ]);
    eprintln!("\n$ {}", describe(&kratos));
    children.0.push(kratos.spawn().map_err(|e| format!("kratos-dev: {e}"))?);
    if !wait_for_port(4433, Duration::from_secs(20)) {
        return Err("kratos-dev did not start on port 4433".into());
    }
    // The built page, exactly as deployed: no inline script, strict CSP.
    crate::serve::spawn("127.0.0.1:8080", Site::new(root().join("dist"), KRATOS))?;
    crate::serve::spawn("127.0.0.1:8081", Site::new(root().join("dist-embed"), KRATOS))?;
    println!(
        "\n  Your sessions page:  http://localhost:8080\n\
         \n  Click \"Sign in\" and choose demo@example.com: it already has sessions on five\n\
         \x20 other devices. mfa@example.com has a second factor (any six digits pass).\n\
         \n  Embedded in an example host page: http://localhost:8081 (allowed by --allowed-origin)\n\
         \n  Kratos public API:   http://localhost:4433   (kratos-dev)\n\
         \x20 Kratos admin API:    http://localhost:4434   (POST /dev/sessions, /dev/faults)\n\
         \n  Connected apps: off (they need Ory Hydra and the server half; see docs/connected-apps.md).\n\
         \x20 The real Ory Kratos instead of kratos-dev: cargo xtask demo --ory\n\
         \n  Use localhost, not 127.0.0.1: the session cookie is SameSite=Lax.\n\
         \x20 Ctrl-C stops everything.\n"
    );
    Ok(())
}

/// Real Kratos and Hydra through `ory-demo` (tests/ory/harness), which
/// starts them from the tests' configs with the demo person's other
/// sessions and connected apps made through their own flows, and prints
/// `ready <email> <password> <hydra-admin>`; then the server half
/// (`kratos-sessions-server`) in front of that Hydra.
fn real_kratos(tools: &Tools, children: &mut Children) -> Result<(), String> {
    crate::ory::run()?;
    status(tools.command("cargo").args([
        "build",
        "-p",
        "ory-harness",
        "--bin",
        "ory-demo",
        "-p",
        "kratos-sessions-server",
        "--bin",
        "kratos-sessions-server",
    ]))?;
    let mut demo = tools.command(&root().join("target/debug/ory-demo").to_string_lossy());
    demo.env("KRATOS_SESSIONS_ORY_BIN", crate::ory::bin_dir()).stdin(Stdio::piped()).stdout(Stdio::piped());
    eprintln!("\n$ {}", describe(&demo));
    let mut child = demo.spawn().map_err(|e| format!("ory-demo: {e}"))?;
    let stdout = child.stdout.take();
    children.0.push(child);
    eprintln!("xtask demo: starting Ory Kratos v1.3.1 and Hydra v2.3.0, signing the demo person in on five devices and connecting three apps…");
    let ready = stdout
        .map(BufReader::new)
        .and_then(|mut out| {
            let mut line = String::new();
            out.read_line(&mut line).ok()?;
            line.strip_prefix("ready ").map(|rest| rest.trim().to_owned())
        })
        .ok_or("ory-demo stopped before Kratos and Hydra were ready (its error is above)")?;
    let mut words = ready.split(' ');
    let (Some(email), Some(password), Some(hydra_admin)) = (words.next(), words.next(), words.next()) else {
        return Err(format!("ory-demo said {ready:?}"));
    };
    let mut server = tools.command(&root().join("target/debug/kratos-sessions-server").to_string_lossy());
    server.args([
        "--listen",
        "127.0.0.1:4460",
        "--kratos-public",
        KRATOS,
        "--hydra-admin",
        hydra_admin,
        "--allow-origin",
        "http://localhost:8080",
    ]);
    eprintln!("\n$ {}", describe(&server));
    children.0.push(server.spawn().map_err(|e| format!("kratos-sessions-server: {e}"))?);
    if !wait_for_port(4460, Duration::from_secs(20)) {
        return Err("kratos-sessions-server did not start on port 4460".into());
    }
    let sign_in = SignIn { dir: root().join("tools/ory/sign-in"), demo_hint: format!("{email} {password}") };
    let site = Site {
        sign_in: Some(sign_in),
        apps_url: Some(APPS.into()),
        demo_apps: Some(root().join("tools/ory/demo-apps")),
        ..Site::new(root().join("dist"), KRATOS)
    };
    crate::serve::spawn("127.0.0.1:8080", site)?;
    println!(
        "\n  Your sessions page:  http://localhost:8080   (on the real Ory Kratos v1.3.1 and Hydra v2.3.0)\n\
         \n  Click \"Sign in\": Kratos's login flow opens at http://localhost:8080/login.\n\
         \x20 Sign in as {email} with the password {password}:\n\
         \x20 that person is already signed in on five other devices and has connected three apps.\n\
         \n  Kratos public API:   http://localhost:4433\n\
         \x20 Kratos admin API:    http://localhost:4434   (e.g. GET /admin/identities)\n\
         \x20 Server half:         {APPS}   (kratos-sessions-server: connected apps)\n\
         \x20 Hydra admin API:     {hydra_admin}   (only the server half calls it)\n\
         \n  Use localhost, not 127.0.0.1: the session cookie is SameSite=Lax.\n\
         \x20 Ctrl-C stops everything (the data lives in temporary folders).\n"
    );
    Ok(())
}
