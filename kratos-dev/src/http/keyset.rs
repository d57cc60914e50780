//! Keyset pagination of `GET /admin/sessions` (CONTRACT.md §8.3): the page
//! token names the last session seen by id and `created_at`.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use time::macros::{datetime, format_description};
use time::{OffsetDateTime, PrimitiveDateTime};
use uuid::Uuid;

use super::request::query_get;
use crate::wire::KratosError;

/// Where the first page starts: after every real session.
pub const FIRST_PAGE_AT: PrimitiveDateTime = datetime!(2200-12-31 23:59:59);

const DEFAULT_SIZE: i64 = 250;
const MAX_SIZE: i64 = 1000;

/// `page_size`: 250 when absent or not positive, at most 1000, a 400 when
/// it is not a number (unlike the offset paginator, which ignores it).
pub fn page_size(query: &[(String, String)]) -> Result<i64, KratosError> {
    match query_get(query, "page_size").map(str::parse::<i64>) {
        None => Ok(DEFAULT_SIZE),
        Some(Ok(n)) if n <= 0 => Ok(DEFAULT_SIZE),
        Some(Ok(n)) => Ok(n.min(MAX_SIZE)),
        Some(Err(_)) => Err(KratosError::bad_request().message("could not parse parameter page_size")),
    }
}

/// A session's place in the keyset order: its `created_at` as the
/// database column holds it, without an offset.
pub fn at(created_at: OffsetDateTime) -> PrimitiveDateTime {
    PrimitiveDateTime::new(created_at.date(), created_at.time())
}

pub fn token(id: Uuid, created_at: PrimitiveDateTime) -> String {
    STANDARD_NO_PAD.encode(format!("id={id}/created_at={}", go_keyset_time(created_at)))
}

/// Go's `2006-01-02 15:04:05.99999`: at most five fractional digits, trailing
/// zeros (and a bare dot) dropped, as Kratos writes its page tokens.
fn go_keyset_time(at: PrimitiveDateTime) -> String {
    let fmt = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let mut out = at.format(&fmt).unwrap_or_default();
    let fraction = format!("{:05}", at.nanosecond() / 10_000);
    let fraction = fraction.trim_end_matches('0');
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A `Link` URL: the request's other query keys kept, the page's set, the
/// keys sorted as Go's `url.Values.Encode` sorts them.
pub fn link(path: &str, query: &[(String, String)], size: i64, token: &str, rel: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        query.iter().filter(|(k, _)| k != "page_size" && k != "page_token").cloned().collect();
    pairs.push(("page_size".into(), size.to_string()));
    pairs.push(("page_token".into(), token.to_owned()));
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let qs = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    format!("<{path}?{qs}>; rel=\"{rel}\"")
}

pub fn parse_token(token: &str) -> Result<(Uuid, PrimitiveDateTime), KratosError> {
    let bad_param = || KratosError::bad_request().message("could not parse parameter page_size");
    let crafted = || KratosError::bad_request().reason("The page token is invalid, do not craft your own page tokens");
    let raw = STANDARD_NO_PAD.decode(token.trim_end_matches('=')).map_err(|_| bad_param())?;
    let raw = String::from_utf8(raw).map_err(|_| crafted())?;
    let mut id = None;
    let mut at = None;
    for part in raw.split('/') {
        match part.split_once('=') {
            Some(("id", v)) => id = Some(Uuid::parse_str(v).map_err(|_| crafted())?),
            Some(("created_at", v)) => {
                // With or without the fraction, as go_keyset_time writes it.
                let fmt = format_description!("[year]-[month]-[day] [hour]:[minute]:[second][optional [.[subsecond]]]");
                at = Some(PrimitiveDateTime::parse(v, &fmt).map_err(|_| crafted())?);
            }
            _ => {}
        }
    }
    Ok((id.ok_or_else(crafted)?, at.ok_or_else(crafted)?))
}
