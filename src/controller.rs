//! The page's state and what it does: load, load more, confirm and run the
//! destructive actions, keep fresh across tabs. Views read its `Tracked`
//! values and call its methods; it knows nothing of markup.

use std::cell::OnceCell;
use std::rc::Rc;
use std::sync::Arc;

use crate::reactive::*;
use futures::future::join;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::config::Config;
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

/// The page's state and actions; cheap to clone (one shared state), so
/// every view and handler holds its own.
#[derive(Clone)]
pub struct Controller(Rc<State>);

impl std::ops::Deref for Controller {
    type Target = State;

    fn deref(&self) -> &State {
        &self.0
    }
}

pub struct State {
    api: Rc<dyn SessionsApi>,
    /// Posts to the page's other tabs. The channel itself (its listener
    /// holds the controller) is kept by the owner, not here, or the
    /// controller would never be freed.
    channel: OnceCell<browser::Poster>,
    pub config: Config,
    pub i18n: StoredValue<I18n>,
    /// The page's outermost element, for events and focus.
    pub root: OnceCell<web_sys::Element>,
    pub current: Tracked<Option<SessionView>>,
    /// Shared, so the keyed list clones pointers, not sessions.
    pub others: Tracked<Vec<Arc<SessionView>>>,
    pub phase: Tracked<Phase>,
    /// Ids whose revoke is in flight. (A few at most: a list, not a hash
    /// table, which would add SipHash and a table to the wasm.)
    pub revoking: Tracked<Vec<String>>,
    /// The last failed revoke of a row, by id.
    pub row_errors: Tracked<Vec<(String, String)>>,
    /// A bulk action in flight.
    pub busy: Tracked<Option<Action>>,
    /// The action waiting for the user's confirmation.
    pub confirm: Tracked<Option<Action>>,
    pub notice: Tracked<Option<Notice>>,
    pub more: Tracked<More>,
    pub now: Tracked<i64>,
    /// Whether the page is still mounted; answers that arrive after an
    /// unmount are dropped unread.
    alive: Alive,
}

impl Controller {
    pub fn new(config: Config, i18n: StoredValue<I18n>, api: Rc<dyn SessionsApi>) -> Self {
        let ctrl = Self(Rc::new(State {
            i18n,
            api,
            channel: OnceCell::new(),
            config,
            root: OnceCell::new(),
            current: Tracked::new(None),
            others: Tracked::new(Vec::new()),
            phase: Tracked::new(Phase::Loading),
            revoking: Tracked::new(Vec::new()),
            row_errors: Tracked::new(Vec::new()),
            busy: Tracked::new(None),
            confirm: Tracked::new(None),
            notice: Tracked::new(None),
            more: Tracked::new(More::default()),
            now: Tracked::new(intl::now_ms()),
            alive: Alive::new(),
        }));
        let listener = ctrl.clone();
        if let Some(channel) = browser::Channel::open(CHANNEL, move |m| listener.on_broadcast(&m)) {
            let _ = ctrl.channel.set(channel.poster());
            keep(channel);
        }
        ctrl
    }

    /// Runs `task` while the page is mounted (see [`Alive`]).
    fn spawn(&self, task: impl std::future::Future<Output = ()> + 'static) {
        self.alive.spawn(task);
    }

    fn next_frame(&self, f: impl FnOnce() + 'static) {
        self.alive.next_frame(f);
    }

    fn tr(&self, key: &str) -> String {
        self.i18n.with_value(|i| i.t(key))
    }

    fn say(&self, text: impl Into<String>, error: bool) {
        let text = text.into();
        if error {
            self.emit("error", &[("message", text.as_str().into())]);
        }
        self.notice.set(Some(Notice { text, error }));
    }

    /// A `kratos-sessions:<name>` event for the host page.
    fn emit(&self, name: &str, detail: &[(&str, wasm_bindgen::JsValue)]) {
        if let Some(root) = self.root.get() {
            browser::emit(root, &format!("kratos-sessions:{name}"), detail);
        }
    }

    /// Loads this device and the first page of the others in one round
    /// trip. A failed reload keeps what is on screen.
    pub fn load(&self) {
        let this = self.clone();
        self.spawn(async move {
            let size = this.config.page_size;
            let (me, list) = join(this.api.whoami(), this.api.other_sessions(0, size)).await;
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
                    this.current.set(Some(SessionView::new(&me, true)));
                    this.others.set(others);
                    this.more.set(More { next_page: 1, available, loading: false });
                    this.row_errors.update(Vec::clear);
                    this.phase.set(Phase::Ready);
                    // For real-user monitoring and `cargo xtask bench`: the
                    // rows are in the DOM by the next animation frame.
                    this.next_frame(|| browser::mark("kratos-sessions:rendered"));
                    this.resume_pending();
                }
                Err(e) => this.fail(e),
            }
        });
    }

    fn fail(&self, e: ApiError) {
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

    /// The next page. Kratos's paging is off by one (ory/kratos#3883): its
    /// page 1 repeats page 0, so a full page that adds nothing new is
    /// skipped past. On a corrected Kratos the first try already advances.
    pub fn load_more(&self) {
        let More { next_page, loading, .. } = self.more.get_untracked();
        if loading {
            return;
        }
        self.more.update(|m| m.loading = true);
        let this = self.clone();
        self.spawn(async move {
            let size = this.config.page_size;
            let mut page = next_page;
            let result = loop {
                match this.api.other_sessions(page, size).await {
                    Ok(p) => {
                        // A linear search per new session: a few milliseconds
                        // at thousands of sessions, on a click, where a sort
                        // or a hash table would add kilobytes to the wasm.
                        let me = this.current.with_untracked(|c| c.as_ref().map(|c| c.id.clone()));
                        let fresh: Vec<Arc<SessionView>> = this.others.with_untracked(|known| {
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
                    this.others.update(|o| o.extend(fresh));
                    let shown = this.others.with_untracked(Vec::len);
                    let available = full && total.is_none_or(|t| usize::try_from(t).unwrap_or(usize::MAX) > shown);
                    this.more.set(More { next_page: page, available, loading: false });
                }
                Err(e) => {
                    this.more.update(|m| m.loading = false);
                    this.say(this.i18n.with_value(|i| msg::load_error(i, &e)), true);
                }
            }
        });
    }

    /// Opens the confirmation for `action`.
    pub fn ask(&self, action: Action) {
        if self.busy.get_untracked().is_none() {
            self.notice.set(None);
            self.confirm.set(Some(action));
        }
    }

    pub fn cancel(&self) {
        self.confirm.set(None);
    }

    /// The user confirmed: check the step-up policy, then run.
    pub fn confirmed(&self) {
        let Some(action) = self.confirm.get_untracked() else {
            return;
        };
        self.confirm.set(None);
        let (policy, now) = (self.config.step_up, intl::now_ms());
        let needed = self
            .current
            .with_untracked(|c| c.as_ref().and_then(|c| policy.check(c.authenticated_at, c.aal.as_deref(), now)));
        if let Some(step_up) = needed {
            browser::stash(PENDING_KEY, &Pending { action, asked_at: now }.encode());
            let href = self.config.login_href(&browser::here(), Some(step_up), browser::encode_component);
            self.say(self.tr("step_up_redirect"), false);
            self.emit("step-up", &[("href", href.as_str().into())]);
            browser::navigate(&href);
            return;
        }
        self.run(action);
    }

    /// After a step-up sign-in, offers the action again for confirmation.
    fn resume_pending(&self) {
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

    fn run(&self, action: Action) {
        match action {
            Action::RevokeOne { id } => self.revoke_one(id),
            bulk => {
                self.busy.set(Some(bulk.clone()));
                let this = self.clone();
                self.spawn(async move {
                    match bulk {
                        Action::RevokeOthers => {
                            let _ = this.revoke_others().await;
                        }
                        Action::LogOutHere => this.log_out().await,
                        _ => {
                            if this.revoke_others().await {
                                this.log_out().await;
                            }
                        }
                    }
                    this.busy.set(None);
                });
            }
        }
    }

    fn revoke_one(&self, id: String) {
        let title = self.others.with_untracked(|o| {
            o.iter().find(|s| s.id == id).map(|s| self.i18n.with_value(|i| msg::device_title(i, &s.device)))
        });
        let Some(title) = title else { return };
        self.revoking.update(|r| r.push(id.clone()));
        self.row_errors.update(|e| e.retain(|(row, _)| *row != id));
        let this = self.clone();
        self.spawn(async move {
            let result = this.api.revoke(id.clone()).await;
            this.revoking.update(|r| r.retain(|row| *row != id));
            match result {
                // 204 also for a session that had already ended: gone either way.
                Ok(()) => {
                    let index = this.others.with_untracked(|o| o.iter().position(|s| s.id == id)).unwrap_or(0);
                    this.others.update(|o| o.retain(|s| s.id != id));
                    let next = this.others.with_untracked(|o| {
                        o.get(index).or_else(|| index.checked_sub(1).and_then(|i| o.get(i))).map(|s| s.id.clone())
                    });
                    this.say(this.i18n.with_value(|i| i.f("revoked_one", &[("device", &title)])), false);
                    this.broadcast(&format!("revoked:{id}"));
                    this.emit("revoked", &[("id", id.as_str().into()), ("device", title.as_str().into())]);
                    this.focus_after_removal(next);
                }
                Err(ApiError::SignedOut) => this.phase.set(Phase::Failed(ApiError::SignedOut)),
                Err(e) => {
                    let text = this.i18n.with_value(|i| msg::revoke_failed(i, &title, &e));
                    this.row_errors.update(|errs| errs.push((id.clone(), text.clone())));
                    this.say(text, true);
                }
            }
        });
    }

    /// Returns whether the other sessions are gone.
    async fn revoke_others(&self) -> bool {
        let listed = self.others.with_untracked(Vec::len);
        match self.api.revoke_others().await {
            Ok(count) => {
                self.others.set(Vec::new());
                self.more.set(More::default());
                self.row_errors.update(Vec::clear);
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

    async fn log_out(&self) {
        let return_to = self.config.logout_return_url.clone();
        match self.api.logout(return_to.clone()).await {
            Ok(()) | Err(ApiError::SignedOut) => {
                self.broadcast("logged-out");
                self.emit("logged-out", &[]);
                self.say(self.tr("logged_out"), false);
                browser::navigate(&return_to.unwrap_or_else(browser::here));
            }
            Err(e) => self.say(self.i18n.with_value(|i| msg::logout_failed(i, &e)), true),
        }
    }

    fn broadcast(&self, message: &str) {
        if let Some(c) = self.channel.get() {
            c.post(message);
        }
    }

    /// Another tab of this page changed something.
    fn on_broadcast(&self, message: &str) {
        match message.strip_prefix("revoked:") {
            Some(id) => self.others.update(|o| o.retain(|s| s.id != id)),
            None => self.refresh(),
        }
    }

    /// A quiet reload, for when the tab comes back or another tab acted.
    pub fn refresh(&self) {
        let idle = self.busy.get_untracked().is_none() && self.revoking.with_untracked(Vec::is_empty);
        if idle && self.confirm.get_untracked().is_none() {
            self.load();
        }
    }

    /// Moves focus to the next row's sign-out button (else the previous
    /// row's, else the list's heading), so keyboard users are not dropped.
    fn focus_after_removal(&self, next: Option<String>) {
        let Some(root) = self.root.get().cloned() else { return };
        self.next_frame(move || {
            let button = next.and_then(|id| {
                root.query_selector(&format!("[data-session-id=\"{}\"] .ks-revoke", id.replace('"', ""))).ok().flatten()
            });
            let target = button.or_else(|| root.query_selector("#ks-others-heading").ok().flatten());
            if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    }
}

/// Whether sessions beyond the first page may exist: a full page, or a
/// readable `X-Total-Count` above what was fetched.
fn more_available(fetched: usize, page_size: u32, total: Option<u64>) -> bool {
    let full = fetched >= usize::try_from(page_size).unwrap_or(usize::MAX);
    let beyond = total.is_some_and(|t| usize::try_from(t).unwrap_or(usize::MAX) > fetched);
    full || beyond
}
