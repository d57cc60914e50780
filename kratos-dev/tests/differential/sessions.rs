//! whoami, the list of other sessions, revoking one and all others.

use ory_harness::Device;

use crate::compare::{check, public, Known};
use crate::pair::{Pair, Person, APP};

fn devices() -> Vec<(&'static str, Device)> {
    vec![
        ("phone", Device::new("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "203.0.113.7").at("Berlin", "DE")),
        ("laptop", Device::new("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "198.51.100.9")),
        ("tablet", Device::new("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)", "198.51.100.10").at("Lyon", "FR")),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whoami_list_and_revoke() {
    let mut pair = Pair::start().await;
    let others = devices();
    pair.person(&Person { name: "ada", others: &others, totp: false }).await;
    pair.person(&Person { name: "bob", others: &[], totp: false }).await;
    let steps = vec![
        public("whoami by cookie", "GET", "/sessions/whoami").cookie("ada.browser").json_accept(),
        public("whoami by token", "GET", "/sessions/whoami").token("ada.api"),
        public("whoami by bearer", "GET", "/sessions/whoami").bearer("ada.api"),
        public("whoami by POST", "POST", "/sessions/whoami").token("ada.api"),
        public("whoami without credentials", "GET", "/sessions/whoami"),
        public("whoami with a bad token", "GET", "/sessions/whoami").header("X-Session-Token", "ory_st_nope"),
        public("whoami tokenize_as unknown", "GET", "/sessions/whoami?tokenize_as=nope").token("ada.api"),
        public("whoami from an allowed origin", "GET", "/sessions/whoami").cookie("ada.browser").origin(APP),
        public("whoami from a foreign origin", "GET", "/sessions/whoami")
            .cookie("ada.browser")
            .origin("https://evil.example"),
        public("list by cookie", "GET", "/sessions").cookie("ada.browser").origin(APP),
        public("list by token", "GET", "/sessions").token("ada.api"),
        public("list page_size 2", "GET", "/sessions?page_size=2").token("ada.api"),
        public("list page_size 2 page 1", "GET", "/sessions?page_size=2&page_token=eyJvZmZzZXQiOiIyIiwidiI6Mn0")
            .token("ada.api"),
        public("list page_size 0", "GET", "/sessions?page_size=0").token("ada.api"),
        public("list page_size 5000", "GET", "/sessions?page_size=5000").token("ada.api"),
        public("list page_size junk", "GET", "/sessions?page_size=abc").token("ada.api"),
        public("list legacy per_page", "GET", "/sessions?per_page=1&page=1").token("ada.api"),
        public("list without credentials", "GET", "/sessions"),
        public("list of nobody else", "GET", "/sessions").cookie("bob.browser"),
        public("preflight DELETE", "OPTIONS", "/sessions/{id:ada.phone}")
            .origin(APP)
            .header("Access-Control-Request-Method", "DELETE"),
        public("preflight DELETE with headers", "OPTIONS", "/sessions")
            .origin(APP)
            .header("Access-Control-Request-Method", "DELETE")
            .header("Access-Control-Request-Headers", "content-type,x-session-token"),
        public("preflight foreign origin", "OPTIONS", "/sessions")
            .origin("https://evil.example")
            .header("Access-Control-Request-Method", "DELETE"),
        public("preflight unknown header", "OPTIONS", "/sessions")
            .origin(APP)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "x-nope"),
        public("revoke not a uuid", "DELETE", "/sessions/BADUUID").cookie("ada.browser"),
        public("revoke the current session", "DELETE", "/sessions/{id:ada.browser}").cookie("ada.browser"),
        public("revoke someone else's session", "DELETE", "/sessions/{id:bob.api}").cookie("ada.browser"),
        public("revoke unknown", "DELETE", "/sessions/00000000-0000-4000-8000-000000000000").cookie("ada.browser"),
        public("revoke without credentials", "DELETE", "/sessions/{id:ada.phone}"),
        public("revoke one", "DELETE", "/sessions/{id:ada.phone}").cookie("ada.browser").origin(APP),
        public("revoke it again", "DELETE", "/sessions/{id:ada.phone}").cookie("ada.browser"),
        public("revoke whoami", "DELETE", "/sessions/whoami").token("ada.api"),
        public("list after revoking one", "GET", "/sessions").cookie("ada.browser"),
        public("bob still signed in", "GET", "/sessions/whoami").token("bob.api"),
        public("revoke others", "DELETE", "/sessions").cookie("ada.browser").origin(APP),
        public("revoke others again", "DELETE", "/sessions").cookie("ada.browser"),
        public("list after revoking others", "GET", "/sessions").cookie("ada.browser"),
        public("revoked token", "GET", "/sessions/whoami").token("ada.api"),
        public("revoke others without credentials", "DELETE", "/sessions"),
        public("public extend is not routed", "PATCH", "/sessions/{id:ada.browser}/extend").cookie("ada.browser"),
        public("GET one session is not routed", "GET", "/sessions/{id:ada.browser}").cookie("ada.browser"),
    ];
    check(&mut pair, &steps, KNOWN).await;
}

const KNOWN: &[Known] = &[];
