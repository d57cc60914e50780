//! One session as the page shows it.

use crate::kratos::Session;

use super::mask::mask_ip;
use super::methods::Method;
use super::time::parse_rfc3339;
use super::user_agent::{classify, DeviceInfo};

#[derive(Debug, Clone, PartialEq)]
pub struct SessionView {
    pub id: String,
    pub current: bool,
    /// The device of the latest sign-in (Kratos appends one per activation).
    pub device: DeviceInfo,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub ip_masked: Option<String>,
    /// "City, CC" when Kratos saw Cloudflare's headers; `None` otherwise.
    pub location: Option<String>,
    pub authenticated_at: Option<i64>,
    pub expires_at: Option<i64>,
    /// `aal1`, `aal2`, …, upper-cased for display.
    pub aal: Option<String>,
    pub methods: Vec<MethodView>,
    /// Every sign-in of the session, oldest first, when there was more than one.
    pub trail: Vec<SignInView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MethodView {
    pub method: Method,
    pub completed_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SignInView {
    pub device: DeviceInfo,
    pub ip_masked: Option<String>,
    pub location: Option<String>,
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

impl SessionView {
    /// Whether the session signed in with a second factor (AAL2 or above),
    /// what the page calls "2-step".
    pub fn two_step(&self) -> bool {
        matches!(self.aal.as_deref(), Some("AAL2" | "AAL3"))
    }

    pub fn new(s: &Session, current: bool) -> Self {
        let latest = s.devices.last();
        let user_agent = latest.and_then(|d| non_empty(&d.user_agent));
        let ip = latest.and_then(|d| non_empty(&d.ip_address));
        let trail = if s.devices.len() > 1 {
            s.devices
                .iter()
                .map(|d| SignInView {
                    device: classify(d.user_agent.as_deref().unwrap_or("")),
                    ip_masked: non_empty(&d.ip_address).map(|ip| mask_ip(&ip)),
                    location: non_empty(&d.location),
                })
                .collect()
        } else {
            Vec::new()
        };
        Self {
            id: s.id.clone(),
            current,
            device: classify(user_agent.as_deref().unwrap_or("")),
            ip_masked: ip.as_deref().map(mask_ip),
            ip,
            user_agent,
            location: latest.and_then(|d| non_empty(&d.location)),
            authenticated_at: s.authenticated_at.as_deref().and_then(parse_rfc3339),
            expires_at: s.expires_at.as_deref().and_then(parse_rfc3339),
            aal: s.authenticator_assurance_level.as_deref().filter(|a| !a.is_empty()).map(str::to_ascii_uppercase),
            methods: s
                .authentication_methods
                .iter()
                .filter_map(|m| {
                    Some(MethodView {
                        method: Method::from_kratos(m.method.as_deref()?, m.provider.as_deref()),
                        completed_at: m.completed_at.as_deref().and_then(parse_rfc3339),
                    })
                })
                .collect(),
            trail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view_model::user_agent::DeviceKind;

    #[test]
    fn from_kratos_json() {
        let json = r#"{"id":"a","active":true,"expires_at":"2026-07-30T09:25:46.123456Z","authenticated_at":"2026-07-29T09:25:46.123456Z",
            "authenticator_assurance_level":"aal2","authentication_methods":[{"method":"password","aal":"aal1","completed_at":"2026-07-29T09:25:46.1Z"},
            {"method":"totp","aal":"aal2","completed_at":"2026-07-29T09:26:00Z"}],"issued_at":"2026-07-29T09:25:46Z","identity":{"id":"x","traits":{"email":"secret@example.com"}},
            "devices":[{"id":"d1","ip_address":"203.0.113.9","user_agent":"curl/8.0","location":""},
                       {"id":"d2","ip_address":"198.51.100.7","user_agent":"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile/15E148 Safari/604.1","location":"Oslo, NO"}]}"#;
        let s: Session = crate::kratos::types::from_str(json).unwrap();
        let v = SessionView::new(&s, false);
        assert_eq!(v.device.kind, DeviceKind::Phone);
        assert_eq!(v.ip_masked.as_deref(), Some("198.51.•••.•••"));
        assert_eq!(v.location.as_deref(), Some("Oslo, NO"));
        assert_eq!(v.aal.as_deref(), Some("AAL2"));
        assert!(v.two_step());
        assert_eq!(v.methods.len(), 2);
        assert_eq!(v.trail.len(), 2);
        assert_eq!(v.trail[0].location, None);
    }

    #[test]
    fn tolerates_nulls_and_gaps() {
        let s: Session =
            crate::kratos::types::from_str(r#"{"id":"b","devices":null,"authentication_methods":null}"#).unwrap();
        let v = SessionView::new(&s, true);
        assert_eq!(v.device.kind, DeviceKind::Unknown);
        assert_eq!(v.ip, None);
        assert!(!v.two_step());
        assert!(v.trail.is_empty());
    }
}
