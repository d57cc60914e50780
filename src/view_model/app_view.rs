//! One connected app as the page shows it: its name and initial, the links
//! that are safe to follow, and what it may do in plain words.

use crate::connected_apps::ConnectedApp;

use super::time::parse_rfc3339;

/// What a granted scope lets an app do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ability {
    /// `openid`: sign you in.
    SignIn,
    /// `email`: see your email address.
    Email,
    /// `profile`: see your profile.
    Profile,
    /// `offline` or `offline_access`, or the server's `offline` flag: it
    /// holds refresh tokens and keeps working while you are away.
    StayConnected,
    /// A scope the page has no words for, shown as it is.
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppView {
    pub client_id: String,
    /// The client's name, or its id when it has none.
    pub name: String,
    /// The first letter of the name, for the badge shown without a logo
    /// (upper-cased by the stylesheet: the browser knows every script's
    /// case rules, which the wasm would otherwise carry as tables).
    pub initial: String,
    pub logo: Option<String>,
    pub homepage: Option<String>,
    pub privacy: Option<String>,
    pub terms: Option<String>,
    pub abilities: Vec<Ability>,
    pub granted_at: Option<i64>,
}

impl AppView {
    /// `None` for an entry without a client id: nothing could remove it.
    pub fn new(app: &ConnectedApp) -> Option<Self> {
        let client_id = app.client_id.clone().filter(|id| !id.is_empty())?;
        let name = app.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| client_id.clone());
        let initial = name
            .chars()
            .find(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && *c != '…')
            .map_or_else(|| "?".into(), String::from);
        let granted = |names: &[&str]| app.scopes.iter().any(|s| names.contains(&s.as_str()));
        // Named abilities first, in a fixed order (built in that order: a
        // sort would cost the wasm its sorting code); unknown scopes after.
        let mut abilities: Vec<Ability> = [
            (granted(&["openid"]), Ability::SignIn),
            (granted(&["email"]), Ability::Email),
            (granted(&["profile"]), Ability::Profile),
            (granted(&KEEPS_ACCESS) || app.offline == Some(true), Ability::StayConnected),
        ]
        .into_iter()
        .filter_map(|(has, ability)| has.then_some(ability))
        .collect();
        for scope in &app.scopes {
            let named =
                ["openid", "email", "profile"].contains(&scope.as_str()) || KEEPS_ACCESS.contains(&scope.as_str());
            let other = Ability::Other(scope.clone());
            if !named && !abilities.contains(&other) {
                abilities.push(other);
            }
        }
        Some(AppView {
            name,
            initial,
            logo: web_url(app.logo_uri.as_deref()),
            homepage: web_url(app.client_uri.as_deref()),
            privacy: web_url(app.policy_uri.as_deref()),
            terms: web_url(app.tos_uri.as_deref()),
            abilities,
            granted_at: app.granted_at.as_deref().and_then(parse_rfc3339),
            client_id,
        })
    }
}

/// The scopes that give an app refresh tokens.
const KEEPS_ACCESS: [&str; 2] = ["offline", "offline_access"];

/// Only `https:` and `http:` URLs become links or images: an app chooses
/// its own URIs, and a `javascript:` or `data:` one must never run here.
fn web_url(uri: Option<&str>) -> Option<String> {
    let uri = uri?.trim();
    let scheme = uri.split_once(':')?.0.to_ascii_lowercase();
    let has_host = uri.split_once("://").is_some_and(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'));
    (matches!(scheme.as_str(), "https" | "http") && has_host).then(|| uri.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(client_id: &str, name: Option<&str>, scopes: &[&str]) -> ConnectedApp {
        ConnectedApp {
            client_id: Some(client_id.into()),
            name: name.map(Into::into),
            logo_uri: None,
            client_uri: None,
            policy_uri: None,
            tos_uri: None,
            scopes: scopes.iter().map(|s| (*s).into()).collect(),
            granted_at: Some("2026-11-30T10:00:00Z".into()),
            offline: None,
        }
    }

    #[test]
    fn scopes_in_plain_words_once_each_unknown_ones_as_they_are() {
        let v = AppView::new(&app(
            "notes",
            Some("Notes"),
            &["offline_access", "email", "calendar.read", "openid", "offline"],
        ))
        .unwrap();
        assert_eq!(
            v.abilities,
            [Ability::SignIn, Ability::Email, Ability::StayConnected, Ability::Other("calendar.read".into())]
        );
        assert_eq!(v.granted_at, Some(1_796_032_800_000));
        let flagged = ConnectedApp { offline: Some(true), ..app("x", None, &["openid"]) };
        assert_eq!(AppView::new(&flagged).unwrap().abilities, [Ability::SignIn, Ability::StayConnected]);
    }

    #[test]
    fn a_name_or_the_client_id_and_an_initial() {
        let named = AppView::new(&app("c1", Some("  émile's app"), &[])).unwrap();
        assert_eq!((named.name.as_str(), named.initial.as_str()), ("  émile's app", "é"));
        let unnamed = AppView::new(&app("my-client", Some(" "), &[])).unwrap();
        assert_eq!((unnamed.name.as_str(), unnamed.initial.as_str()), ("my-client", "m"));
        assert_eq!(AppView::new(&app("…", None, &[])).unwrap().initial, "?");
        assert_eq!(AppView::new(&ConnectedApp { client_id: None, ..app("", None, &[]) }), None);
        assert_eq!(AppView::new(&app("", Some("Empty id"), &[])), None);
    }

    #[test]
    fn only_web_urls_become_links() {
        let linked = ConnectedApp {
            logo_uri: Some("https://notes.example/logo.png".into()),
            client_uri: Some("javascript:alert(1)".into()),
            policy_uri: Some(" HTTP://notes.example/privacy ".into()),
            tos_uri: Some("data:text/html,hi".into()),
            ..app("notes", Some("Notes"), &[])
        };
        let v = AppView::new(&linked).unwrap();
        assert_eq!(v.logo.as_deref(), Some("https://notes.example/logo.png"));
        assert_eq!(v.homepage, None);
        assert_eq!(v.privacy.as_deref(), Some("HTTP://notes.example/privacy"));
        assert_eq!(v.terms, None);
        assert_eq!(web_url(Some("https:///path")), None);
        assert_eq!(web_url(Some("//notes.example")), None);
    }
}
