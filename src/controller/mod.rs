//! The page's state and what it does: load, load more, confirm and run the
//! destructive actions, keep fresh across tabs. State lives in Leptos
//! signals; the components read them (through `use_context`) and call
//! these methods. It knows nothing of markup.

mod apps;
mod rows;

pub use apps::Apps;
pub use rows::Rows;

use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures::future::join;
use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::config::Config;
use crate::connected_apps::AppsApi;
use crate::i18n::I18n;
use crate::intl;
use crate::kratos::{ApiError, SessionsApi};
use crate::messages as msg;
use crate::view_model::actions::{Action, Pending};
use crate::view_model::SessionView;

const PENDING_KEY: &str = "kratos-sessions:pending";
pub const CHANNEL: &str = "kratos-sessions";

#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Loading,
    Ready,
    Failed(ApiError),
}

/// A message for the live region, shown and announced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// Paging past the first `page_size` sessions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct More {
    pub next_page: u32,
    pub available: bool,
    pub loading: bool,
}

/// The page's state and actions. `Copy`: every signal is a handle, so
/// components and handlers take it by value.
#[derive(Clone, Copy)]
pub struct Controller {
    api: StoredValue<Rc<dyn SessionsApi>, LocalStorage>,
    /// Posts to the page's other tabs (the listening end is kept by the
    /// page's owner, and closed with it).
    channel: StoredValue<Option<browser::Poster>, LocalStorage>,
    /// The owner the page's asynchronous work runs under, a child of the
    /// page's: cleaned up with the page, which cancels that work. (Under
    /// the page's own owner, a task in flight would hold it, and a Leptos
    /// owner is only cleaned up once nothing holds it.)
    tasks: StoredValue<Owner>,
    /// Ids unique to this page, so two widgets on one document never share one.
    prefix: StoredValue<String>,
    pub config: StoredValue<Config>,
    pub i18n: StoredValue<I18n>,
    /// The page's outermost element, for events and focus.
    pub root: NodeRef<Section>,
    pub current: RwSignal<Option<SessionView>>,
    /// Shared, so the keyed list clones pointers, not sessions.
    pub others: RwSignal<Vec<Arc<SessionView>>>,
    pub phase: RwSignal<Phase>,
    /// The other sessions' sign-outs in flight, and their failures.
    pub rows: Rows,
    /// A bulk action in flight.
    pub busy: RwSignal<Option<Action>>,
    /// The action waiting for the user's confirmation.
    pub confirm: RwSignal<Option<Action>>,
    pub notice: RwSignal<Option<Notice>>,
    pub more: RwSignal<More>,
    /// The clock relative times are measured from (ms since the epoch).
    pub now: RwSignal<i64>,
    /// The connected apps, when the host configured the server half.
    pub apps: Option<Apps>,
}

static PAGES: AtomicUsize = AtomicUsize::new(0);

/// The page's controller, provided by `SessionsPage`.
pub fn use_controller() -> Option<Controller> {
    use_context::<Controller>()
}

impl Controller {
    /// Made under the page's owner, which then owns every signal here.
    pub fn new(
        config: Config,
        i18n: StoredValue<I18n>,
        api: Rc<dyn SessionsApi>,
        apps: Option<Rc<dyn AppsApi>>,
    ) -> Self {
        let page = PAGES.fetch_add(1, Ordering::Relaxed);
        let ctrl = Self {
            api: StoredValue::new_local(api),
            channel: StoredValue::new_local(None),
            tasks: StoredValue::new(Owner::new()),
            prefix: StoredValue::new(format!("ks{page}")),
            config: StoredValue::new(config),
            i18n,
            root: NodeRef::new(),
            current: RwSignal::new(None),
            others: RwSignal::new(Vec::new()),
            phase: RwSignal::new(Phase::Loading),
            rows: Rows::new(),
            busy: RwSignal::new(None),
            confirm: RwSignal::new(None),
            notice: RwSignal::new(None),
            more: RwSignal::new(More::default()),
            now: RwSignal::new(intl::now_ms()),
            apps: apps.map(Apps::new),
        };
        if let Some(channel) = browser::Channel::open(CHANNEL, move |m| ctrl.on_broadcast(&m)) {
            ctrl.channel.set_value(Some(channel.poster()));
            browser::keep(channel);
        }
        ctrl
    }

    /// `{prefix}-{part}`: an element id unique to this page.
    pub fn id(self, part: &str) -> String {
        self.prefix.with_value(|p| format!("{p}-{part}"))
    }

    /// Runs `task` for the page; dropped unfinished if the page is
    /// unmounted meanwhile (reading its signals then would panic, and a
    /// panic would take every widget on the host page with it).
    ///
    /// Why not Leptos's `Action` for revoking: an `Action` keeps only the
    /// latest dispatch's result, and sign-outs of several rows can be in
    /// flight at once; each one's outcome must reach its row, or a failed
    /// sign-out could be lost. Nor does an `Action` stop with its owner.
    pub fn spawn(self, task: impl std::future::Future<Output = ()> + 'static) {
        self.tasks.try_with_value(|owner| owner.with(|| spawn_local_scoped_with_cancellation(task)));
    }

    /// Calls `f` before the next repaint, if the page is still there then.
    fn next_frame(self, f: impl FnOnce() + 'static) {
        request_animation_frame(move || {
            if !self.phase.is_disposed() {
                f();
            }
        });
    }

    fn tr(self, key: &str) -> String {
        self.i18n.with_value(|i| i.t(key))
    }

    fn say(self, text: impl Into<String>, error: bool) {
        let text = text.into();
        if error {
            self.emit("error", &[("message", text.as_str().into())]);
        }
        self.notice.set(Some(Notice { text, error }));
    }

    /// A `kratos-sessions:<name>` event for the host page.
    fn emit(self, name: &str, detail: &[(&str, wasm_bindgen::JsValue)]) {
        if let Some(root) = self.root.get_untracked() {
            browser::emit(&root, &format!("kratos-sessions:{name}"), detail);
        }
    }

    /// The first security setting the page could not read, as the page
    /// says it; while there is one, nothing that ends a session runs.
    fn config_problem(self) -> Option<String> {
        let problem = self.config.with_value(|c| c.problems.first().cloned())?;
        Some(self.i18n.with_value(|i| i.f("config_error", &[("problem", &problem)])))
    }

    /// Tells the host (console and event) and the user about settings the
    /// page could not read. Called once the page is in the document.
    pub fn report_problems(self) {
        if let Some(text) = self.config_problem() {
            leptos::logging::error!("kratos-sessions: {text}");
            self.say(text, true);
        }
    }

    /// Loads this device and the first page of the others in one round
    /// trip, and the connected apps beside them. A failed reload keeps what
    /// is on screen.
    pub fn load(self) {
        self.load_apps();
        self.spawn(async move {
            let (api, size) = (self.api.get_value(), self.config.with_value(|c| c.page_size));
            let (me, list) = join(api.whoami(), api.other_sessions(0, size)).await;
            browser::mark("kratos-sessions:fetched");
            match me.and_then(|me| list.map(|l| (me, l))) {
                Ok((me, page)) => {
                    let fetched = page.sessions.len();
                    let others: Vec<Arc<SessionView>> = page
                        .sessions
                        .iter()
                        .filter(|s| s.id != me.id)
                        .map(|s| Arc::new(SessionView::new(s, false)))
                        .collect();
                    let available = more_available(fetched, size, page.total);
                    self.current.set(Some(SessionView::new(&me, true)));
                    self.others.set(others);
                    self.more.set(More { next_page: 1, available, loading: false });
                    self.rows.clear_errors();
                    self.phase.set(Phase::Ready);
                    // For real-user monitoring and `cargo xtask bench`: the
                    // rows are in the DOM by the next animation frame.
                    self.next_frame(|| browser::mark("kratos-sessions:rendered"));
                    self.resume_pending();
                }
                Err(e) => self.fail(e),
            }
        });
    }

    fn fail(self, e: ApiError) {
        match &e {
            ApiError::SecondFactorRequired { redirect_to: Some(to) } => {
                self.emit("step-up", &[("href", to.as_str().into())]);
                browser::navigate(to);
            }
            ApiError::SignedOut => self.emit("signed-out", &[]),
            other => {
                let message = self.i18n.with_value(|i| msg::load_error(i, other));
                self.emit("error", &[("message", message.as_str().into())]);
            }
        }
        self.phase.set(Phase::Failed(e));
    }

    /// Tries the load again after a failure.
    pub fn retry(self) {
        self.phase.set(Phase::Loading);
        self.load();
    }

    /// The next page. Kratos's paging is off by one (ory/kratos#3883): its
    /// page 1 repeats page 0, so a full page that adds nothing new is
    /// skipped past. On a corrected Kratos the first try already advances.
    pub fn load_more(self) {
        let More { next_page, loading, .. } = self.more.get_untracked();
        if loading {
            return;
        }
        self.more.update(|m| m.loading = true);
        self.spawn(async move {
            let (api, size) = (self.api.get_value(), self.config.with_value(|c| c.page_size));
            let mut page = next_page;
            let result = loop {
                match api.other_sessions(page, size).await {
                    Ok(p) => {
                        // A linear search per new session: a few milliseconds
                        // at thousands of sessions, on a click.
                        let me = self.current.with_untracked(|c| c.as_ref().map(|c| c.id.clone()));
                        let fresh: Vec<Arc<SessionView>> = self.others.with_untracked(|known| {
                            p.sessions
                                .iter()
                                .filter(|s| Some(&s.id) != me.as_ref() && known.iter().all(|k| k.id != s.id))
                                .map(|s| Arc::new(SessionView::new(s, false)))
                                .collect()
                        });
                        let full = p.sessions.len() >= usize::try_from(size).unwrap_or(usize::MAX);
                        page += 1;
                        if fresh.is_empty() && full && page <= next_page + 1 {
                            continue;
                        }
                        break Ok((fresh, full, p.total));
                    }
                    Err(e) => break Err(e),
                }
            };
            match result {
                Ok((fresh, full, total)) => {
                    self.others.update(|o| o.extend(fresh));
                    let shown = self.others.with_untracked(Vec::len);
                    let available = full && total.is_none_or(|t| usize::try_from(t).unwrap_or(usize::MAX) > shown);
                    self.more.set(More { next_page: page, available, loading: false });
                }
                Err(e) => {
                    self.more.update(|m| m.loading = false);
                    self.say(self.i18n.with_value(|i| msg::load_error(i, &e)), true);
                }
            }
        });
    }

    /// Opens the confirmation for `action`; refused, with the reason, while
    /// the page's security settings cannot be read.
    pub fn ask(self, action: Action) {
        if let Some(problem) = self.config_problem() {
            self.say(problem, true);
            return;
        }
        if self.busy.with_untracked(Option::is_none) {
            self.notice.set(None);
            self.confirm.set(Some(action));
        }
    }

    pub fn cancel(self) {
        self.confirm.set(None);
    }

    /// The user confirmed: check the step-up policy, then run.
    pub fn confirmed(self) {
        let Some(action) = self.confirm.get_untracked() else {
            return;
        };
        self.confirm.set(None);
        if let Some(problem) = self.config_problem() {
            self.say(problem, true);
            return;
        }
        let (policy, now) = (self.config.with_value(|c| c.step_up), intl::now_ms());
        let needed = self
            .current
            .with_untracked(|c| c.as_ref().and_then(|c| policy.check(c.authenticated_at, c.aal.as_deref(), now)));
        if let Some(step_up) = needed {
            browser::stash(PENDING_KEY, &Pending { action, asked_at: now }.encode());
            let href =
                self.config.with_value(|c| c.login_href(&browser::here(), Some(step_up), browser::encode_component));
            self.say(self.tr("step_up_redirect"), false);
            self.emit("step-up", &[("href", href.as_str().into())]);
            browser::navigate(&href);
            return;
        }
        self.run(action);
    }

    /// After a step-up sign-in, offers the action again for confirmation.
    fn resume_pending(self) {
        let Some(pending) = browser::take(PENDING_KEY).and_then(|p| Pending::decode(&p)) else {
            return;
        };
        if !pending.is_fresh(intl::now_ms()) {
            return;
        }
        if let Action::RevokeOne { id } = &pending.action {
            if !self.others.with_untracked(|o| o.iter().any(|s| &s.id == id)) {
                self.say(self.tr("already_gone"), false);
                return;
            }
        }
        self.confirm.set(Some(pending.action));
    }

    fn run(self, action: Action) {
        match action {
            Action::RevokeOne { id } => self.revoke_one(id),
            Action::RemoveApp { client_id } => self.remove_app(client_id),
            bulk => {
                self.busy.set(Some(bulk.clone()));
                self.spawn(async move {
                    match bulk {
                        Action::RevokeOthers => {
                            let _ = self.revoke_others().await;
                        }
                        Action::RemoveAllApps => {
                            let _ = self.remove_all_apps("apps_remove_failed").await;
                        }
                        Action::LogOutHere => self.log_out().await,
                        // Everywhere: each step only after the one before it
                        // succeeded, so a failure says exactly what ended.
                        _ => {
                            if self.revoke_others().await
                                && self.remove_all_apps("everywhere_apps_failed").await
                                && self.end_app_logins().await
                            {
                                self.log_out().await;
                            }
                        }
                    }
                    self.busy.set(None);
                });
            }
        }
    }

    fn revoke_one(self, id: String) {
        let title = self.others.with_untracked(|o| {
            o.iter().find(|s| s.id == id).map(|s| self.i18n.with_value(|i| msg::device_title(i, &s.device)))
        });
        let Some(title) = title else { return };
        self.rows.start(&id);
        self.spawn(async move {
            let result = self.api.get_value().revoke(id.clone()).await;
            self.rows.finish(&id);
            match result {
                // 204 also for a session that had already ended: gone either way.
                Ok(()) => {
                    let index = self.others.with_untracked(|o| o.iter().position(|s| s.id == id)).unwrap_or(0);
                    self.others.update(|o| o.retain(|s| s.id != id));
                    let next = self.others.with_untracked(|o| next_after(o, index).map(|s| s.id.clone()));
                    self.say(self.i18n.with_value(|i| i.f("revoked_one", &[("device", &title)])), false);
                    self.broadcast(&format!("revoked:{id}"));
                    self.emit("revoked", &[("id", id.as_str().into()), ("device", title.as_str().into())]);
                    self.focus_after_removal(next);
                }
                Err(ApiError::SignedOut) => self.phase.set(Phase::Failed(ApiError::SignedOut)),
                Err(e) => {
                    let text = self.i18n.with_value(|i| msg::revoke_failed(i, &title, &e));
                    self.rows.fail(&id, text.clone());
                    self.say(text, true);
                }
            }
        });
    }

    /// Returns whether the other sessions are gone.
    async fn revoke_others(self) -> bool {
        let listed = self.others.with_untracked(Vec::len);
        match self.api.get_value().revoke_others().await {
            Ok(count) => {
                self.others.set(Vec::new());
                self.more.set(More::default());
                self.rows.clear_errors();
                self.say(self.i18n.with_value(|i| msg::revoked_others(i, listed, count)), false);
                self.broadcast("revoked-others");
                self.emit("revoked-others", &[("count", (count as f64).into()), ("listed", (listed as f64).into())]);
                true
            }
            Err(ApiError::SignedOut) => {
                self.phase.set(Phase::Failed(ApiError::SignedOut));
                false
            }
            Err(e) => {
                self.say(self.i18n.with_value(|i| msg::revoke_others_failed(i, &e)), true);
                false
            }
        }
    }

    async fn log_out(self) {
        let return_to = self.config.with_value(|c| c.logout_return_url.clone());
        match self.api.get_value().logout(return_to.clone()).await {
            Ok(()) | Err(ApiError::SignedOut) => {
                self.broadcast("logged-out");
                self.emit("logged-out", &[]);
                self.say(self.tr("logged_out"), false);
                browser::navigate(&return_to.unwrap_or_else(browser::here));
            }
            Err(e) => self.say(self.i18n.with_value(|i| msg::logout_failed(i, &e)), true),
        }
    }

    fn broadcast(self, message: &str) {
        self.channel.with_value(|c| {
            if let Some(c) = c {
                c.post(message);
            }
        });
    }

    /// Another tab of this page changed something.
    fn on_broadcast(self, message: &str) {
        match message.strip_prefix("revoked:") {
            Some(id) => self.others.update(|o| o.retain(|s| s.id != id)),
            None if message == "apps" => self.load_apps(),
            None => self.refresh(),
        }
    }

    /// A quiet reload, for when the tab comes back or another tab acted.
    pub fn refresh(self) {
        let idle =
            self.busy.with_untracked(Option::is_none) && self.rows.idle() && self.apps.is_none_or(|a| a.rows.idle());
        if idle && self.confirm.with_untracked(Option::is_none) {
            self.load();
        }
    }

    /// Moves focus to the next row's sign-out button (else the previous
    /// row's, else the list's heading), so keyboard users are not dropped.
    fn focus_after_removal(self, next: Option<String>) {
        let button = next.map(|id| format!("[data-session-id={}] .ks-revoke", css_string(&id)));
        self.focus(button, "others-heading");
    }

    /// Moves focus to `selector`'s element, else to the heading `heading`.
    fn focus(self, selector: Option<String>, heading: &'static str) {
        let heading = format!("#{}", self.id(heading));
        self.next_frame(move || {
            let Some(root) = self.root.get_untracked() else { return };
            let found = selector.and_then(|s| root.query_selector(&s).ok().flatten());
            let target = found.or_else(|| root.query_selector(&heading).ok().flatten());
            if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    }
}

/// The row that takes a removed row's place: the one after it, else the
/// one before it (`index` is where the removed row was).
fn next_after<T>(rows: &[T], index: usize) -> Option<&T> {
    rows.get(index).or_else(|| index.checked_sub(1).and_then(|i| rows.get(i)))
}

/// `"…"` for a CSS attribute selector: any id, quotes and backslashes too.
fn css_string(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Whether sessions beyond the first page may exist: a full page, or a
/// readable `X-Total-Count` above what was fetched.
fn more_available(fetched: usize, page_size: u32, total: Option<u64>) -> bool {
    let full = fetched >= usize::try_from(page_size).unwrap_or(usize::MAX);
    let beyond = total.is_some_and(|t| usize::try_from(t).unwrap_or(usize::MAX) > fetched);
    full || beyond
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_goes_to_the_row_that_took_the_removed_ones_place() {
        let rows = ["a", "b", "c"];
        assert_eq!(next_after(&rows[..], 1), Some(&"b"), "the next row moved up into index 1");
        let last_removed = ["a", "b"];
        assert_eq!(next_after(&last_removed[..], 2), Some(&"b"), "else the one before");
        assert_eq!(next_after::<&str>(&[], 0), None, "else the heading");
    }

    #[test]
    fn any_id_is_one_css_string() {
        assert_eq!(css_string("x&all=true"), r#""x&all=true""#);
        assert_eq!(css_string(r#"a"b\c"#), r#""a\"b\\c""#);
    }
}
