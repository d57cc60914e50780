//! Sessions made the way a person makes them, through Kratos's own flows
//! (real-ory.md): no database writes, so what the tests see is what a
//! deployment would.

use serde_json::{json, Value};

use crate::http::{encode, Jar};
use crate::process::Kratos;

/// The "device" a login comes from: Kratos stores the User-Agent, the IP
/// from `True-Client-IP` and, with Cloudflare's headers, "City, CC".
#[derive(Debug, Clone, Default)]
pub struct Device {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
}

impl Device {
    pub fn new(user_agent: &str, ip: &str) -> Self {
        Device { user_agent: Some(user_agent.into()), ip: Some(ip.into()), ..Device::default() }
    }

    pub fn at(mut self, city: &str, country: &str) -> Self {
        self.city = Some(city.into());
        self.country = Some(country.into());
        self
    }

    fn headers(&self) -> Vec<(&'static str, String)> {
        let mut h = Vec::new();
        let mut add = |k, v: &Option<String>| {
            if let Some(v) = v {
                h.push((k, v.clone()));
            }
        };
        add("User-Agent", &self.user_agent);
        add("True-Client-IP", &self.ip);
        add("CF-IPCity", &self.city);
        add("CF-IPCountry", &self.country);
        h
    }
}

/// An API login's result: the session token and the session.
#[derive(Debug, Clone)]
pub struct Login {
    pub token: String,
    pub session: Value,
}

impl Login {
    pub fn id(&self) -> String {
        self.session["id"].as_str().expect("session id").to_owned()
    }

    pub fn identity(&self) -> String {
        self.session["identity"]["id"].as_str().expect("identity id").to_owned()
    }
}

/// The password every test identity gets.
pub const PASSWORD: &str = "correct-horse-battery-staple-42";

impl Kratos {
    /// `POST /admin/identities` with a password; returns the identity.
    pub async fn create_identity(&self, email: &str) -> Value {
        let body = json!({
            "schema_id": "default",
            "traits": { "email": email },
            "credentials": { "password": { "config": { "password": PASSWORD } } }
        });
        self.http
            .req("POST", &format!("{}/admin/identities", self.admin))
            .json(&body)
            .send()
            .await
            .expect(201, "create identity")
            .json()
    }

    /// A session on `device` through the API login flow (password).
    pub async fn api_login(&self, email: &str, device: &Device) -> Login {
        let flow = self.http.req("GET", &format!("{}/self-service/login/api", self.public)).send().await;
        let flow = flow.expect(200, "init API login").json();
        let id = flow["id"].as_str().expect("flow id");
        let mut req = self.http.req("POST", &format!("{}/self-service/login?flow={id}", self.public));
        for (k, v) in device.headers() {
            req = req.header(k, &v);
        }
        let res = req
            .json(&json!({ "method": "password", "identifier": email, "password": PASSWORD }))
            .send()
            .await
            .expect(200, "API login");
        let v = res.json();
        Login { token: v["session_token"].as_str().expect("session_token").to_owned(), session: v["session"].clone() }
    }

    /// The browser login flow (JSON, with its CSRF cookie and token), as the
    /// page's sign-in would drive it; returns the jar holding the
    /// `ory_kratos_session` cookie. `aal2_secret` answers a TOTP step-up
    /// in the same browser afterwards.
    pub async fn browser_login(&self, email: &str, device: &Device) -> Jar {
        let jar = Jar::default();
        self.browser_flow(&jar, device, "", json!({ "method": "password", "identifier": email, "password": PASSWORD }))
            .await;
        assert!(jar.get("ory_kratos_session").is_some(), "the browser login set no session cookie");
        jar
    }

    /// Steps the browser's session up to AAL2 with a TOTP code.
    pub async fn browser_aal2(&self, jar: &Jar, device: &Device, secret: &str) {
        let body = json!({ "method": "totp", "totp_code": crate::totp::code(secret) });
        self.browser_flow(jar, device, "?aal=aal2", body).await;
    }

    async fn browser_flow(&self, jar: &Jar, device: &Device, query: &str, mut body: Value) {
        let mut init = self
            .http
            .req("GET", &format!("{}/self-service/login/browser{query}", self.public))
            .header("Accept", "application/json")
            .jar(jar);
        for (k, v) in device.headers() {
            init = init.header(k, &v);
        }
        let flow = init.send().await.expect(200, "init browser login").json();
        let id = flow["id"].as_str().expect("flow id").to_owned();
        body["csrf_token"] = json!(csrf_token(&flow));
        let mut req = self
            .http
            .req("POST", &format!("{}/self-service/login?flow={}", self.public, encode(&id)))
            .header("Accept", "application/json")
            .jar(jar);
        for (k, v) in device.headers() {
            req = req.header(k, &v);
        }
        let res = req.json(&body).send().await;
        // An identity with a second factor gets its aal1 session (and the
        // cookie) with a 422 asking the browser to go on to aal2.
        let aal2_next = res.status == 422 && res.body.contains("browser_location_change_required");
        if !aal2_next {
            res.expect(200, "browser login");
        }
    }

    /// Enrols TOTP for the token's identity through the settings flow
    /// (which makes that session aal2); returns the secret.
    pub async fn enable_totp(&self, token: &str) -> String {
        let flow = self
            .http
            .req("GET", &format!("{}/self-service/settings/api", self.public))
            .header("X-Session-Token", token)
            .send()
            .await
            .expect(200, "init settings")
            .json();
        let id = flow["id"].as_str().expect("flow id");
        let secret =
            node(&flow, "totp_secret_key")["attributes"]["text"]["text"].as_str().expect("totp secret text").to_owned();
        let res = self
            .http
            .req("POST", &format!("{}/self-service/settings?flow={id}", self.public))
            .header("X-Session-Token", token)
            .json(&json!({ "method": "totp", "totp_code": crate::totp::code(&secret) }))
            .send()
            .await
            .expect(200, "enable TOTP");
        assert_eq!(res.json()["state"], "success", "{}", res.body);
        secret
    }

    /// Steps an API session up to AAL2 with a TOTP code.
    pub async fn api_aal2(&self, token: &str, secret: &str) -> Value {
        let flow = self
            .http
            .req("GET", &format!("{}/self-service/login/api?aal=aal2", self.public))
            .header("X-Session-Token", token)
            .send()
            .await
            .expect(200, "init aal2 login")
            .json();
        let id = flow["id"].as_str().expect("flow id");
        self.http
            .req("POST", &format!("{}/self-service/login?flow={id}", self.public))
            .header("X-Session-Token", token)
            .json(&json!({ "method": "totp", "totp_code": crate::totp::code(secret) }))
            .send()
            .await
            .expect(200, "aal2 login")
            .json()["session"]
            .clone()
    }

    /// Revokes a session through the admin API (it stays, inactive).
    pub async fn revoke(&self, session_id: &str) {
        self.http
            .req("DELETE", &format!("{}/admin/sessions/{session_id}", self.admin))
            .send()
            .await
            .expect(204, "admin revoke");
    }

    /// A session as the admin API sees it.
    pub async fn admin_session(&self, session_id: &str) -> Value {
        self.http
            .req("GET", &format!("{}/admin/sessions/{session_id}", self.admin))
            .send()
            .await
            .expect(200, "admin session")
            .json()
    }
}

/// The UI node whose `attributes.id` or `attributes.name` is `name`.
fn node<'a>(flow: &'a Value, name: &str) -> &'a Value {
    flow["ui"]["nodes"]
        .as_array()
        .expect("ui.nodes")
        .iter()
        .find(|n| n["attributes"]["id"] == name || n["attributes"]["name"] == name)
        .unwrap_or_else(|| panic!("no node {name} in {flow}"))
}

fn csrf_token(flow: &Value) -> String {
    node(flow, "csrf_token")["attributes"]["value"].as_str().expect("csrf_token value").to_owned()
}
