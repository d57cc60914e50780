//! The words the page shows (English for now; issue #5 turns this into a
//! catalogue with plural rules and more languages).

use crate::kratos::ApiError;
use crate::view_model::methods::Method;
use crate::view_model::user_agent::{DeviceInfo, DeviceKind};

pub const TITLE: &str = "Your sessions";
pub const INTRO: &str =
    "Where your account is signed in. Sign out any session you don't recognise.";
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
