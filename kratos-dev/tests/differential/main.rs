//! kratos-dev checked against the real Kratos v1.3.1, request by request:
//! the same state is made on both (kratos-dev by seeding, Kratos through
//! its own login flows), the same scripted requests are sent to both, and
//! every difference in status, content type, the headers that matter and
//! the masked JSON fails the test unless docs/kratos-dev.md lists it.
//!
//! Needs the binaries of `cargo xtask ory` (`cargo xtask test` builds them).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod compare;
mod pair;

mod admin;
mod logout;
mod sessions;
