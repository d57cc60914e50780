//! A JSON object of strings (a catalogue, or the host's overrides) as
//! key–message pairs in the object's order. Anything else gives nothing.

/// In the browser: its own `JSON.parse`, no JSON code in the wasm.
#[cfg(target_arch = "wasm32")]
pub fn parse_strings(json: &str) -> Vec<(String, String)> {
    let Ok(value) = js_sys::JSON::parse(json) else { return Vec::new() };
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Vec::new();
    }
    js_sys::Object::entries(&value.into())
        .iter()
        .filter_map(|entry| {
            let pair = js_sys::Array::from(&entry);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn parse_strings(json: &str) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str(json) else { return Vec::new() };
    map.into_iter().filter_map(|(k, v)| Some((k, v.as_str()?.to_owned()))).collect()
}
