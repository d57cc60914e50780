//! Sessions the scenarios sign in with.

use serde_json::{json, Value};

use crate::support::Env;

pub const FIREFOX_WINDOWS: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
pub const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
pub const CHROME_ANDROID: &str = "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36";
pub const CHROME_MAC: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// An identity signed in on this browser (as Chrome on macOS) and on the
/// given other devices, newest first as listed. Returns (me, others).
pub async fn signed_in_with(env: &Env, others: &[&str]) -> (Value, Vec<Value>) {
    let me = env
        .seed(json!({
            "traits": { "email": "ada@example.com" },
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
