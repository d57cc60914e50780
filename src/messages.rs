//! What the page says about sessions and errors, in the user's language.

use crate::i18n::I18n;
use crate::kratos::ApiError;
use crate::view_model::methods::Method;
use crate::view_model::user_agent::{DeviceInfo, DeviceKind};

/// "Firefox on Windows", "curl", "Unknown device".
pub fn device_title(i: &I18n, d: &DeviceInfo) -> String {
    match (d.kind, d.client, d.os) {
        (DeviceKind::Bot, Some(c), _) => i.f("automated", &[("client", c)]),
        (DeviceKind::Bot, None, _) => i.t("automated_client"),
        (_, Some(c), Some(os)) => i.f("device_on_os", &[("client", c), ("os", os)]),
        (_, Some(c), None) => c.to_owned(),
        (_, None, Some(os)) => i.f("unknown_browser_on", &[("os", os)]),
        (_, None, None) => i.t("unknown_device"),
    }
}

pub fn method_label(i: &I18n, m: &Method) -> String {
    match m {
        Method::Password => i.t("method_password"),
        Method::Social(Some(p)) => p.clone(),
        Method::Social(None) => i.t("method_social"),
        Method::Saml(Some(p)) => i.f("method_sso_named", &[("provider", p)]),
        Method::Saml(None) => i.t("method_sso"),
        Method::Totp => i.t("method_totp"),
        Method::RecoveryCode => i.t("method_recovery_code"),
        Method::SecurityKey => i.t("method_security_key"),
        Method::Passkey => i.t("method_passkey"),
        Method::OneTimeCode => i.t("method_code"),
        Method::Recovery => i.t("method_recovery"),
        Method::Other(name) => name.replace('_', " "),
    }
}

/// Why a call failed, in plain words.
fn reason(i: &I18n, e: &ApiError) -> String {
    match e {
        ApiError::Timeout => i.t("reason_timeout"),
        ApiError::Network => i.t("reason_network"),
        ApiError::Cors { .. } => i.t("reason_cors"),
        ApiError::Malformed { status } => i.f("reason_unreadable", &[("status", &status.to_string())]),
        ApiError::Status { status, .. } if *status >= 500 => i.f("reason_server", &[("status", &status.to_string())]),
        ApiError::Status { status, .. } => i.f("reason_refused", &[("status", &status.to_string())]),
        ApiError::SignedOut => i.t("reason_signed_out"),
        ApiError::SecondFactorRequired { .. } => i.t("reason_second_factor"),
    }
}

/// A failed load, with what to do about it.
pub fn load_error(i: &I18n, e: &ApiError) -> String {
    match e {
        ApiError::Cors { origin } => i.f("cors_help", &[("origin", origin)]),
        ApiError::SignedOut => i.t("signed_out"),
        ApiError::SecondFactorRequired { .. } => i.t("redirecting_aal2"),
        other => i.f("load_failed", &[("reason", &reason(i, other))]),
    }
}

/// The message `key` with `{reason}` saying why `e` happened, and `args`.
pub fn because(i: &I18n, key: &str, e: &ApiError, args: &[(&str, &str)]) -> String {
    let why = reason(i, e);
    let mut all = vec![("reason", why.as_str())];
    all.extend_from_slice(args);
    i.f(key, &all)
}

pub fn revoke_failed(i: &I18n, device: &str, e: &ApiError) -> String {
    because(i, "revoke_failed", e, &[("device", device)])
}

pub fn revoke_others_failed(i: &I18n, e: &ApiError) -> String {
    because(i, "revoke_others_failed", e, &[])
}

pub fn logout_failed(i: &I18n, e: &ApiError) -> String {
    because(i, "logout_failed", e, &[])
}

/// The "sign out all others" button, by how many are listed.
pub fn sign_out_others(i: &I18n, n: usize, more: bool) -> String {
    let n64 = u64::try_from(n).unwrap_or(u64::MAX);
    if more {
        i.f("sign_out_others_more", &[("n", &n.to_string())])
    } else {
        i.p("sign_out_others", n64, &[])
    }
}

pub fn confirm_others_title(i: &I18n, n: usize, more: bool) -> String {
    if more {
        i.f("confirm_others_title_more", &[("n", &n.to_string())])
    } else {
        i.p("confirm_others_title", u64::try_from(n).unwrap_or(u64::MAX), &[])
    }
}

pub fn confirm_everywhere_body(i: &I18n, n: usize) -> String {
    match n {
        0 => i.t("confirm_everywhere_alone"),
        n => i.p("confirm_everywhere_body", u64::try_from(n).unwrap_or(u64::MAX), &[]),
    }
}

/// Kratos's count is of session records, including ones that had already
/// ended, so it is reported as such rather than as "sessions signed out".
pub fn revoked_others(i: &I18n, listed: usize, count: u64) -> String {
    let listed64 = u64::try_from(listed).unwrap_or(u64::MAX);
    let head = match listed {
        0 => i.t("revoked_none"),
        _ => i.p("revoked_others", listed64, &[]),
    };
    if count > listed64 {
        format!("{head} {}", i.p("revoked_records", count, &[]))
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honest_counts() {
        let i = I18n::default();
        assert_eq!(revoked_others(&i, 3, 3), "Signed out all 3 other sessions.");
        assert_eq!(
            revoked_others(&i, 3, 5),
            "Signed out all 3 other sessions. Kratos ended 5 session records in all, including ones that had already expired or ended."
        );
        assert_eq!(revoked_others(&i, 1, 1), "Signed out the other session.");
        assert_eq!(revoked_others(&i, 0, 0), "No other sessions were signed in.");
    }

    #[test]
    fn titles_and_labels() {
        let i = I18n::default();
        let d = crate::view_model::user_agent::classify("Mozilla/5.0 (Windows NT 10.0) Firefox/133.0");
        assert_eq!(device_title(&i, &d), "Firefox on Windows");
        let de = crate::i18n::loaded(&["de"], Vec::new());
        assert_eq!(device_title(&de, &d), "Firefox unter Windows");
        assert_eq!(method_label(&de, &Method::Totp), "Authenticator-App");
        assert_eq!(method_label(&i, &Method::Saml(Some("Okta".into()))), "Okta (SSO)");
        assert_eq!(
            load_error(&i, &ApiError::Status { status: 502, id: None, message: None }),
            "Your sessions could not be loaded: the server had a problem (HTTP 502). Try again."
        );
        assert_eq!(sign_out_others(&i, 3, true), "Sign out all 3+ other sessions");
    }
}
