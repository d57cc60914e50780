//! A JSON object of strings (a catalogue, or the host's overrides) as
//! key–message pairs in the object's order. Anything else gives nothing;
//! entries that are not strings are skipped.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// Messages by key, in the order the file gives them.
struct Strings(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(StringsVisitor)
    }
}

struct StringsVisitor;

impl<'de> Visitor<'de> for StringsVisitor {
    type Value = Strings;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of strings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strings, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(text) = map.next_value::<Text>()?.0 {
                out.push((key, text));
            }
        }
        Ok(Strings(out))
    }
}

/// A string, or nothing for any other value.
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The lenient reader the wire types use, so the rule is one.
        crate::kratos::lenient_string(d).map(Text)
    }
}

/// Parses `json` (in the browser with its own `JSON.parse`).
pub fn parse_strings(json: &str) -> Vec<(String, String)> {
    crate::kratos::from_str::<Strings>(json).map(|s| s.0).unwrap_or_default()
}
