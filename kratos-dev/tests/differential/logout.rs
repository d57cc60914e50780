//! The browser logout flow (JSON and browser mode) and the API logout.

use crate::compare::{check, public, Known};
use crate::pair::{Pair, Person, APP};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_flows() {
    let mut pair = Pair::start().await;
    pair.person(&Person { name: "cleo", others: &[], totp: false }).await;
    pair.person(&Person { name: "dan", others: &[], totp: false }).await;
    let init = |name: &str, query: &str| public(name, "GET", &format!("/self-service/logout/browser{query}"));
    let logout = |name: &str, query: &str| public(name, "GET", &format!("/self-service/logout{query}"));
    let api = |name: &str| public(name, "DELETE", "/self-service/logout/api");
    let steps = vec![
        init("init by cookie", "")
            .cookie("cleo.browser")
            .json_accept()
            .origin(APP)
            .capture("logout:cleo", "/logout_token"),
        init("init again, same token", "").cookie("cleo.browser").json_accept(),
        init("init in browser mode", "").cookie("cleo.browser"),
        init("init by token", "").token("cleo.api").json_accept(),
        init("init by bearer", "").bearer("cleo.api").json_accept(),
        init("init with return_to", &format!("?return_to={APP}/")).cookie("cleo.browser").json_accept(),
        init("init with a foreign return_to", "?return_to=https://www.ory.com").cookie("cleo.browser").json_accept(),
        init("init with a foreign return_to, browser", "?return_to=https://www.ory.com").cookie("cleo.browser"),
        init("init without a session", "").json_accept(),
        init("init without a session, browser", ""),
        init("init with Accept */*", "").header("Accept", "*/*"),
        logout("logout without a token", "").cookie("cleo.browser").json_accept(),
        logout("logout without a token, browser", "").cookie("cleo.browser"),
        logout("logout with a garbled token", "?token={logout:cleo}x").cookie("cleo.browser").json_accept(),
        logout("logout with someone else's cookie", "?token={logout:cleo}").cookie("dan.browser").json_accept(),
        logout("logout without a cookie", "?token={logout:cleo}").json_accept(),
        logout("logout", "?token={logout:cleo}").cookie("cleo.browser").json_accept().origin(APP),
        logout("logout again", "?token={logout:cleo}").cookie("cleo.browser").json_accept(),
        init("dan's init, browser mode", "?return_to=http://localhost:8080/")
            .cookie("dan.browser")
            .capture("logout:dan", "/logout_token"),
        logout("logout in browser mode", "?token={logout:dan}&return_to=http://localhost:8080/").cookie("dan.browser"),
        api("API logout, empty body").header("Content-Type", "application/json"),
        api("API logout, wrong content type").header("Content-Type", "text/plain").body("{}"),
        api("API logout, bad JSON").header("Content-Type", "application/json").body("{"),
        api("API logout, no token").header("Content-Type", "application/json").body("{}"),
        api("API logout, unknown token")
            .header("Content-Type", "application/json")
            .body(r#"{"session_token":"ory_st_nope"}"#),
        api("API logout").header("Content-Type", "application/json").body(r#"{"session_token":"{token:cleo.api}"}"#),
        api("API logout again")
            .header("Content-Type", "application/json")
            .body(r#"{"session_token":"{token:cleo.api}"}"#),
        public("whoami after API logout", "GET", "/sessions/whoami").token("cleo.api"),
    ];
    check(&mut pair, &steps, KNOWN).await;
}

const KNOWN: &[Known] = &[];
