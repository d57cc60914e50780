//! The Session object as Kratos serialises it (CONTRACT.md §2).

use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use super::model::{Device, Identity, Session};
use super::timefmt::format;
use super::KratosVersion;

/// What a session's JSON depends on besides the session: the public base
/// URL (in `schema_url`) and which Kratos to write like.
#[derive(Debug, Clone, Copy)]
pub struct Dialect<'a> {
    /// Without a trailing slash.
    pub public_base: &'a str,
    pub version: KratosVersion,
}

/// How much of the identity an endpoint embeds (§2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityView {
    /// `null`: admin endpoints without `expand=identity`.
    None,
    /// The identity's own columns only (`GET /sessions`).
    Columns,
    /// With verifiable and recovery addresses (whoami).
    WithAddresses,
    /// With addresses and `metadata_admin` (admin endpoints at HEAD).
    Admin,
}

/// `devices` is `[]`, `null` or the array depending on the endpoint (§2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevicesView {
    Null,
    Empty,
    Full,
}

pub fn session(
    dialect: Dialect<'_>,
    s: &Session,
    identity: Option<&Identity>,
    iv: IdentityView,
    dv: DevicesView,
    now: OffsetDateTime,
) -> Value {
    let methods: Vec<Value> = s
        .methods
        .iter()
        .map(|m| {
            let mut o = Map::new();
            o.insert("method".into(), json!(m.method));
            o.insert("aal".into(), json!(m.aal));
            o.insert("completed_at".into(), json!(format(m.completed_at)));
            if let Some(p) = m.provider.as_deref().filter(|p| !p.is_empty()) {
                o.insert("provider".into(), json!(p));
            }
            Value::Object(o)
        })
        .collect();
    let identity_json = match (iv, identity) {
        (IdentityView::None, _) | (_, None) => Value::Null,
        (view, Some(i)) => identity_value(dialect, i, view),
    };
    let devices = match dv {
        DevicesView::Null => Value::Null,
        DevicesView::Empty => json!([]),
        DevicesView::Full => Value::Array(s.devices.iter().map(device).collect()),
    };
    json!({
        "id": s.id,
        "active": s.is_active(identity, now),
        "expires_at": format(s.expires_at),
        "authenticated_at": format(s.authenticated_at),
        "authenticator_assurance_level": s.aal,
        "authentication_methods": methods,
        "issued_at": format(s.issued_at),
        "identity": identity_json,
        "devices": devices,
    })
}

fn device(d: &Device) -> Value {
    json!({
        "id": d.id,
        "ip_address": d.ip_address,
        "user_agent": d.user_agent,
        "location": d.location,
    })
}

fn identity_value(dialect: Dialect<'_>, i: &Identity, view: IdentityView) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(i.id));
    o.insert("schema_id".into(), json!("default"));
    let schema_url = if view == IdentityView::Columns {
        String::new()
    } else {
        format!("{}/schemas/ZGVmYXVsdA", dialect.public_base)
    };
    o.insert("schema_url".into(), json!(schema_url));
    o.insert("state".into(), json!(i.state));
    o.insert("state_changed_at".into(), json!(format(i.created_at)));
    o.insert("traits".into(), i.traits.clone());
    // "pending": no verification mail was sent, as for an identity Kratos's
    // admin API created (its registration flow would say "sent").
    if view != IdentityView::Columns {
        if let Some(email) = i.traits.get("email").and_then(Value::as_str) {
            let created = format(i.created_at);
            o.insert(
                "verifiable_addresses".into(),
                json!([{ "id": uuid::Uuid::new_v5(&i.id, b"verifiable"), "value": email, "verified": false,
                         "via": "email", "status": "pending", "created_at": created, "updated_at": created }]),
            );
            o.insert(
                "recovery_addresses".into(),
                json!([{ "id": uuid::Uuid::new_v5(&i.id, b"recovery"), "value": email, "via": "email",
                         "created_at": created, "updated_at": created }]),
            );
        }
    }
    o.insert("metadata_public".into(), Value::Null);
    // v1.3.1 embedded no metadata_admin in admin session responses.
    if view == IdentityView::Admin && dialect.version != KratosVersion::V1_3_1 {
        o.insert("metadata_admin".into(), Value::Null);
    }
    o.insert("created_at".into(), json!(format(i.created_at)));
    o.insert("updated_at".into(), json!(format(i.updated_at)));
    o.insert("organization_id".into(), Value::Null);
    Value::Object(o)
}
