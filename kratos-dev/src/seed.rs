//! The demo identities and their sessions on several devices.

use serde_json::json;
use time::Duration;

use crate::dev::{seed, SeedDevice, SeedMethod, SeedSession};
use crate::errors::KratosError;
use crate::state::AppState;
use crate::timefmt;

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
pub fn demo(st: &AppState) -> Result<(), KratosError> {
    if !st.store.identities().is_empty() {
        return Ok(());
    }
    let now = timefmt::now();
    let first = seed(
        st,
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
            st,
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
    st.store
        .create_identity(json!({ "email": MFA_EMAIL }), true)
        .map_err(|e| KratosError::bad_request().reason(e.to_string()))?;
    Ok(())
}
