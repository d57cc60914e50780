//! kratos-sessions-server against the real Ory Kratos v1.3.1 and Hydra
//! v2.3.0 (built by `cargo xtask ory`; `KRATOS_SESSIONS_ORY_BIN` points at
//! them elsewhere), each test with its own, on free loopback ports. Apps
//! are connected through Hydra's own authorization-code flow, and what a
//! removal did is checked in Hydra's introspection and token endpoint.
//! Small fakes stand in where a real service cannot be made to fail.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod support;

mod failures;
mod list;
mod paging;
mod revoke;
mod security;
