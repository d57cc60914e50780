//! The page's destructive actions, the step-up policy that may guard them,
//! and the record that carries an action across a step-up sign-in.

/// Something the user asked to do that ends sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Sign out one other session.
    RevokeOne { id: String },
    /// Sign out every other session.
    RevokeOthers,
    /// Log out on this device through Kratos's logout flow.
    LogOutHere,
    /// Sign out the others (and remove every connected app, and the apps'
    /// remembered sign-ins), then log out here.
    SignOutEverywhere,
    /// Remove one connected app's access.
    RemoveApp { client_id: String },
    /// Remove every connected app's access.
    RemoveAllApps,
}

impl Action {
    /// A compact form for `sessionStorage` across the step-up redirect.
    pub fn encode(&self) -> String {
        match self {
            Self::RevokeOne { id } => format!("revoke-one:{id}"),
            Self::RevokeOthers => "revoke-others".into(),
            Self::LogOutHere => "log-out-here".into(),
            Self::SignOutEverywhere => "sign-out-everywhere".into(),
            Self::RemoveApp { client_id } => format!("remove-app:{client_id}"),
            Self::RemoveAllApps => "remove-all-apps".into(),
        }
    }

    pub fn decode(s: &str) -> Option<Self> {
        match s {
            "revoke-others" => Some(Self::RevokeOthers),
            "log-out-here" => Some(Self::LogOutHere),
            "sign-out-everywhere" => Some(Self::SignOutEverywhere),
            "remove-all-apps" => Some(Self::RemoveAllApps),
            other => {
                let tail = |prefix: &str| other.strip_prefix(prefix).filter(|id| !id.is_empty()).map(str::to_owned);
                tail("revoke-one:")
                    .map(|id| Self::RevokeOne { id })
                    .or_else(|| tail("remove-app:").map(|client_id| Self::RemoveApp { client_id }))
            }
        }
    }
}

/// An action waiting for the user to come back from a step-up sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub action: Action,
    /// When the user asked, in epoch milliseconds.
    pub asked_at: i64,
}

/// A pending action older than this is dropped rather than offered again.
pub const PENDING_TTL_MS: i64 = 10 * 60 * 1000;

impl Pending {
    pub fn encode(&self) -> String {
        format!("{}|{}", self.asked_at, self.action.encode())
    }

    pub fn decode(s: &str) -> Option<Self> {
        let (at, action) = s.split_once('|')?;
        Some(Self { asked_at: at.parse().ok()?, action: Action::decode(action)? })
    }

    pub fn is_fresh(&self, now: i64) -> bool {
        (0..PENDING_TTL_MS).contains(&(now - self.asked_at))
    }
}

/// Optional extra checks before destructive actions. Kratos itself does not
/// require them; sites that want Clerk-style re-verification set them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepUpPolicy {
    /// The current session must have signed in at most this many seconds ago.
    pub max_age_secs: Option<u64>,
    /// The current session must be at AAL2.
    pub require_aal2: bool,
}

/// What a sign-in must add before the action may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepUp {
    pub refresh: bool,
    pub aal2: bool,
}

impl StepUpPolicy {
    /// `None` when the current session already satisfies the policy.
    pub fn check(&self, authenticated_at: Option<i64>, aal: Option<&str>, now: i64) -> Option<StepUp> {
        let too_old = self.max_age_secs.is_some_and(|max| {
            let max_ms = i64::try_from(max).unwrap_or(i64::MAX / 2).saturating_mul(1000);
            authenticated_at.is_none_or(|at| now.saturating_sub(at) > max_ms)
        });
        let aal_low =
            self.require_aal2 && !matches!(aal.map(str::to_ascii_lowercase).as_deref(), Some("aal2" | "aal3"));
        (too_old || aal_low).then_some(StepUp { refresh: too_old, aal2: aal_low })
    }
}

/// Reads a duration as people write it, `600`, `90s`, `10m`, `2h` or `1d`,
/// into seconds; `None` for anything else (`10min`, `soon`, `-5m`).
pub fn parse_max_age(s: &str) -> Option<u64> {
    let s = s.trim();
    let (digits, unit) = s.find(|c: char| !c.is_ascii_digit()).map_or((s, ""), |i| s.split_at(i));
    let n: u64 = digits.parse().ok()?;
    let mult = match unit.trim_start() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    n.checked_mul(mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip() {
        for a in [
            Action::RevokeOne { id: "5f7c".into() },
            Action::RevokeOthers,
            Action::LogOutHere,
            Action::SignOutEverywhere,
            Action::RemoveApp { client_id: "x&all=true|:odd".into() },
            Action::RemoveAllApps,
        ] {
            assert_eq!(Action::decode(&a.encode()), Some(a.clone()));
            let p = Pending { action: a, asked_at: 42 };
            assert_eq!(Pending::decode(&p.encode()), Some(p));
        }
        assert_eq!(Action::decode("revoke-one:"), None);
        assert_eq!(Action::decode("remove-app:"), None);
        assert_eq!(Action::decode("drop-tables"), None);
        assert_eq!(Pending::decode("x|revoke-others"), None);
    }

    #[test]
    fn pending_expires() {
        let p = Pending { action: Action::RevokeOthers, asked_at: 1_000 };
        assert!(p.is_fresh(1_000 + 60_000));
        assert!(!p.is_fresh(1_000 + PENDING_TTL_MS));
        assert!(!p.is_fresh(0), "from the future");
    }

    #[test]
    fn policy() {
        let none = StepUpPolicy::default();
        assert_eq!(none.check(None, None, 0), None);
        let fresh = StepUpPolicy { max_age_secs: Some(600), require_aal2: false };
        assert_eq!(fresh.check(Some(1_000_000), Some("aal1"), 1_000_000 + 599_000), None);
        assert_eq!(
            fresh.check(Some(1_000_000), Some("aal1"), 1_000_000 + 601_000),
            Some(StepUp { refresh: true, aal2: false })
        );
        assert_eq!(fresh.check(None, Some("aal1"), 0), Some(StepUp { refresh: true, aal2: false }));
        let mfa = StepUpPolicy { max_age_secs: None, require_aal2: true };
        assert_eq!(mfa.check(Some(0), Some("AAL2"), 0), None);
        assert_eq!(mfa.check(Some(0), Some("aal1"), 0), Some(StepUp { refresh: false, aal2: true }));
    }

    #[test]
    fn max_ages() {
        assert_eq!(parse_max_age("600"), Some(600));
        assert_eq!(parse_max_age("10m"), Some(600));
        assert_eq!(parse_max_age("1h"), Some(3600));
        assert_eq!(parse_max_age("90s"), Some(90));
        assert_eq!(parse_max_age("2h"), Some(7200));
        assert_eq!(parse_max_age("1d"), Some(86_400));
        assert_eq!(parse_max_age(" 5 m "), Some(300));
        for bad in ["m", "10min", "soon", "-5m", "1.5h", "", "5w"] {
            assert_eq!(parse_max_age(bad), None, "{bad:?}");
        }
    }
}
