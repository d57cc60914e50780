//! OAuth2 apps connected the way a person connects them, headlessly
//! (real-ory.md, "Connected apps through Hydra"): a client registered
//! through the admin API, then the authorization-code flow with Hydra's own
//! cookies in a jar, the login and consent accepted through the admin API
//! as a login/consent app would, and the code exchanged for tokens.
//!
//! The jar must talk to Hydra under its issuer's host name (`localhost`,
//! which [`Hydra::public`] uses), or Hydra's CSRF cookie is not sent back.

use serde_json::{json, Value};

use crate::http::{encode, Jar, Res};
use crate::process::Hydra;

/// What the client looks like on its consent screen (and in the page).
#[derive(Debug, Clone)]
pub struct AppSpec {
    pub client_id: String,
    pub name: String,
    pub logo_uri: Option<String>,
    pub client_uri: Option<String>,
    pub policy_uri: Option<String>,
    pub tos_uri: Option<String>,
    /// The scopes the client may ask for, space separated.
    pub scope: String,
    /// The access-token audiences the client may ask for.
    pub audience: Vec<String>,
}

impl AppSpec {
    /// A client that may ask for `openid offline offline_access email
    /// profile`, with no URIs.
    pub fn new(client_id: &str, name: &str) -> AppSpec {
        AppSpec {
            client_id: client_id.into(),
            name: name.into(),
            logo_uri: None,
            client_uri: None,
            policy_uri: None,
            tos_uri: None,
            scope: "openid offline offline_access email profile".into(),
            audience: Vec::new(),
        }
    }

    /// A client with a logo and every link, under `https://<client_id>.example`.
    pub fn demo(client_id: &str, name: &str) -> AppSpec {
        let site = format!(
            "https://{}.example",
            client_id.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        );
        AppSpec {
            logo_uri: Some(format!("{site}/logo.png")),
            client_uri: Some(format!("{site}/")),
            policy_uri: Some(format!("{site}/privacy")),
            tos_uri: Some(format!("{site}/terms")),
            audience: vec![format!("{site}/api")],
            ..AppSpec::new(client_id, name)
        }
    }
}

/// A registered client's credentials.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
}

/// What the person grants in one authorization.
#[derive(Debug, Clone)]
pub struct Grant {
    pub scopes: Vec<String>,
    pub audiences: Vec<String>,
    /// Remember the consent (Hydra skips the consent screen next time).
    pub remember: bool,
    /// Seconds; 0 is "until revoked".
    pub remember_for: u64,
    /// `prompt=consent`: Hydra asks (and records a grant) even when it
    /// remembers an earlier consent; this is how one client gets many rows.
    pub prompt_consent: bool,
    /// Exchange the code for tokens (the grant is recorded without it).
    pub exchange: bool,
}

impl Default for Grant {
    fn default() -> Self {
        Grant {
            scopes: vec!["openid".into(), "offline".into(), "email".into()],
            audiences: Vec::new(),
            remember: true,
            remember_for: 0,
            prompt_consent: false,
            exchange: true,
        }
    }
}

impl Grant {
    pub fn scopes(scopes: &[&str]) -> Grant {
        Grant { scopes: scopes.iter().map(|s| s.to_string()).collect(), ..Grant::default() }
    }
}

#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: String,
    /// Only with the `offline` or `offline_access` scope.
    pub refresh_token: Option<String>,
    pub id_token: Option<String>,
}

impl Tokens {
    fn from_json(v: &Value) -> Tokens {
        let s = |k: &str| v[k].as_str().map(str::to_owned);
        Tokens {
            access_token: s("access_token").expect("access_token"),
            refresh_token: s("refresh_token"),
            id_token: s("id_token"),
        }
    }
}

/// How one authorization went.
#[derive(Debug, Clone)]
pub struct Authorization {
    /// Hydra remembered the login (its `ory_hydra_session` in the jar).
    pub login_skipped: bool,
    /// Hydra remembered the consent.
    pub consent_skipped: bool,
    /// `None` when [`Grant::exchange`] is false.
    pub tokens: Option<Tokens>,
}

/// A client and the tokens a subject's grant gave it.
#[derive(Debug, Clone)]
pub struct ConnectedApp {
    pub client: OAuthClient,
    pub tokens: Tokens,
}

/// The claims the consent puts into the tokens; the server half must never
/// show them (they are in Hydra's consent-session rows).
pub const SESSION_CLAIM: &str = "claim-that-must-not-leak@example.com";

impl Hydra {
    /// Registers a confidential client (authorization code + refresh token,
    /// `client_secret_post`); panics on 409 when the id exists.
    pub async fn create_client(&self, spec: &AppSpec) -> OAuthClient {
        let secret = format!("secret-{}", encode(&spec.client_id));
        let redirect_uri = "http://127.0.0.1:9/callback".to_owned();
        let mut body = json!({
            "client_id": spec.client_id,
            "client_name": spec.name,
            "client_secret": secret,
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "scope": spec.scope,
            "audience": spec.audience,
            "redirect_uris": [redirect_uri],
            "token_endpoint_auth_method": "client_secret_post",
            "owner": "owner-that-must-not-leak",
            "contacts": ["contact-that-must-not-leak@example.com"],
            "metadata": { "internal": "metadata-that-must-not-leak" },
        });
        for (k, v) in [
            ("logo_uri", &spec.logo_uri),
            ("client_uri", &spec.client_uri),
            ("policy_uri", &spec.policy_uri),
            ("tos_uri", &spec.tos_uri),
        ] {
            if let Some(v) = v {
                body[k] = json!(v);
            }
        }
        let res = self.http.req("POST", &format!("{}/admin/clients", self.admin)).json(&body).send().await;
        let v = res.expect(201, "create OAuth2 client").json();
        assert_eq!(v["client_id"], spec.client_id.as_str(), "Hydra kept the client id");
        OAuthClient { client_id: spec.client_id.clone(), client_secret: secret, redirect_uri }
    }

    /// One authorization-code flow for `subject` in `jar` (a browser: it
    /// keeps Hydra's login session between calls).
    pub async fn authorize(&self, jar: &Jar, client: &OAuthClient, subject: &str, grant: &Grant) -> Authorization {
        let mut url = self.authorization_url(client, &grant.scopes.join(" "));
        if !grant.audiences.is_empty() {
            url.push_str(&format!("&audience={}", encode(&grant.audiences.join(" "))));
        }
        if grant.prompt_consent {
            url.push_str("&prompt=consent");
        }
        let res = self.http.req("GET", &url).jar(jar).send().await;
        let login_challenge = redirect_param(&res, "login_challenge");
        let login = self.login_request(&login_challenge).await;
        let login_skipped = login["skip"] == true;
        let mut accept = json!({ "subject": subject });
        if !login_skipped {
            accept["remember"] = json!(true);
            accept["remember_for"] = json!(0);
        }
        let to = self.put_admin("login/accept?login_challenge", &login_challenge, &accept).await;
        let res = self.http.req("GET", &to).jar(jar).send().await;
        let consent_challenge = redirect_param(&res, "consent_challenge");
        let consent = self
            .http
            .req(
                "GET",
                &format!(
                    "{}/admin/oauth2/auth/requests/consent?consent_challenge={}",
                    self.admin,
                    encode(&consent_challenge)
                ),
            )
            .send()
            .await
            .expect(200, "get consent request")
            .json();
        let consent_skipped = consent["skip"] == true;
        let body = json!({
            "grant_scope": grant.scopes,
            "grant_access_token_audience": grant.audiences,
            "remember": grant.remember,
            "remember_for": grant.remember_for,
            "session": { "id_token": { "email": SESSION_CLAIM }, "access_token": { "email": SESSION_CLAIM } },
        });
        let to = self.put_admin("consent/accept?consent_challenge", &consent_challenge, &body).await;
        // The consent session exists once this last redirect is followed.
        let res = self.http.req("GET", &to).jar(jar).send().await;
        let code = redirect_param(&res, "code");
        let tokens = if grant.exchange { Some(self.exchange_code(client, &code).await) } else { None };
        Authorization { login_skipped, consent_skipped, tokens }
    }

    /// A fresh browser's authorization, exchanged for tokens.
    pub async fn grant(&self, client: &OAuthClient, subject: &str, grant: &Grant) -> Tokens {
        let grant = Grant { exchange: true, ..grant.clone() };
        self.authorize(&Jar::default(), client, subject, &grant).await.tokens.expect("tokens")
    }

    /// Registers `spec`'s client and has `subject` grant it: for demos and
    /// browser tests that need an app on the "Connected apps" panel.
    pub async fn connect_app(&self, spec: &AppSpec, subject: &str, grant: &Grant) -> ConnectedApp {
        let client = self.create_client(spec).await;
        let tokens = self.grant(&client, subject, grant).await;
        ConnectedApp { client, tokens }
    }

    /// `GET /admin/oauth2/auth/requests/login`: has `skip`, `subject`, ….
    pub async fn login_request(&self, challenge: &str) -> Value {
        self.http
            .req(
                "GET",
                &format!("{}/admin/oauth2/auth/requests/login?login_challenge={}", self.admin, encode(challenge)),
            )
            .send()
            .await
            .expect(200, "get login request")
            .json()
    }

    /// Starts an authorization and returns its login request only (to see
    /// whether Hydra remembered the login: `skip`).
    pub async fn start_login(&self, jar: &Jar, client: &OAuthClient, scopes: &[&str]) -> Value {
        let url = self.authorization_url(client, &scopes.join(" "));
        let res = self.http.req("GET", &url).jar(jar).send().await;
        self.login_request(&redirect_param(&res, "login_challenge")).await
    }

    async fn put_admin(&self, path_and_param: &str, challenge: &str, body: &Value) -> String {
        let url = format!("{}/admin/oauth2/auth/requests/{path_and_param}={}", self.admin, encode(challenge));
        let v = self.http.req("PUT", &url).json(body).send().await.expect(200, path_and_param).json();
        v["redirect_to"].as_str().expect("redirect_to").to_owned()
    }

    /// The start of an authorization-code flow (`state` long enough for
    /// Hydra's minimum of 8 characters).
    fn authorization_url(&self, client: &OAuthClient, scope: &str) -> String {
        format!(
            "{}/oauth2/auth?client_id={}&response_type=code&scope={}&redirect_uri={}&state=state-12345678",
            self.public,
            encode(&client.client_id),
            encode(scope),
            encode(&client.redirect_uri)
        )
    }

    /// `POST /oauth2/token` with `grant` and the client's credentials
    /// (`client_secret_post`).
    async fn token(&self, client: &OAuthClient, grant: &[(&str, &str)]) -> Res {
        let mut form = grant.to_vec();
        form.extend([("client_id", client.client_id.as_str()), ("client_secret", client.client_secret.as_str())]);
        self.http.req("POST", &format!("{}/oauth2/token", self.public)).form(&form).send().await
    }

    pub async fn exchange_code(&self, client: &OAuthClient, code: &str) -> Tokens {
        let grant = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", &client.redirect_uri)];
        Tokens::from_json(&self.token(client, &grant).await.expect(200, "exchange code").json())
    }

    /// A refresh-token grant; 200 with new tokens, or 400 `invalid_grant`
    /// once the consent is revoked.
    pub async fn refresh(&self, client: &OAuthClient, refresh_token: &str) -> Res {
        self.token(client, &[("grant_type", "refresh_token"), ("refresh_token", refresh_token)]).await
    }

    /// Token introspection (admin API): `{"active": …, …}`.
    pub async fn introspect(&self, token: &str) -> Value {
        self.http
            .req("POST", &format!("{}/admin/oauth2/introspect", self.admin))
            .form(&[("token", token)])
            .send()
            .await
            .expect(200, "introspect")
            .json()
    }

    pub async fn is_active(&self, token: &str) -> bool {
        self.introspect(token).await["active"] == true
    }

    /// The raw consent-session rows of `subject` (first page, 1000 rows).
    pub async fn consent_sessions(&self, subject: &str) -> Vec<Value> {
        let url =
            format!("{}/admin/oauth2/auth/sessions/consent?subject={}&page_size=1000", self.admin, encode(subject));
        let v = self.http.req("GET", &url).send().await.expect(200, "list consent sessions").json();
        v.as_array().expect("an array").clone()
    }
}

/// The query parameter `name` of a redirect's `Location`.
fn redirect_param(res: &Res, name: &str) -> String {
    assert!(matches!(res.status, 302 | 303), "expected a redirect with {name}: {} {}", res.status, res.body);
    let location = res.header("location").expect("Location");
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| decode(v))
        .unwrap_or_else(|| panic!("no {name} in {location}"))
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
                out.push(u8::from_str_radix(hex, 16).expect("percent escape"));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("utf-8")
}
