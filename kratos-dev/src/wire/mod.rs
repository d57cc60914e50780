//! Kratos's objects and how Kratos writes them: identities, sessions and
//! their devices ([`model`]), the Session JSON ([`session`], CONTRACT.md
//! §2), the herodot error envelope ([`errors`], §1.4) and timestamps
//! ([`timefmt`]). The bottom layer: it uses no other module of the crate.

pub mod errors;
pub mod model;
pub mod session;
pub mod timefmt;

use serde::Deserialize;

pub use errors::KratosError;
pub use model::{AuthMethod, Device, Identity, IdentityState, Session};

/// Which Kratos to write like where releases differ. `latest` follows the
/// Kratos source CONTRACT.md was read from (after v26.2.0); `v1.3.1`
/// follows the newest tagged release, which the differential suite runs
/// against: `GET /sessions` without the AAL check, no `Ory-Error-Id`
/// header, `Cache-Control` on every routed response, lists ordered by
/// `authenticated_at`, `X-Total-Count` on `GET /admin/sessions`, and admin
/// paths without `/admin` redirected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum KratosVersion {
    #[serde(rename = "latest")]
    Latest,
    #[serde(rename = "v1.3.1")]
    V1_3_1,
}
