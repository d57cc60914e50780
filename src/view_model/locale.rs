//! Locale tags reach `Intl` constructors that throw on malformed input, and
//! a JS exception thrown through wasm aborts the call, so tags are checked
//! here first.

/// `Some(tag)` when `tag` is a well-formed BCP 47 language tag.
pub fn sanitize(tag: &str) -> Option<String> {
    let tag = tag.trim();
    let mut parts = tag.split('-');
    let first = parts.next()?;
    let first_ok = (2..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic());
    let rest_ok = parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    (first_ok && rest_ok && tag.len() <= 35).then(|| tag.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(sanitize("en"), Some("en".into()));
        assert_eq!(sanitize(" de-CH "), Some("de-CH".into()));
        assert_eq!(sanitize("zh-Hant-TW"), Some("zh-Hant-TW".into()));
        assert_eq!(sanitize("en-"), None);
        assert_eq!(sanitize("e"), None);
        assert_eq!(sanitize("en_US"), None);
        assert_eq!(sanitize("<script>"), None);
    }
}
