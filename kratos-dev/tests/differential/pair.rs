//! kratos-dev and the real Kratos side by side, with the same state made
//! on both: kratos-dev through its `/dev/` seeding, Kratos through its own
//! login flows. Each side keeps its own ids, tokens and cookies under
//! shared names, so one script can address both.

use std::collections::BTreeMap;

use ory_harness::flows::Login;
use ory_harness::{Device, Http, Kratos, KratosOptions};
use serde_json::{json, Value};

/// The page's origin in these runs (CORS and return URLs on both sides).
pub const APP: &str = "http://localhost:8080";

pub struct Side {
    pub name: &'static str,
    /// Where requests go (127.0.0.1 and the port).
    pub public: String,
    pub admin: String,
    /// Names (`ada.phone`, `token:ada.api`, …) to this side's values.
    pub values: BTreeMap<String, String>,
}

impl Side {
    fn put(&mut self, key: String, value: &str) {
        self.values.insert(key, value.to_owned());
    }

    /// `{id:x}`, `{token:x}`, `{cookie:x}` and `{identity:x}` filled in.
    pub fn fill(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (k, v) in &self.values {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        out
    }

    /// This side's values turned back into their names (longest first, so
    /// a cookie is masked before a token it might contain).
    pub fn unfill(&self, text: &str) -> String {
        let mut pairs: Vec<_> = self.values.iter().collect();
        pairs.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
        let mut out = text.to_owned();
        for (k, v) in pairs {
            out = out.replace(v.as_str(), &format!("<{k}>"));
        }
        out
    }
}

/// One person's sessions: `others` (named devices) first, then the
/// current ones: `api` (a session token) and `browser` (a cookie).
pub struct Person<'a> {
    pub name: &'a str,
    pub others: &'a [(&'a str, Device)],
    /// A second factor: on Kratos, TOTP enrolled from the `api` session
    /// (so it is aal2 and `browser` is an aal1 session of an aal2 identity).
    pub totp: bool,
}

pub struct Pair {
    pub dev: Side,
    pub ory: Side,
    pub http: Http,
    pub kratos: Kratos,
    _dev: kratos_dev::Running,
}

pub fn browser_device() -> Device {
    Device::new(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "192.0.2.1",
    )
}

pub fn api_device() -> Device {
    Device::new("kratos-sessions-tests/1.0", "192.0.2.2")
}

impl Pair {
    /// Both backends, kratos-dev in its v1.3.1 mode and configured as
    /// `tests/ory/kratos.yml` configures Kratos.
    pub async fn start() -> Pair {
        let kratos = Kratos::start(KratosOptions { app_origin: APP.into(), ..KratosOptions::default() }).await;
        let mut cfg = kratos_dev::Config::default();
        cfg.serve.public.port = 0;
        cfg.serve.admin.port = 0;
        cfg.serve.public.cors.allowed_origins = vec![APP.into()];
        cfg.selfservice.allowed_return_urls = vec![format!("{APP}/")];
        cfg.selfservice.default_browser_return_url = format!("{APP}/");
        cfg.selfservice.flows.error.ui_url = Some(format!("{APP}/error"));
        cfg.kratos_dev.kratos_version = kratos_dev::config::KratosVersion::V1_3_1;
        let running = kratos_dev::start(cfg).await.expect("start kratos-dev");
        let side = |name, public_port: u16, admin_port: u16| {
            let mut s = Side {
                name,
                public: format!("http://127.0.0.1:{public_port}"),
                admin: format!("http://127.0.0.1:{admin_port}"),
                values: BTreeMap::new(),
            };
            s.put("public".into(), &format!("http://localhost:{public_port}"));
            s.put("admin".into(), &format!("http://localhost:{admin_port}"));
            s.put("public-ip".into(), &s.public.clone());
            s.put("admin-ip".into(), &s.admin.clone());
            s
        };
        Pair {
            dev: side("kratos-dev", running.public_addr.port(), running.admin_addr.port()),
            ory: side("Kratos v1.3.1", kratos.public_port, kratos.admin_port),
            http: Http::default(),
            kratos,
            _dev: running,
        }
    }

    /// Makes `person` on both sides.
    pub async fn person(&mut self, person: &Person<'_>) {
        self.person_on_kratos(person).await;
        self.person_on_dev(person).await;
    }

    async fn person_on_kratos(&mut self, p: &Person<'_>) {
        let email = format!("{}@example.com", p.name);
        let identity = self.kratos.create_identity(&email).await;
        let side = &mut self.ory;
        side.put(format!("identity:{}", p.name), identity["id"].as_str().expect("id"));
        for (name, device) in p.others {
            let login = self.kratos.api_login(&email, device).await;
            record(side, p.name, name, &login);
        }
        let api = self.kratos.api_login(&email, &api_device()).await;
        if p.totp {
            self.kratos.enable_totp(&api.token).await;
        }
        record(side, p.name, "api", &api);
        let jar = self.kratos.browser_login(&email, &browser_device()).await;
        let cookie = jar.get("ory_kratos_session").expect("cookie");
        let whoami = self
            .http
            .req("GET", &format!("{}/sessions/whoami", self.kratos.public))
            .header("Cookie", &format!("ory_kratos_session={cookie}"))
            .send()
            .await;
        // An aal1 browser session of an aal2 identity is refused by whoami;
        // its id is then found through the admin API.
        let id = if whoami.status == 200 {
            whoami.json()["id"].as_str().expect("id").to_owned()
        } else {
            newest_session(&self.http, &self.kratos.admin, side.values[&format!("identity:{}", p.name)].as_str()).await
        };
        side.put(format!("id:{}.browser", p.name), &id);
        side.put(format!("cookie:{}.browser", p.name), &cookie);
    }

    async fn person_on_dev(&mut self, p: &Person<'_>) {
        let email = format!("{}@example.com", p.name);
        let seed = |identity: Option<&str>, device: &Device, aal2: bool| {
            let mut methods = vec![json!({ "method": "password" })];
            if aal2 {
                methods.push(json!({ "method": "totp" }));
            }
            let mut body = json!({
                "second_factor": p.totp,
                "devices": [{ "user_agent": device.user_agent, "ip_address": device.ip, "location": location(device) }],
                "authentication_methods": methods,
            });
            match identity {
                Some(id) => body["identity_id"] = json!(id),
                None => body["traits"] = json!({ "email": email }),
            }
            body
        };
        let mut identity: Option<String> = None;
        let mut sessions: Vec<(String, Value)> = Vec::new();
        let mut plan: Vec<(&str, Device, bool)> = p.others.iter().map(|(n, d)| (*n, d.clone(), false)).collect();
        plan.push(("api", api_device(), p.totp));
        plan.push(("browser", browser_device(), false));
        for (name, device, aal2) in plan {
            let body = seed(identity.as_deref(), &device, aal2);
            let res = self.http.req("POST", &format!("{}/dev/sessions", self.dev.admin)).json(&body).send().await;
            let v = res.expect(201, "seed kratos-dev").json();
            identity.get_or_insert_with(|| v["session"]["identity"]["id"].as_str().expect("identity").to_owned());
            sessions.push((name.to_owned(), v));
        }
        let side = &mut self.dev;
        side.put(format!("identity:{}", p.name), identity.as_deref().expect("identity"));
        for (name, v) in sessions {
            side.put(format!("id:{}.{name}", p.name), v["session"]["id"].as_str().expect("id"));
            side.put(format!("token:{}.{name}", p.name), v["session_token"].as_str().expect("token"));
            side.put(format!("cookie:{}.{name}", p.name), v["cookie"].as_str().expect("cookie"));
        }
    }
}

fn location(d: &Device) -> String {
    match (&d.city, &d.country) {
        (Some(city), Some(country)) => format!("{city}, {country}"),
        _ => String::new(),
    }
}

fn record(side: &mut Side, person: &str, name: &str, login: &Login) {
    side.put(format!("id:{person}.{name}"), &login.id());
    side.put(format!("token:{person}.{name}"), &login.token);
}

async fn newest_session(http: &Http, admin: &str, identity: &str) -> String {
    let list = http.req("GET", &format!("{admin}/admin/identities/{identity}/sessions")).send().await;
    let list = list.expect(200, "identity sessions").json();
    let newest = list
        .as_array()
        .expect("array")
        .iter()
        .max_by_key(|s| s["authenticated_at"].as_str().unwrap_or("").to_owned())
        .expect("a session");
    newest["id"].as_str().expect("id").to_owned()
}
