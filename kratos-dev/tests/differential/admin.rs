//! The admin endpoints kratos-dev serves, and the AAL rule (TOTP).

use ory_harness::Device;

use crate::compare::{admin, check, public, Known};
use crate::pair::{Pair, Person};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_endpoints() {
    let mut pair = Pair::start().await;
    let others = [(
        "phone",
        Device::new("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)", "203.0.113.7").at("Berlin", "DE"),
    )];
    pair.person(&Person { name: "eve", others: &others, totp: false }).await;
    let unknown = "00000000-0000-4000-8000-000000000000";
    let steps = vec![
        admin("session", "GET", "/admin/sessions/{id:eve.phone}"),
        admin("session, expand identity", "GET", "/admin/sessions/{id:eve.phone}?expand=identity"),
        admin("session, expand devices", "GET", "/admin/sessions/{id:eve.phone}?expand=Devices"),
        admin("session, expand both", "GET", "/admin/sessions/{id:eve.phone}?expand=identity&expand=devices"),
        admin("session, bad expand", "GET", "/admin/sessions/{id:eve.phone}?expand=nope"),
        admin("session, not a uuid", "GET", "/admin/sessions/BADUUID"),
        admin("session, unknown", "GET", &format!("/admin/sessions/{unknown}")),
        admin("session without /admin", "GET", "/sessions/{id:eve.phone}"),
        admin("whoami on admin", "GET", "/admin/sessions/whoami"),
        admin("DELETE /admin/sessions", "DELETE", "/admin/sessions"),
        admin("identity sessions", "GET", "/admin/identities/{identity:eve}/sessions"),
        admin("identity sessions, page_size 1", "GET", "/admin/identities/{identity:eve}/sessions?page_size=1"),
        admin("identity sessions, bad active", "GET", "/admin/identities/{identity:eve}/sessions?active=maybe"),
        admin("identity sessions, not a uuid", "GET", "/admin/identities/BADUUID/sessions"),
        admin("identity sessions, unknown", "GET", &format!("/admin/identities/{unknown}/sessions")),
        admin("list of every session", "GET", "/admin/sessions"),
        admin("list of active sessions, expanded", "GET", "/admin/sessions?active=true&expand=identity&expand=devices"),
        admin("list, bad page_size", "GET", "/admin/sessions?page_size=abc"),
        admin("list, bad active", "GET", "/admin/sessions?active=maybe"),
        admin("list, bad expand", "GET", "/admin/sessions?expand=nope"),
        admin("extend", "PATCH", "/admin/sessions/{id:eve.phone}/extend"),
        admin("extend unknown", "PATCH", &format!("/admin/sessions/{unknown}/extend")),
        admin("extend not a uuid", "PATCH", "/admin/sessions/BADUUID/extend"),
        admin("revoke", "DELETE", "/admin/sessions/{id:eve.phone}"),
        admin("revoke again", "DELETE", "/admin/sessions/{id:eve.phone}"),
        admin("revoke unknown", "DELETE", &format!("/admin/sessions/{unknown}")),
        admin("revoked session", "GET", "/admin/sessions/{id:eve.phone}"),
        admin("identity sessions, active", "GET", "/admin/identities/{identity:eve}/sessions?active=true"),
        admin("identity sessions, inactive", "GET", "/admin/identities/{identity:eve}/sessions?active=false"),
        public("revoke others counts the revoked one", "DELETE", "/sessions").cookie("eve.browser"),
        public("public delete of identity sessions", "DELETE", "/admin/identities/{identity:eve}/sessions"),
        admin("delete identity sessions", "DELETE", "/admin/identities/{identity:eve}/sessions"),
        admin("delete them again", "DELETE", "/admin/identities/{identity:eve}/sessions"),
        admin("delete, not a uuid", "DELETE", "/admin/identities/BADUUID/sessions"),
        public("whoami after the delete", "GET", "/sessions/whoami").cookie("eve.browser"),
    ];
    check(&mut pair, &steps, ADMIN_KNOWN).await;
}

const ADMIN_KNOWN: &[Known] = &[];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn second_factor() {
    let mut pair = Pair::start().await;
    let others = [(
        "laptop",
        Device::new("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "198.51.100.9"),
    )];
    pair.person(&Person { name: "fay", others: &others, totp: true }).await;
    let steps = vec![
        public("aal1 whoami of an aal2 identity", "GET", "/sessions/whoami").cookie("fay.browser"),
        public("aal1 list (v1.3.1: no AAL check)", "GET", "/sessions").cookie("fay.browser"),
        public("aal2 whoami", "GET", "/sessions/whoami").token("fay.api"),
        public("aal2 list", "GET", "/sessions").token("fay.api"),
        public("aal1 logout init", "GET", "/self-service/logout/browser").cookie("fay.browser").json_accept(),
        public("aal1 revoke one", "DELETE", "/sessions/{id:fay.laptop}").cookie("fay.browser"),
        public("aal1 revoke others", "DELETE", "/sessions").cookie("fay.browser"),
    ];
    check(&mut pair, &steps, AAL_KNOWN).await;
}

const AAL_KNOWN: &[Known] = &[];
