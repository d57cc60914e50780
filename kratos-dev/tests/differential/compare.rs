//! One scripted request, sent to both sides and reduced to what must
//! match: status, content type, the headers that matter, and the body with
//! each side's ids, tokens, URLs and times masked.

use serde_json::{json, Map, Value};

use ory_harness::Http;

use crate::pair::{Pair, Side};

/// The headers compared; everything else (Date, Content-Length, …) varies.
const HEADERS: [&str; 16] = [
    "content-type",
    "cache-control",
    "vary",
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-expose-headers",
    "access-control-max-age",
    "set-cookie",
    "location",
    "link",
    "x-total-count",
    "x-kratos-authenticated-identity-id",
    "ory-error-id",
    "allow",
];

#[derive(Clone)]
pub struct Step {
    pub name: String,
    admin: bool,
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
    /// Keeps a value of the answer (a JSON pointer) under a name, per side.
    capture: Option<(String, String)>,
}

pub fn public(name: &str, method: &str, path: &str) -> Step {
    Step {
        name: name.into(),
        admin: false,
        method: method.into(),
        path: path.into(),
        headers: Vec::new(),
        body: None,
        capture: None,
    }
}

pub fn admin(name: &str, method: &str, path: &str) -> Step {
    Step { admin: true, ..public(name, method, path) }
}

impl Step {
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }

    /// `X-Session-Token` of the named session.
    pub fn token(self, session: &str) -> Self {
        self.header("X-Session-Token", &format!("{{token:{session}}}"))
    }

    pub fn bearer(self, session: &str) -> Self {
        self.header("Authorization", &format!("Bearer {{token:{session}}}"))
    }

    /// The named session's cookie, as a browser sends it.
    pub fn cookie(self, session: &str) -> Self {
        self.header("Cookie", &format!("ory_kratos_session={{cookie:{session}}}"))
    }

    pub fn json_accept(self) -> Self {
        self.header("Accept", "application/json")
    }

    pub fn origin(self, origin: &str) -> Self {
        self.header("Origin", origin)
    }

    pub fn body(mut self, body: &str) -> Self {
        self.body = Some(body.into());
        self
    }

    /// Keeps the answer's `pointer` as `{name}` for later steps.
    pub fn capture(mut self, name: &str, pointer: &str) -> Self {
        self.capture = Some((name.into(), pointer.into()));
        self
    }

    async fn observe(&self, http: &Http, side: &mut Side) -> Value {
        let base = if self.admin { &side.admin } else { &side.public };
        let mut req = http.req(&self.method, &format!("{base}{}", side.fill(&self.path)));
        for (k, v) in &self.headers {
            req = req.header(k, &side.fill(v));
        }
        if let Some(b) = &self.body {
            req = req.body_text(&side.fill(b));
        }
        let res = req.send().await;
        if let Some((name, pointer)) = &self.capture {
            let value = serde_json::from_str::<Value>(&res.body).ok().and_then(|v| v.pointer(pointer).cloned());
            let value = value.and_then(|v| v.as_str().map(str::to_owned));
            let value = value.unwrap_or_else(|| panic!("{}: {} has no {pointer}: {}", self.name, side.name, res.body));
            side.values.insert(name.clone(), value);
        }
        let mut headers = Map::new();
        for name in HEADERS {
            let mut values: Vec<String> =
                res.all(name).iter().map(|v| mask_text(side, &mask_header(side, name, v))).collect();
            if name == "vary" || name == "set-cookie" {
                values.sort();
            }
            if !values.is_empty() {
                headers.insert(name.into(), json!(values.join(" | ")));
            }
        }
        let body = match serde_json::from_str::<Value>(&res.body) {
            Ok(v) if !res.body.is_empty() => mask_json(side, v),
            _ => json!(mask_text(side, res.body.trim_end())),
        };
        json!({ "status": res.status, "headers": headers, "body": body })
    }
}

/// A difference between the sides that is known and documented in
/// docs/kratos-dev.md ("Against the real Kratos"), with why it stays.
pub struct Known {
    /// The step's name, or `*` for every step.
    pub step: &'static str,
    /// The differing path's start, e.g. `headers.set-cookie`.
    pub path: &'static str,
}

/// Runs `steps` in order on both sides and fails listing every difference
/// that `known` does not cover.
pub async fn check(pair: &mut Pair, steps: &[Step], known: &[Known]) {
    let mut unexpected = Vec::new();
    for step in steps {
        let dev = step.observe(&pair.http, &mut pair.dev).await;
        let ory = step.observe(&pair.http, &mut pair.ory).await;
        let mut diffs = Vec::new();
        diff("", &dev, &ory, &mut diffs);
        // A different status makes every other difference noise.
        if dev["status"] != ory["status"] {
            diffs.retain(|(p, _, _)| p == "status" || p.starts_with("body"));
        }
        for (path, d, o) in diffs {
            let listed = known.iter().any(|k| (k.step == "*" || k.step == step.name) && path.starts_with(k.path));
            let line = format!("{}: {path}\n    {}: {d}\n    {}: {o}", step.name, pair.dev.name, pair.ory.name);
            if listed {
                eprintln!("known difference, {line}");
            } else {
                unexpected.push(line);
            }
        }
    }
    assert!(unexpected.is_empty(), "kratos-dev differs from Kratos v1.3.1:\n{}", unexpected.join("\n"));
}

fn diff(path: &str, a: &Value, b: &Value, out: &mut Vec<(String, String, String)>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                match (x.get(k), y.get(k)) {
                    (Some(l), Some(r)) => diff(&p, l, r, out),
                    (l, r) => out.push((p, show(l), show(r))),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (l, r)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}[{i}]"), l, r, out);
            }
        }
        _ if a != b => out.push((path.to_owned(), a.to_string(), b.to_string())),
        _ => {}
    }
}

fn show(v: Option<&Value>) -> String {
    v.map(Value::to_string).unwrap_or_else(|| "(absent)".into())
}

/// Cookie values and dates vary; names and attributes must not.
fn mask_header(side: &Side, name: &str, value: &str) -> String {
    if name == "link" {
        return keyset_tokens_decoded(value);
    }
    if name != "set-cookie" {
        return value.to_owned();
    }
    value
        .split(';')
        .enumerate()
        .map(|(i, part)| {
            let part = part.trim();
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            if i == 0 {
                // Kratos names the CSRF cookie by a hash of its base URL.
                let k = if k == csrf_name(side) {
                    "csrf_token_<sha256 of the base URL>"
                } else if k.starts_with("csrf_token_") {
                    "csrf_token_<another hash>"
                } else {
                    k
                };
                format!("{k}=<value>")
            } else if k.eq_ignore_ascii_case("expires") && !v.starts_with("Thu, 01 Jan 1970") {
                "Expires=<date>".into()
            } else if k.eq_ignore_ascii_case("max-age") && v.parse::<i64>().is_ok_and(|n| n > 0) {
                "Max-Age=<positive>".into()
            } else {
                part.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `GET /admin/sessions` page tokens, decoded with their parts sorted:
/// Kratos writes `id=…/created_at=…` in Go's random map order.
fn keyset_tokens_decoded(link: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    let mut rest = link;
    while let Some(i) = rest.find("page_token=") {
        let (head, tail) = rest.split_at(i + "page_token=".len());
        out.push_str(head);
        let end = tail.find(['&', '>']).unwrap_or(tail.len());
        let token = &tail[..end];
        let decoded = base64::engine::general_purpose::STANDARD_NO_PAD.decode(token).ok();
        match decoded.and_then(|d| String::from_utf8(d).ok()).filter(|d| d.contains("created_at=")) {
            Some(text) => {
                let mut parts: Vec<&str> = text.split('/').collect();
                parts.sort();
                out.push_str(&format!("keyset({})", parts.join("/")));
            }
            None => out.push_str(token),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The name Kratos gives its CSRF cookie: a hash of the public base URL.
fn csrf_name(side: &Side) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{}/", side.values["public"]).as_bytes());
    format!("csrf_token_{}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

fn mask_text(side: &Side, text: &str) -> String {
    let text = side.unfill(text);
    // Ids and tokens the script never named (devices, flows, errors).
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find(|c: char| c.is_ascii_hexdigit() || c == 'o') {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        if tail.len() >= 36 && is_uuid(&tail[..36]) {
            out.push_str("<uuid>");
            rest = &tail[36..];
        } else if tail.starts_with("ory_st_") || tail.starts_with("ory_lo_") {
            let end = tail.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(tail.len());
            out.push_str(&tail[..7]);
            out.push_str("<token>");
            rest = &tail[end..];
        } else {
            let c = tail.chars().next().unwrap_or_default();
            out.push(c);
            rest = &tail[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

fn is_uuid(s: &str) -> bool {
    s.char_indices().all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() })
}

fn is_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && (s.ends_with('Z') || s.contains('+'))
}

fn mask_json(side: &Side, v: Value) -> Value {
    match v {
        Value::String(s) if is_time(&s) => json!("<time>"),
        Value::String(s) => json!(mask_text(side, &s)),
        Value::Array(items) => Value::Array(items.into_iter().map(|i| mask_json(side, i)).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, mask_json(side, v))).collect()),
        other => other,
    }
}
