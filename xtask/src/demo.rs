//! `cargo xtask demo`: kratos-dev with demo data on :4433/:4434 and the app
//! on :8080, both as `localhost` (one site, two origins, as deployed).

use std::net::TcpStream;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::bootstrap;
use crate::run::{describe, root, status};

struct Children(Vec<Child>);

impl Drop for Children {
    fn drop(&mut self) {
        for c in &mut self.0 {
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

pub fn run() -> Result<(), String> {
    for port in [4433, 4434, 8080, 8081] {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Err(format!("port {port} is in use; stop what runs there (another demo?) and try again"));
        }
    }
    let tools = bootstrap::ensure()?;
    crate::build::all(&tools)?;
    status(tools.command("cargo").args(["build", "-p", "kratos-dev"]))?;

    let mut children = Children(Vec::new());
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
    crate::serve::spawn("127.0.0.1:8080", root().join("dist"), "http://localhost:4433")?;
    crate::serve::spawn("127.0.0.1:8081", root().join("dist-embed"), "http://localhost:4433")?;

    println!(
        "\n  Your sessions page:  http://localhost:8080\n\
         \n  Click \"Sign in\" and choose demo@example.com: it already has sessions on five\n\
         \x20 other devices. mfa@example.com has a second factor (any six digits pass).\n\
         \n  Embedded in an example host page: http://localhost:8081 (allowed by --allowed-origin)\n\
         \n  Kratos public API:   http://localhost:4433   (kratos-dev)\n\
         \x20 Kratos admin API:    http://localhost:4434   (POST /dev/sessions, /dev/faults)\n\
         \n  Use localhost, not 127.0.0.1: the session cookie is SameSite=Lax.\n\
         \x20 Ctrl-C stops everything.\n"
    );
    // Ctrl-C reaches the children through the terminal's process group; wait
    // until one of them stops, then stop the other.
    loop {
        for c in &mut children.0 {
            if let Ok(Some(st)) = c.try_wait() {
                return if st.success() { Ok(()) } else { Err(format!("a demo process stopped ({st})")) };
            }
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}
