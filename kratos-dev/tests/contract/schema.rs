//! Validates bodies against Kratos's OpenAPI 3.0 spec with the `jsonschema`
//! crate. OpenAPI's `nullable` is rewritten into JSON Schema, and only the
//! spec's known errors (CONTRACT.md §11) are relaxed.

use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::support::spec;

/// OpenAPI 3.0 `nullable: true` → JSON Schema's `null` type.
fn nullable_to_json_schema(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for child in map.values_mut() {
                nullable_to_json_schema(child);
            }
            if map.remove("nullable") == Some(Value::Bool(true)) {
                match map.get("type").cloned() {
                    Some(Value::String(t)) => {
                        map.insert("type".into(), json!([t, "null"]));
                    }
                    _ => {
                        let inner = Value::Object(std::mem::take(map));
                        map.insert("anyOf".into(), json!([inner, { "type": "null" }]));
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(nullable_to_json_schema),
        _ => {}
    }
}

fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = spec().clone();
        nullable_to_json_schema(&mut doc);
        // §11.11: the AAL and CSRF errors put keys into `details`, which the
        // spec declares closed.
        doc["components"]["schemas"]["genericError"]["properties"]["details"]["additionalProperties"] = json!(true);
        // §2.2/§2.3: `identity` and `devices` are always present, as `null`
        // on admin endpoints without `expand`; the spec forgets `nullable`.
        let session = &mut doc["components"]["schemas"]["session"]["properties"];
        session["identity"] = json!({ "anyOf": [{ "$ref": "#/components/schemas/identity" }, { "type": "null" }] });
        session["devices"]["type"] = json!(["array", "null"]);
        doc
    })
}

pub fn errors(component: &str, value: &Value) -> Vec<String> {
    let mut schema = document().clone();
    schema["$ref"] = json!(format!("#/components/schemas/{component}"));
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema {component}: {e}"));
    validator.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

pub fn assert_valid(component: &str, value: &Value) {
    let errors = errors(component, value);
    assert!(errors.is_empty(), "{component} does not validate: {errors:#?}\n{value:#}");
}

/// The validator is not vacuous: wrong shapes fail.
#[test]
fn validator_rejects_wrong_shapes() {
    assert!(!errors("session", &json!({ "id": "not-a-uuid" })).is_empty());
    assert!(!errors("session", &json!({ "id": "5f7c0e1a-6d1f-4b8e-9e52-0a3c9a1b2c3d", "expires_at": 5 })).is_empty());
    assert!(!errors("errorGeneric", &json!({ "error": {} })).is_empty());
    assert!(!errors("deleteMySessionsCount", &json!({ "count": "3" })).is_empty());
    assert!(errors("deleteMySessionsCount", &json!({ "count": 3 })).is_empty());
}
