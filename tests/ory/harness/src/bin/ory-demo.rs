//! `cargo xtask demo --ory`'s backend: the real Ory Kratos v1.3.1 on the
//! demo's ports (public 4433, admin 4434) with the demo person signed in on
//! other devices ([`ory_harness::demo`]). The person signs in for real
//! through the demo sign-in page at Kratos's login `ui_url`
//! (`http://localhost:8080/login`), which xtask serves.
//!
//! Prints `ready <email> <password>` on stdout once the sessions exist, then
//! runs until Ctrl-C or until its stdin closes (xtask closes it to stop the
//! demo, and it closes by itself when xtask dies), and stops Kratos with it.

// A developer tool on the harness: a failure stops the demo with its message.
#![allow(clippy::expect_used, clippy::panic)]

use ory_harness::{demo, Kratos, KratosOptions};

#[tokio::main]
async fn main() {
    let kratos = Kratos::start(KratosOptions {
        ports: Some((4433, 4434)),
        // A file database: a demo left open for hours keeps what it did.
        sqlite_file: true,
        ..KratosOptions::default()
    })
    .await;
    demo::seed(&kratos).await;
    println!("ready {}", demo::hint());
    let stdin_closed = tokio::task::spawn_blocking(|| {
        // Nothing is ever written to stdin: reading returns at end of file.
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    });
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = stdin_closed => {}
    }
    // Dropping `kratos` stops Kratos.
    drop(kratos);
}
