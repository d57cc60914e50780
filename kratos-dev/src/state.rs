//! What every handler shares.

use std::sync::Arc;

use crate::config::Config;
use crate::faults::Faults;
use crate::store::error_flows::ErrorFlows;
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub cfg: Arc<Config>,
    pub store: Store,
    pub faults: Faults,
    pub error_flows: ErrorFlows,
}
