//! What every handler shares.

use std::sync::Arc;

use crate::config::Config;
use crate::errors_flow::ErrorFlows;
use crate::faults::Faults;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub cfg: Arc<Config>,
    pub store: Store,
    pub faults: Faults,
    pub error_flows: ErrorFlows,
}

/// The query string as ordered pairs (order and repeats kept).
pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes()).into_owned().collect()
}

pub fn query_get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}
