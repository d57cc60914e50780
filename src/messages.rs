//! The words the page shows (English for now; issue #5 turns this into a
//! catalogue with plural rules and more languages).

use crate::kratos::ApiError;
use crate::view_model::methods::Method;
use crate::view_model::user_agent::{DeviceInfo, DeviceKind};

pub const TITLE: &str = "Your sessions";
pub const INTRO: &str = "Where your account is signed in. Sign out any session you don't recognise.";
pub const THIS_DEVICE: &str = "This device";
pub const OTHER_SESSIONS: &str = "Other sessions";
pub const NO_OTHER_SESSIONS: &str = "No other sessions. You're only signed in here.";
pub const LOCATION_UNKNOWN: &str = "Location unknown";
pub const IP_UNKNOWN: &str = "IP address unknown";
pub const SHOW_IP: &str = "Show";
pub const HIDE_IP: &str = "Hide";
pub const SIGNED_IN: &str = "Signed in";
pub const EXPIRES: &str = "Expires";
pub const TECHNICAL_DETAILS: &str = "Technical details";
pub const RETRY: &str = "Try again";
pub const SIGN_IN: &str = "Sign in";
pub const SIGNED_OUT: &str = "You're signed out. Sign in to see where your account is in use.";
pub const REDIRECTING_AAL2: &str = "Please confirm it's you with your second factor. Redirecting…";
pub const LOADING: &str = "Loading your sessions…";
pub const SIGN_OUT: &str = "Sign out";
pub const SIGNING_OUT: &str = "Signing out…";
pub const LOG_OUT: &str = "Log out";
pub const LOGGING_OUT: &str = "Logging out…";
pub const SIGN_OUT_EVERYWHERE: &str = "Sign out everywhere";
pub const CANCEL: &str = "Cancel";
pub const LOAD_MORE: &str = "Load more sessions";
pub const LOADING_MORE: &str = "Loading…";
pub const SIGN_IN_TRAIL: &str = "Sign-in history of this session";
pub const STEP_UP_REDIRECT: &str = "Please confirm it's you first. Taking you to sign in…";
pub const ALREADY_GONE: &str = "That session had already ended.";
pub const LOGGED_OUT: &str = "You're logged out on this device.";
pub const CONFIRM_LOG_OUT_TITLE: &str = "Log out on this device?";
pub const CONFIRM_LOG_OUT_BODY: &str =
    "You'll need to sign in again to use your account here. Your other sessions stay signed in.";
pub const CONFIRM_EVERYWHERE_TITLE: &str = "Sign out everywhere?";

pub fn sign_out_others(n: usize, more: bool) -> String {
    match (n, more) {
        (1, false) => "Sign out the other session".into(),
        (n, false) => format!("Sign out all {n} other sessions"),
        (n, true) => format!("Sign out all {n}+ other sessions"),
    }
}

pub fn sign_out_label(title: &str) -> String {
    format!("Sign out {title}")
}

pub fn confirm_revoke_title(title: &str) -> String {
    format!("Sign out {title}?")
}

pub const CONFIRM_REVOKE_BODY: &str =
    "Anyone using that session will need to sign in again. If you don't recognise it, change your password too.";

pub fn confirm_others_title(n: usize, more: bool) -> String {
    let plus = if more { "+" } else { "" };
    match n {
        1 if !more => "Sign out the other session?".into(),
        n => format!("Sign out {n}{plus} other sessions?"),
    }
}

pub const CONFIRM_OTHERS_BODY: &str =
    "Every session except this one ends, and those devices will need to sign in again.";

pub fn confirm_everywhere_body(n: usize) -> String {
    match n {
        0 => "You'll be logged out on this device.".into(),
        1 => "The other session ends, then you'll be logged out on this device too.".into(),
        n => format!("All {n} other sessions end, then you'll be logged out on this device too."),
    }
}

pub fn revoked_one(title: &str) -> String {
    format!("Signed out {title}.")
}

/// Kratos's count is of session records, including ones that had already
/// ended, so it is reported as such rather than as "sessions signed out".
pub fn revoked_others(listed: usize, count: u64) -> String {
    let head = match listed {
        0 => "No other sessions were signed in.".to_string(),
        1 => "Signed out the other session.".to_string(),
        n => format!("Signed out all {n} other sessions."),
    };
    if u64::try_from(listed).is_ok_and(|l| count > l) {
        format!("{head} Kratos ended {count} session records in all, including ones that had already expired or ended.")
    } else {
        head
    }
}

pub fn revoke_failed(title: &str, e: &ApiError) -> String {
    format!("{title} is still signed in: {}", action_error(e))
}

pub fn revoke_others_failed(e: &ApiError) -> String {
    format!("Your other sessions are still signed in: {}", action_error(e))
}

pub fn logout_failed(e: &ApiError) -> String {
    format!("You're still logged in here: {}", action_error(e))
}

/// Why an action failed, in plain words.
fn action_error(e: &ApiError) -> String {
    match e {
        ApiError::Timeout => "the server took too long to answer. Try again.".into(),
        ApiError::Network => "the sign-in server can't be reached. Check your connection and try again.".into(),
        ApiError::Cors { .. } => "the sign-in server refused this page (CORS).".into(),
        ApiError::Malformed { status } => {
            format!("the server's answer could not be read (HTTP {status}). Try again.")
        }
        ApiError::Status { status, .. } if *status >= 500 => {
            format!("the server had a problem (HTTP {status}). Try again.")
        }
        ApiError::Status { status, message, .. } => format!(
            "the server refused (HTTP {status}){}",
            message.as_deref().map(|m| format!(": {m}")).unwrap_or_default()
        ),
        ApiError::SignedOut => "you're no longer signed in.".into(),
        ApiError::SecondFactorRequired { .. } => "a second factor is required.".into(),
    }
}

/// "Password, 3 hours ago" style label for a method chip's tooltip.
pub fn method_completed(label: &str, when: &str) -> String {
    format!("{label}: completed {when}")
}

pub fn show_ip_label(on: &str) -> String {
    format!("Show the IP address of {on}")
}

pub fn hide_ip_label(on: &str) -> String {
    format!("Hide the IP address of {on}")
}

/// "Firefox on Windows", "curl", "Unknown device".
pub fn device_title(d: &DeviceInfo) -> String {
    match (d.kind, d.client, d.os) {
        (DeviceKind::Bot, Some(c), _) => format!("{c} (automated)"),
        (DeviceKind::Bot, None, _) => "Automated client".into(),
        (_, Some(c), Some(os)) => format!("{c} on {os}"),
        (_, Some(c), None) => c.into(),
        (_, None, Some(os)) => format!("Unknown browser on {os}"),
        (_, None, None) => "Unknown device".into(),
    }
}

pub fn method_label(m: &Method) -> String {
    match m {
        Method::Password => "Password".into(),
        Method::Social(Some(p)) => p.clone(),
        Method::Social(None) => "Social sign-in".into(),
        Method::Saml(Some(p)) => format!("{p} (SSO)"),
        Method::Saml(None) => "Single sign-on".into(),
        Method::Totp => "Authenticator app".into(),
        Method::RecoveryCode => "Recovery code".into(),
        Method::SecurityKey => "Security key".into(),
        Method::Passkey => "Passkey".into(),
        Method::OneTimeCode => "One-time code".into(),
        Method::Recovery => "Account recovery".into(),
        Method::Other(name) => name.replace('_', " "),
    }
}

/// A plain-words explanation of a failed load.
pub fn load_error(e: &ApiError) -> String {
    match e {
        ApiError::Timeout => "Your sessions could not be loaded: the server took too long to answer.".into(),
        ApiError::Network => "Your sessions could not be loaded: the sign-in server can't be reached. Check your connection.".into(),
        ApiError::Cors { origin } => format!(
            "The sign-in server refused this page. Its CORS settings (serve.public.cors) must list {origin} in allowed_origins, with allow_credentials: true."
        ),
        ApiError::Malformed { status } => format!("Your sessions could not be loaded: the server sent an answer this page can't read (HTTP {status})."),
        ApiError::Status { status, .. } if *status >= 500 => format!("Your sessions could not be loaded: the server had a problem (HTTP {status})."),
        ApiError::Status { status, message, .. } => format!(
            "Your sessions could not be loaded (HTTP {status}){}",
            message.as_deref().map(|m| format!(": {m}")).unwrap_or_else(|| ".".into())
        ),
        ApiError::SignedOut => SIGNED_OUT.into(),
        ApiError::SecondFactorRequired { .. } => REDIRECTING_AAL2.into(),
    }
}
