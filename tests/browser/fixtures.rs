//! Sessions the scenarios sign in with.

use ory_harness::Device;
use serde_json::{json, Value};

use crate::support::Env;

pub const FIREFOX_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
pub const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
pub const CHROME_ANDROID: &str = "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36";
pub const CHROME_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// An identity signed in on this browser (as Chrome on macOS) and on the
/// given other devices, newest first as listed. Returns (me, others), each
/// `{"session": …}`. On kratos-dev the sessions are seeded; on the real
/// Kratos they are made through its login flows, with the same devices.
pub async fn signed_in_with(env: &Env, others: &[&str]) -> (Value, Vec<Value>) {
    if let Some(kratos) = env.real_kratos() {
        return signed_in_on_kratos(env, kratos, others).await;
    }
    let me = env
        .seed(json!({
            "traits": { "email": EMAIL },
            "devices": [{ "user_agent": CHROME_MAC, "ip_address": "192.0.2.1", "location": "" }],
            "expires_at": "2099-01-01T00:00:00Z"
        }))
        .await;
    let identity = me["session"]["identity"]["id"].clone();
    let mut seeded = Vec::new();
    for (i, ua) in others.iter().rev().enumerate() {
        let hours = 2 + i64::try_from(others.len() - i).unwrap_or(0);
        let at = time_now() - hours * 3600;
        seeded.push(
            env.seed(json!({
                "identity_id": identity,
                "devices": [{ "user_agent": ua, "ip_address": "203.0.113.42", "location": "Berlin, DE" }],
                "authenticated_at": rfc3339(at),
                "expires_at": "2099-01-01T00:00:00Z"
            }))
            .await,
        );
    }
    seeded.reverse();
    env.use_session(&me).await;
    (me, seeded)
}

const EMAIL: &str = "ada@example.com";

async fn signed_in_on_kratos(env: &Env, kratos: &ory_harness::Kratos, others: &[&str]) -> (Value, Vec<Value>) {
    kratos.create_identity(EMAIL).await;
    let mut made = Vec::new();
    // Kratos lists the newest first: sign in on the last device first.
    for ua in others.iter().rev() {
        let login = kratos.api_login(EMAIL, &Device::new(ua, "203.0.113.42").at("Berlin", "DE")).await;
        made.push(json!({ "session": login.session }));
    }
    made.reverse();
    let jar = kratos.browser_login(EMAIL, &Device::new(CHROME_MAC, "192.0.2.1")).await;
    let cookie = jar.get("ory_kratos_session").expect("session cookie");
    let me = kratos
        .http
        .req("GET", &format!("{}/sessions/whoami", kratos.public))
        .header("Cookie", &format!("ory_kratos_session={cookie}"))
        .send()
        .await
        .expect(200, "whoami")
        .json();
    env.set_session_cookie(&cookie).await;
    (json!({ "session": me }), made)
}

/// A session of `me`'s identity that has already ended, which Kratos keeps
/// (and still counts when revoking the others).
pub async fn ended_session(env: &Env, me: &Value) {
    match env.real_kratos() {
        Some(kratos) => {
            let login = kratos.api_login(EMAIL, &Device::new(CHROME_ANDROID, "198.51.100.8")).await;
            kratos.revoke(&login.id()).await;
        }
        None => {
            env.seed(json!({ "identity_id": me["session"]["identity"]["id"], "active": false })).await;
        }
    }
}

fn time_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil from days (Howard Hinnant).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

pub fn id(v: &Value) -> String {
    v["session"]["id"].as_str().expect("id").to_owned()
}
