//! Identities and sessions, in memory, behind one lock so that concurrent
//! revokes and lists always see a consistent state. With a data file every
//! change is written through before the request is answered ([`persist`]).
//! Also here: the demo data and `/dev/sessions`'s seeding ([`seed`]), and
//! the browser errors kept for `/self-service/errors` ([`error_flows`]).
//! The store reads only [`crate::wire`].

pub mod error_flows;
pub mod persist;
pub mod seed;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::wire::model::random_token;
use crate::wire::{timefmt, AuthMethod, Device, Identity, IdentityState, KratosVersion, Session};
use persist::Persist;

/// What a new session is made of; `Store::create_session` fills the rest.
#[derive(Debug, Clone, Default)]
pub struct NewSession {
    pub identity_id: Uuid,
    pub aal: Option<String>,
    pub methods: Vec<AuthMethod>,
    pub devices: Vec<Device>,
    pub authenticated_at: Option<OffsetDateTime>,
    pub expires_at: Option<OffsetDateTime>,
    pub active: Option<bool>,
}

#[derive(Default)]
pub struct State {
    identities: HashMap<Uuid, Identity>,
    sessions: HashMap<Uuid, Session>,
    by_token: HashMap<String, Uuid>,
    next_seq: u64,
    persist: Option<Box<dyn Persist>>,
}

#[derive(Clone, Default)]
pub struct Store(Arc<Mutex<State>>);

impl Store {
    /// A store that writes every change to `persist` and starts from what it holds.
    pub fn with_persistence(persist: Box<dyn Persist>) -> std::io::Result<Self> {
        let (identities, sessions) = persist.load()?;
        let mut state = State::default();
        for i in identities {
            state.identities.insert(i.id, i);
        }
        for s in sessions {
            state.next_seq = state.next_seq.max(s.seq + 1);
            state.by_token.insert(s.token.clone(), s.id);
            state.sessions.insert(s.id, s);
        }
        state.persist = Some(persist);
        Ok(Self(Arc::new(Mutex::new(state))))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A poisoned lock only means another request panicked mid-way; the
        // data is plain values, so carry on rather than take the server down.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn create_identity(&self, traits: Value, second_factor: bool) -> std::io::Result<Identity> {
        let now = timefmt::now();
        let identity = Identity {
            id: Uuid::new_v4(),
            traits,
            second_factor,
            state: IdentityState::Active,
            created_at: now,
            updated_at: now,
        };
        let mut st = self.lock();
        if let Some(p) = &st.persist {
            p.put_identity(&identity)?;
        }
        st.identities.insert(identity.id, identity.clone());
        Ok(identity)
    }

    pub fn identity(&self, id: Uuid) -> Option<Identity> {
        self.lock().identities.get(&id).cloned()
    }

    pub fn identities(&self) -> Vec<Identity> {
        let mut v: Vec<_> = self.lock().identities.values().cloned().collect();
        v.sort_by_key(|i| i.created_at);
        v
    }

    pub fn create_session(&self, new: NewSession, lifespan: Duration) -> std::io::Result<Session> {
        let now = timefmt::now();
        let authenticated_at = new.authenticated_at.unwrap_or(now);
        let methods = if new.methods.is_empty() {
            vec![AuthMethod {
                method: "password".into(),
                aal: "aal1".into(),
                completed_at: authenticated_at,
                provider: None,
            }]
        } else {
            new.methods
        };
        let aal = new.aal.unwrap_or_else(|| derive_aal(&methods));
        let mut st = self.lock();
        let seq = st.next_seq;
        st.next_seq += 1;
        let session = Session {
            id: Uuid::new_v4(),
            identity_id: new.identity_id,
            token: random_token("ory_st_"),
            logout_token: random_token("ory_lo_"),
            active: new.active.unwrap_or(true),
            aal,
            authenticated_at,
            issued_at: authenticated_at,
            expires_at: new.expires_at.unwrap_or_else(|| expires_after(authenticated_at, lifespan)),
            created_at: authenticated_at,
            seq,
            methods,
            devices: new.devices,
        };
        if let Some(p) = &st.persist {
            p.put_sessions(std::slice::from_ref(&session))?;
        }
        st.by_token.insert(session.token.clone(), session.id);
        st.sessions.insert(session.id, session.clone());
        Ok(session)
    }

    pub fn session(&self, id: Uuid) -> Option<Session> {
        self.lock().sessions.get(&id).cloned()
    }

    pub fn session_by_token(&self, token: &str) -> Option<Session> {
        let st = self.lock();
        st.by_token.get(token).and_then(|id| st.sessions.get(id)).cloned()
    }

    /// Every session, newest first (`created_at` desc, then id asc, as the
    /// admin list sorts).
    pub fn all_sessions(&self) -> Vec<Session> {
        let mut v: Vec<_> = self.lock().sessions.values().cloned().collect();
        sort_newest_first(&mut v);
        v
    }

    pub fn sessions_of(&self, identity_id: Uuid) -> Vec<Session> {
        let mut v: Vec<_> = self.lock().sessions.values().filter(|s| s.identity_id == identity_id).cloned().collect();
        sort_newest_first(&mut v);
        v
    }

    /// `GET /sessions`: the identity's other sessions whose stored flag is
    /// set and which have not expired, newest first (§4).
    pub fn other_active_sessions(&self, identity_id: Uuid, current: Uuid, now: OffsetDateTime) -> Vec<Session> {
        let mut v: Vec<_> = self
            .lock()
            .sessions
            .values()
            .filter(|s| s.identity_id == identity_id && s.id != current && s.active && s.expires_at >= now)
            .cloned()
            .collect();
        sort_newest_first(&mut v);
        v
    }

    /// Marks sessions inactive; keeps the rows. Returns how many rows the
    /// filter matched, whatever their previous state (Kratos's count, §6).
    pub fn revoke_where(&self, filter: impl Fn(&Session) -> bool) -> std::io::Result<usize> {
        let mut st = self.lock();
        let matched: Vec<Uuid> = st.sessions.values().filter(|s| filter(s)).map(|s| s.id).collect();
        let changed: Vec<Uuid> =
            matched.iter().copied().filter(|id| st.sessions.get(id).is_some_and(|s| s.active)).collect();
        let revoked: Vec<Session> = changed
            .iter()
            .filter_map(|id| st.sessions.get(id))
            .map(|s| Session { active: false, ..s.clone() })
            .collect();
        if let Some(p) = &st.persist {
            p.put_sessions(&revoked)?;
        }
        for s in revoked {
            st.sessions.insert(s.id, s);
        }
        Ok(matched.len())
    }

    /// Hard delete, as `DELETE /admin/identities/{id}/sessions` does.
    pub fn delete_sessions_of(&self, identity_id: Uuid) -> std::io::Result<usize> {
        let mut st = self.lock();
        let ids: Vec<Uuid> = st.sessions.values().filter(|s| s.identity_id == identity_id).map(|s| s.id).collect();
        if let Some(p) = &st.persist {
            p.delete_sessions(&ids)?;
        }
        for id in &ids {
            if let Some(s) = st.sessions.remove(id) {
                st.by_token.remove(&s.token);
            }
        }
        Ok(ids.len())
    }

    /// Moves `expires_at` and returns the session as it is afterwards.
    pub fn set_expiry(&self, id: Uuid, expires_at: OffsetDateTime) -> std::io::Result<Option<Session>> {
        let mut st = self.lock();
        let Some(mut s) = st.sessions.get(&id).cloned() else {
            return Ok(None);
        };
        s.expires_at = expires_at;
        if let Some(p) = &st.persist {
            p.put_sessions(std::slice::from_ref(&s))?;
        }
        st.sessions.insert(id, s.clone());
        Ok(Some(s))
    }

    /// Appends a device and the methods of a refresh or step-up login (§2.2:
    /// each activation adds one device entry).
    pub fn reauthenticate(
        &self,
        id: Uuid,
        device: Device,
        methods: Vec<AuthMethod>,
        lifespan: Duration,
    ) -> std::io::Result<Option<Session>> {
        let mut st = self.lock();
        let Some(mut s) = st.sessions.get(&id).cloned() else {
            return Ok(None);
        };
        let now = timefmt::now();
        s.devices.push(device);
        for m in methods {
            s.methods.retain(|old| old.method != m.method);
            s.methods.push(m);
        }
        s.aal = derive_aal(&s.methods);
        s.authenticated_at = now;
        s.expires_at = expires_after(now, lifespan);
        if let Some(p) = &st.persist {
            p.put_sessions(std::slice::from_ref(&s))?;
        }
        st.sessions.insert(id, s.clone());
        Ok(Some(s))
    }
}

/// v1.3.1 ordered the self-service and identity lists by `authenticated_at`
/// (newest first); later Kratos by `created_at`, as the store keeps them.
pub fn order_for(version: KratosVersion, v: &mut [Session]) {
    if version == KratosVersion::V1_3_1 {
        v.sort_by_key(|s| std::cmp::Reverse(s.authenticated_at));
    }
}

/// `from + lifespan`, or the last representable microsecond: a seeded
/// `authenticated_at` may be any time up to year 9999, and adding to it
/// must not panic.
pub fn expires_after(from: OffsetDateTime, lifespan: Duration) -> OffsetDateTime {
    from.checked_add(lifespan).unwrap_or(LAST_MICROSECOND)
}

const LAST_MICROSECOND: OffsetDateTime = time::macros::datetime!(9999-12-31 23:59:59.999999 UTC);

fn sort_newest_first(v: &mut [Session]) {
    v.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.seq.cmp(&a.seq)));
}

/// aal2 when a second-factor method joins a first-factor one, or when a
/// federated login alone reported aal2 (§2.2).
pub fn derive_aal(methods: &[AuthMethod]) -> String {
    let has = |aal: &str| methods.iter().any(|m| m.aal == aal);
    let federated_aal2 = methods.iter().any(|m| (m.method == "oidc" || m.method == "saml") && m.aal == "aal2");
    if (has("aal1") && has("aal2")) || federated_aal2 {
        "aal2".into()
    } else {
        "aal1".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn method(m: &str, aal: &str) -> AuthMethod {
        AuthMethod { method: m.into(), aal: aal.into(), completed_at: timefmt::now(), provider: None }
    }

    #[test]
    fn aal_from_methods() {
        assert_eq!(derive_aal(&[method("password", "aal1")]), "aal1");
        assert_eq!(derive_aal(&[method("password", "aal1"), method("totp", "aal2")]), "aal2");
        assert_eq!(derive_aal(&[method("oidc", "aal2")]), "aal2");
    }

    #[test]
    fn a_late_authenticated_at_saturates_the_expiry() {
        let store = Store::default();
        let who = store.create_identity(serde_json::json!({}), false).unwrap();
        let late = timefmt::parse("9999-12-31T23:00:00Z");
        let new = NewSession { identity_id: who.id, authenticated_at: late, ..Default::default() };
        let s = store.create_session(new, Duration::hours(24)).unwrap();
        assert_eq!(s.expires_at, LAST_MICROSECOND);
    }

    #[test]
    fn revoke_counts_matched_rows_not_changed_ones() {
        let store = Store::default();
        let who = store.create_identity(serde_json::json!({}), false).unwrap();
        let new = || NewSession { identity_id: who.id, ..Default::default() };
        let current = store.create_session(new(), Duration::hours(1)).unwrap();
        let a = store.create_session(new(), Duration::hours(1)).unwrap();
        store.create_session(new(), Duration::hours(1)).unwrap();
        store.revoke_where(|s| s.id == a.id).unwrap();
        let n = store.revoke_where(|s| s.identity_id == who.id && s.id != current.id).unwrap();
        assert_eq!(n, 2);
        assert!(store.session(current.id).unwrap().active);
    }
}
