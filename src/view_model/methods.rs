//! How a session signed in: Kratos's method names as the user knows them.

/// A Kratos authentication method, as the page names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    Password,
    /// Social or enterprise sign-in; the provider's name when Kratos has it.
    Social(Option<String>),
    Saml(Option<String>),
    Totp,
    RecoveryCode,
    SecurityKey,
    Passkey,
    OneTimeCode,
    Recovery,
    Other(String),
}

impl Method {
    pub fn from_kratos(method: &str, provider: Option<&str>) -> Self {
        let provider = provider.filter(|p| !p.is_empty()).map(provider_name);
        match method {
            "password" => Self::Password,
            "oidc" => Self::Social(provider),
            "saml" => Self::Saml(provider),
            "totp" => Self::Totp,
            "lookup_secret" => Self::RecoveryCode,
            "webauthn" => Self::SecurityKey,
            "passkey" => Self::Passkey,
            "code" => Self::OneTimeCode,
            "link_recovery" | "code_recovery" => Self::Recovery,
            other => Self::Other(other.to_owned()),
        }
    }
}

/// Known providers get their brand's spelling; others are shown as
/// configured, first letter raised.
fn provider_name(id: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("github", "GitHub"),
        ("gitlab", "GitLab"),
        ("linkedin", "LinkedIn"),
        ("microsoft", "Microsoft"),
        ("google", "Google"),
        ("apple", "Apple"),
        ("facebook", "Facebook"),
        ("auth0", "Auth0"),
        ("x", "X"),
        ("slack", "Slack"),
        ("discord", "Discord"),
        ("spotify", "Spotify"),
        ("twitch", "Twitch"),
        ("amazon", "Amazon"),
        ("yandex", "Yandex"),
        ("vk", "VK"),
        ("lark", "Lark"),
        ("patreon", "Patreon"),
    ];
    let lower = id.to_ascii_lowercase();
    if let Some((_, name)) = KNOWN.iter().find(|(k, _)| *k == lower) {
        return (*name).to_owned();
    }
    // ASCII only: Unicode case tables would cost the wasm ~12 KB, and
    // provider ids are ASCII in practice; others are shown as configured.
    let mut name = id.to_owned();
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kratos_methods() {
        assert_eq!(Method::from_kratos("password", None), Method::Password);
        assert_eq!(Method::from_kratos("oidc", Some("github")), Method::Social(Some("GitHub".into())));
        assert_eq!(Method::from_kratos("oidc", Some("acme-sso")), Method::Social(Some("Acme-sso".into())));
        assert_eq!(Method::from_kratos("oidc", Some("")), Method::Social(None));
        assert_eq!(Method::from_kratos("lookup_secret", None), Method::RecoveryCode);
        assert_eq!(Method::from_kratos("webauthn", None), Method::SecurityKey);
        assert_eq!(Method::from_kratos("code_recovery", None), Method::Recovery);
        assert_eq!(Method::from_kratos("deviceauthn", None), Method::Other("deviceauthn".into()));
    }
}
