//! Reading Kratos's JSON without a deserialisation framework: the browser
//! parses (`Response.json()`), and each wire type picks out the fields it
//! shows. Replacing serde and serde-wasm-bindgen (whose error messages
//! pull in float printing) with these readers took 13 KB off the raw wasm.
//!
//! The same readers run natively over `serde_json::Value`, so the wire
//! types are tested without a browser.

/// A parsed JSON value: the browser's in the app, serde_json's in tests.
pub trait Json: Sized {
    /// `self[key]`, absent when missing or `null`.
    fn field(&self, key: &str) -> Option<Self>;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// The elements of an array; `None` for anything else.
    fn items(&self) -> Option<Vec<Self>>;
    /// A JSON object (not an array).
    fn is_map(&self) -> bool;

    fn str_field(&self, key: &str) -> Option<String> {
        self.field(key)?.string()
    }

    /// An array of `T`s; missing, `null` or not an array reads as empty,
    /// and elements that are not `T`s are skipped.
    fn list_field<T: FromJson>(&self, key: &str) -> Vec<T> {
        self.field(key).and_then(|v| v.items()).unwrap_or_default().iter().filter_map(T::from_json).collect()
    }
}

/// A wire type read from JSON; `None` when a required field is missing.
/// Optional fields of the wrong type read as absent, so one odd field
/// never hides a whole session.
pub trait FromJson: Sized {
    fn from_json(value: &impl Json) -> Option<Self>;
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &impl Json) -> Option<Self> {
        value.items()?.iter().map(T::from_json).collect()
    }
}

impl Json for wasm_bindgen::JsValue {
    fn field(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let v = js_sys::Reflect::get(self, &wasm_bindgen::JsValue::from_str(key)).ok()?;
        (!v.is_undefined() && !v.is_null()).then_some(v)
    }
    fn string(&self) -> Option<String> {
        self.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).to_vec())
    }
    fn is_map(&self) -> bool {
        wasm_bindgen::JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Json for serde_json::Value {
    fn field(&self, key: &str) -> Option<Self> {
        self.get(key).filter(|v| !v.is_null()).cloned()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
    fn is_map(&self) -> bool {
        self.is_object()
    }
}

/// Reads `T` from JSON text.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&serde_json::from_str::<serde_json::Value>(text).ok()?)
}

/// Reads `T` from JSON text.
#[cfg(target_arch = "wasm32")]
pub fn from_str<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&js_sys::JSON::parse(text).ok()?)
}
