//! Making sessions from a description: `POST /dev/sessions`'s body, and
//! the demo identities with their sessions on several devices.

use serde::Deserialize;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{NewSession, Store};
use crate::wire::{timefmt, AuthMethod, Device, Identity, KratosError, Session};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedSession {
    pub identity_id: Option<Uuid>,
    pub traits: Option<Value>,
    pub second_factor: Option<bool>,
    #[serde(default)]
    pub devices: Vec<SeedDevice>,
    #[serde(default)]
    pub authentication_methods: Vec<SeedMethod>,
    pub aal: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub authenticated_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    pub active: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedDevice {
    pub user_agent: Option<String>,
    pub ip_address: Option<String>,
    pub location: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedMethod {
    pub method: String,
    pub aal: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
    pub provider: Option<String>,
}

/// Methods that satisfy a second factor on their own (Kratos's AAL2 set).
fn default_aal(method: &str) -> &'static str {
    match method {
        "totp" | "webauthn" | "lookup_secret" => "aal2",
        _ => "aal1",
    }
}

/// Creates the session (and its identity when none is named); shared by
/// `POST /dev/sessions` and the demo data.
pub fn seed(store: &Store, lifespan: Duration, req: SeedSession) -> Result<(Session, Identity), KratosError> {
    let identity = match req.identity_id {
        Some(id) => store
            .identity(id)
            .ok_or_else(|| KratosError::not_located().reason(format!("identity {id} does not exist")))?,
        None => {
            let traits = req
                .traits
                .unwrap_or_else(|| json!({ "email": format!("user-{}@example.com", Uuid::new_v4().simple()) }));
            store.create_identity(traits, req.second_factor.unwrap_or(false))?
        }
    };
    let authenticated_at = req.authenticated_at.unwrap_or_else(timefmt::now);
    let methods = req
        .authentication_methods
        .into_iter()
        .map(|m| AuthMethod {
            aal: m.aal.unwrap_or_else(|| default_aal(&m.method).to_owned()),
            method: m.method,
            completed_at: m.completed_at.unwrap_or(authenticated_at),
            provider: m.provider,
        })
        .collect();
    let devices = req
        .devices
        .into_iter()
        .map(|d| Device {
            id: Uuid::new_v4(),
            ip_address: d.ip_address,
            user_agent: d.user_agent,
            location: Some(d.location.unwrap_or_default()),
        })
        .collect();
    let new = NewSession {
        identity_id: identity.id,
        aal: req.aal,
        methods,
        devices,
        authenticated_at: Some(authenticated_at),
        expires_at: req.expires_at,
        active: req.active,
    };
    let session = store.create_session(new, lifespan)?;
    Ok((session, identity))
}

pub const DEMO_EMAIL: &str = "demo@example.com";
pub const MFA_EMAIL: &str = "mfa@example.com";

struct Demo {
    ago: Duration,
    devices: &'static [(&'static str, &'static str, &'static str)],
    methods: &'static [(&'static str, Option<&'static str>)],
}

const DEMO: &[Demo] = &[
    Demo {
        ago: Duration::hours(3),
        devices: &[(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "203.0.113.42",
            "Berlin, DE",
        )],
        methods: &[("password", None), ("totp", None)],
    },
    Demo {
        ago: Duration::days(1),
        devices: &[(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "198.51.100.7",
            "",
        )],
        methods: &[("passkey", None)],
    },
    Demo {
        ago: Duration::days(3),
        devices: &[(
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36",
            "2001:db8::1f",
            "Lisbon, PT",
        )],
        methods: &[("oidc", Some("google"))],
    },
    Demo {
        ago: Duration::days(6),
        devices: &[
            (
                "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
                "192.0.2.10",
                "Paris, FR",
            ),
            (
                "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
                "192.0.2.77",
                "Lyon, FR",
            ),
        ],
        methods: &[("code", None)],
    },
    Demo {
        ago: Duration::days(12),
        devices: &[("curl/8.11.0", "10.1.2.3", "")],
        methods: &[("password", None)],
    },
];

/// Creates the demo identity with sessions on five devices, and a second
/// identity with a second factor for trying the step-up flow.
pub fn demo(store: &Store, lifespan: Duration) -> Result<(), KratosError> {
    if !store.identities().is_empty() {
        return Ok(());
    }
    let now = timefmt::now();
    let first = seed(
        store,
        lifespan,
        SeedSession {
            identity_id: None,
            traits: Some(json!({ "email": DEMO_EMAIL, "name": { "first": "Dana", "last": "Demo" } })),
            second_factor: Some(false),
            devices: Vec::new(),
            authentication_methods: Vec::new(),
            aal: None,
            authenticated_at: None,
            expires_at: None,
            active: Some(false),
        },
    )?;
    let identity_id = Some(first.1.id);
    for d in DEMO {
        let at = now - d.ago;
        seed(
            store,
            lifespan,
            SeedSession {
                identity_id,
                traits: None,
                second_factor: None,
                devices: d
                    .devices
                    .iter()
                    .map(|(ua, ip, loc)| SeedDevice {
                        user_agent: Some((*ua).into()),
                        ip_address: Some((*ip).into()),
                        location: Some((*loc).into()),
                    })
                    .collect(),
                authentication_methods: d
                    .methods
                    .iter()
                    .enumerate()
                    .map(|(i, (m, provider))| SeedMethod {
                        method: (*m).into(),
                        aal: None,
                        completed_at: Some(at + Duration::seconds(20 * i64::try_from(i).unwrap_or(0))),
                        provider: provider.map(Into::into),
                    })
                    .collect(),
                aal: None,
                authenticated_at: Some(at),
                expires_at: Some(now + Duration::days(30) - d.ago),
                active: None,
            },
        )?;
    }
    store
        .create_identity(json!({ "email": MFA_EMAIL }), true)
        .map_err(|e| KratosError::bad_request().reason(e.to_string()))?;
    Ok(())
}
