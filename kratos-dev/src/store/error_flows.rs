//! Browser-mode errors, kept so that `GET /self-service/errors?id=…` can
//! return them (CONTRACT.md §1.6).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use uuid::Uuid;

use crate::wire::{timefmt, KratosError};

#[derive(Clone, Default)]
pub struct ErrorFlows(Arc<Mutex<HashMap<Uuid, Value>>>);

impl ErrorFlows {
    /// Stores the error as an error flow and returns the flow's id.
    pub fn put(&self, error: &KratosError) -> Uuid {
        let id = Uuid::new_v4();
        let now = timefmt::format(timefmt::now());
        let flow = json!({ "id": id, "error": error.body().get("error"), "created_at": now, "updated_at": now });
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(id, flow);
        id
    }

    pub fn get(&self, id: Uuid) -> Option<Value> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&id).cloned()
    }
}
