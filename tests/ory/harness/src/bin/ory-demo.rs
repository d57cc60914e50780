//! `cargo xtask demo --ory`'s backend: the real Ory Kratos v1.3.1 on the
//! demo's ports (public 4433, admin 4434) with the demo person signed in on
//! other devices, and the real Hydra v2.3.0 (on free ports) with the demo
//! apps that person connected ([`ory_harness::demo`]). The person signs in
//! for real through the demo sign-in page at Kratos's login `ui_url`
//! (`http://localhost:8080/login`), which xtask serves.
//!
//! Prints `ready <email> <password> <hydra-admin-url>` on stdout once the
//! sessions and apps exist (xtask starts the server half with it), then
//! runs until Ctrl-C or until its stdin closes (xtask closes it to stop the
//! demo, and it closes by itself when xtask dies), and stops Kratos with it.

// A developer tool on the harness: a failure stops the demo with its message.
#![allow(clippy::expect_used, clippy::panic)]

use ory_harness::{demo, Hydra, Kratos, KratosOptions};

/// The demo page's origin.
const SITE: &str = "http://localhost:8080";

#[tokio::main]
async fn main() {
    let kratos = Kratos::start(KratosOptions {
        ports: Some((4433, 4434)),
        // A file database: a demo left open for hours keeps what it did.
        sqlite_file: true,
        app_origin: SITE.into(),
        // The honest total of the other sessions, as a deployment should.
        exposed_headers: vec!["Content-Type".into(), "X-Total-Count".into()],
        ..KratosOptions::default()
    });
    let (kratos, hydra) = tokio::join!(kratos, Hydra::start(SITE));
    let subject = demo::seed(&kratos).await;
    demo::connect_apps(&hydra, &subject, SITE).await;
    println!("ready {} {}", demo::hint(), hydra.admin);
    let stdin_closed = tokio::task::spawn_blocking(|| {
        // Nothing is ever written to stdin: reading returns at end of file.
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    });
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = stdin_closed => {}
    }
    // Dropping them stops Kratos and Hydra.
    drop((kratos, hydra));
}
