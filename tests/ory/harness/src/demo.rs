//! The demo person on real Kratos (`cargo xtask demo --ory`): signed in on a
//! handful of other devices through Kratos's own API login flow, as the
//! tests make sessions, so the page shows Kratos's real device records; and
//! a few OAuth2 apps connected through the real Hydra.

use crate::flows::{Device, PASSWORD};
use crate::hydra::{AppSpec, Grant};
use crate::process::{Hydra, Kratos};

pub const EMAIL: &str = "demo@example.com";

/// `"<email> <password>"`, as the demo sign-in page's `data-demo-hint` wants it.
pub fn hint() -> String {
    format!("{EMAIL} {PASSWORD}")
}

/// The other devices, the way Kratos records them: a User-Agent, an IP and
/// Cloudflare's city and country, one phone without a location. Kratos
/// writes "City, CC" only when both headers are there.
pub fn devices() -> Vec<Device> {
    vec![
        Device::new("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "203.0.113.42")
            .at("Berlin", "DE"),
        Device::new(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "198.51.100.7",
        ),
        Device::new(
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36",
            "2001:db8::1f",
        )
        .at("Lisbon", "PT"),
        Device::new(
            "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
            "192.0.2.10",
        )
        .at("Paris", "FR"),
        Device::new(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "192.0.2.200",
        )
        .at("Amsterdam", "NL"),
    ]
}

/// Creates the demo identity (password [`PASSWORD`]) and its sessions on
/// [`devices`], oldest first, one login at a time (SQLite has one writer).
/// Returns the identity's id.
pub async fn seed(kratos: &Kratos) -> String {
    let identity = kratos.create_identity(EMAIL).await;
    for device in devices().iter().rev() {
        kratos.api_login(EMAIL, device).await;
    }
    identity["id"].as_str().unwrap_or_default().to_owned()
}

/// The demo's connected apps, granted by `subject` through Hydra's own
/// authorization-code flow: two with logos (served by the demo at
/// `{site}/demo-apps/`) and refresh tokens, one without a logo and without
/// offline access, with a scope the page has no words for.
pub async fn connect_apps(hydra: &Hydra, subject: &str, site: &str) {
    let notes = AppSpec {
        logo_uri: Some(format!("{site}/demo-apps/notes.svg")),
        client_uri: Some("https://notes.example/".into()),
        policy_uri: Some("https://notes.example/privacy".into()),
        tos_uri: Some("https://notes.example/terms".into()),
        ..AppSpec::new("demo-notes", "Notes")
    };
    let photos = AppSpec {
        logo_uri: Some(format!("{site}/demo-apps/photos.svg")),
        client_uri: Some("https://photo-print.example/".into()),
        ..AppSpec::new("demo-photo-print", "Photo Print")
    };
    let calendar = AppSpec {
        scope: "openid email calendar.read".into(),
        policy_uri: Some("https://calendar-sync.example/privacy".into()),
        ..AppSpec::new("demo-calendar-sync", "Calendar Sync")
    };
    let apps = [
        (calendar, Grant::scopes(&["openid", "email", "calendar.read"])),
        (photos, Grant::scopes(&["openid", "profile", "offline_access"])),
        (notes, Grant::scopes(&["openid", "email", "offline"])),
    ];
    for (spec, grant) in apps {
        hydra.connect_app(&spec, subject, &grant).await;
    }
}
