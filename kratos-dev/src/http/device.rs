//! The device a sign-in comes from, read off the request as Kratos does.

use std::net::SocketAddr;

use axum::http::{header, HeaderMap};
use uuid::Uuid;

use crate::wire::Device;

/// The TCP peer, put on each request by the server loop.
#[derive(Debug, Clone, Copy)]
pub struct PeerAddr(pub SocketAddr);

const MAX_USER_AGENT: usize = 512;

pub fn from_request(headers: &HeaderMap, peer: Option<PeerAddr>) -> Device {
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(truncate);
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let ip = forwarded.or_else(|| peer.map(|p| p.0.ip().to_string()));
    let cf = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).filter(|s| !s.is_empty());
    let location = match (cf("cf-ipcity"), cf("cf-ipcountry")) {
        (Some(city), Some(cc)) => format!("{city}, {cc}"),
        (Some(city), None) => city.to_owned(),
        (None, Some(cc)) => cc.to_owned(),
        (None, None) => String::new(),
    };
    Device { id: Uuid::new_v4(), ip_address: ip, user_agent, location: Some(location) }
}

/// Kratos cuts the user agent at 512 bytes, on a character boundary here.
fn truncate(s: &str) -> String {
    let mut end = s.len().min(MAX_USER_AGENT);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default().to_owned()
}
