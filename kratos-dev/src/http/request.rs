//! Reading a request as Kratos reads it: the query as ordered pairs, a UUID
//! in the path, a JSON body.

use axum::body::Bytes;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::wire::KratosError;

/// The query string as ordered pairs (order and repeats kept).
pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes()).into_owned().collect()
}

pub fn query_get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// A 400 whose message is the Go UUID parser's text, as Kratos answers (§5).
pub fn parse_uuid(s: &str) -> Result<Uuid, KratosError> {
    Uuid::parse_str(s).map_err(|_| {
        let message = match s.len() {
            32 | 36 | 38 | 45 => format!("uuid: incorrect UUID format in string {s:?}"),
            n => format!("uuid: incorrect UUID length {n} in string {s:?}"),
        };
        KratosError::bad_request().message(message)
    })
}

/// Decodes a JSON body, answering malformed input with Kratos's 400 shape.
pub fn decode_json<T: DeserializeOwned>(body: &Bytes) -> Result<T, KratosError> {
    serde_json::from_slice(body).map_err(|e| KratosError::bad_request().reason(json_error_reason(&e)))
}

/// Kratos's reason for a body that is not JSON. Go's decoder says
/// "unexpected EOF" for a truncated body; for other syntax errors its
/// wording (e.g. "invalid character 'x' looking for beginning of value")
/// is not reproduced, serde's is given instead (docs/kratos-dev.md).
fn json_error_reason(e: &serde_json::Error) -> String {
    if e.is_eof() {
        "Unable to decode JSON payload: unexpected EOF".into()
    } else {
        format!("Unable to decode JSON payload: {e}")
    }
}
