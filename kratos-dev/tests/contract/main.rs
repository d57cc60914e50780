//! kratos-dev against Kratos's contract (CONTRACT.md), one test per
//! behaviour; every body is validated against Kratos's OpenAPI spec.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod support;

mod admin;
mod cors_cookies;
mod faults;
mod list;
mod logout;
mod persistence;
mod revoke;
mod schema;
mod sdk;
mod whoami;
