//! The connected apps: the page's state for the server half's list, and
//! removing one app's access, every app's, and (for "Sign out everywhere")
//! the apps' remembered sign-ins. Present only when the host configured
//! the server half.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use super::{css_string, next_after, Controller, Phase, Rows};
use crate::connected_apps::AppsApi;
use crate::messages as msg;
use crate::view_model::AppView;

/// The apps' signals. `Copy`, like the controller that holds it.
#[derive(Clone, Copy)]
pub struct Apps {
    api: StoredValue<Rc<dyn AppsApi>, LocalStorage>,
    pub list: RwSignal<Vec<Arc<AppView>>>,
    pub phase: RwSignal<Phase>,
    /// Removals in flight and their failures, by client id.
    pub rows: Rows,
}

impl Apps {
    pub fn new(api: Rc<dyn AppsApi>) -> Self {
        Self {
            api: StoredValue::new_local(api),
            list: RwSignal::new(Vec::new()),
            phase: RwSignal::new(Phase::Loading),
            rows: Rows::new(),
        }
    }

    pub fn name_of(self, client_id: &str) -> Option<String> {
        self.list.with_untracked(|l| l.iter().find(|a| a.client_id == client_id).map(|a| a.name.clone()))
    }
}

impl Controller {
    /// Loads the apps; a failure stays in the panel and keeps what was shown.
    pub fn load_apps(self) {
        let Some(apps) = self.apps else { return };
        self.spawn(async move {
            match apps.api.get_value().list().await {
                Ok(list) => {
                    apps.list.set(list.iter().filter_map(AppView::new).map(Arc::new).collect());
                    apps.rows.clear_errors();
                    apps.phase.set(Phase::Ready);
                }
                Err(e) => apps.phase.set(Phase::Failed(e)),
            }
        });
    }

    /// Tries loading the apps again after a failure.
    pub fn retry_apps(self) {
        if let Some(apps) = self.apps {
            apps.phase.set(Phase::Loading);
            self.load_apps();
        }
    }

    pub(super) fn remove_app(self, client_id: String) {
        let Some(apps) = self.apps else { return };
        let Some(name) = apps.name_of(&client_id) else { return };
        apps.rows.start(&client_id);
        self.spawn(async move {
            let result = apps.api.get_value().remove(client_id.clone()).await;
            apps.rows.finish(&client_id);
            match result {
                // 204 also when the grant was already gone: no access either way.
                Ok(()) => {
                    let index = apps.list.with_untracked(|l| l.iter().position(|a| a.client_id == client_id));
                    apps.list.update(|l| l.retain(|a| a.client_id != client_id));
                    let next =
                        apps.list.with_untracked(|l| next_after(l, index.unwrap_or(0)).map(|a| a.client_id.clone()));
                    self.say(self.i18n.with_value(|i| i.f("app_removed", &[("app", &name)])), false);
                    self.broadcast("apps");
                    self.emit(
                        "app-removed",
                        &[("clientId", client_id.as_str().into()), ("name", name.as_str().into())],
                    );
                    let button = next.map(|id| format!("[data-client-id={}] .ks-remove-app", css_string(&id)));
                    self.focus(button, "apps-heading");
                }
                Err(e) => {
                    let text = self.i18n.with_value(|i| msg::because(i, "app_remove_failed", &e, &[("app", &name)]));
                    apps.rows.fail(&client_id, text.clone());
                    self.say(text, true);
                }
            }
        });
    }

    /// Removes every app's access; on a failure, reloads the list so it
    /// shows which apps still have access. `failed` is the message key
    /// for a failure. Returns whether every app's access is gone.
    pub(super) async fn remove_all_apps(self, failed: &str) -> bool {
        let Some(apps) = self.apps else { return true };
        match apps.api.get_value().remove_all().await {
            Ok(count) => {
                apps.list.set(Vec::new());
                apps.rows.clear_errors();
                self.say(self.i18n.with_value(|i| i.p("apps_removed", count, &[])), false);
                self.broadcast("apps");
                self.emit("apps-removed", &[("count", (count as f64).into())]);
                true
            }
            Err(e) => {
                self.say(self.i18n.with_value(|i| msg::because(i, failed, &e, &[])), true);
                self.load_apps();
                false
            }
        }
    }

    /// Hydra forgets the remembered sign-ins, so no app signs the person in
    /// again without asking. Returns whether it did.
    pub(super) async fn end_app_logins(self) -> bool {
        let Some(apps) = self.apps else { return true };
        match apps.api.get_value().end_app_logins().await {
            Ok(()) => true,
            Err(e) => {
                self.say(self.i18n.with_value(|i| msg::because(i, "everywhere_logins_failed", &e, &[])), true);
                false
            }
        }
    }
}
