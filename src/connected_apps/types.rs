//! `GET /apps` as the server half answers it. Like the session types, one
//! odd field never hides an app: it reads as absent.

use serde::Deserialize;

use crate::kratos::lenient;

/// One app with access: its latest grant.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ConnectedApp {
    /// Absent on an entry that is no app; such entries are not shown.
    #[serde(default, deserialize_with = "lenient::string")]
    pub client_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub logo_uri: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub client_uri: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub policy_uri: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub tos_uri: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub scopes: Vec<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub granted_at: Option<String>,
    /// It holds refresh tokens (`offline` or `offline_access` granted).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub offline: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AppList {
    #[serde(default, deserialize_with = "lenient::objects")]
    pub apps: Vec<ConnectedApp>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kratos::from_str;

    #[test]
    fn reads_the_server_halfs_list_leniently() {
        let list: AppList = from_str(
            r#"{"apps":[
                {"client_id":"notes","name":"Notes","logo_uri":null,"client_uri":"https://notes.example/",
                 "policy_uri":"","tos_uri":7,"scopes":["openid","email",3,"offline"],"audiences":[],
                 "granted_at":"2026-11-30T10:00:00Z","offline":true,"remember_until":null},
                {"name":"no id"},
                "not an app",
                {"client_id":"bare"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(list.apps.len(), 3, "objects are read; a string is no app");
        assert_eq!(list.apps[1].client_id, None);
        let notes = &list.apps[0];
        assert_eq!(notes.scopes, ["openid", "email", "offline"]);
        assert_eq!((notes.logo_uri.as_deref(), notes.tos_uri.as_deref()), (None, None));
        assert_eq!(notes.offline, Some(true));
        assert_eq!(list.apps[2].scopes, Vec::<String>::new());
        assert_eq!(from_str::<AppList>(r#"{"apps":null}"#).map(|l| l.apps.len()), Some(0));
    }
}
