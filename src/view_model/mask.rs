//! IP addresses are masked until the user asks to see them, so a
//! screenshot or a shoulder does not give them away.

const HIDDEN: &str = "•••";

/// `203.0.113.42` → `203.0.•••.•••`; `2001:db8::1` → `2001:db8:•••`.
/// Anything else is hidden whole.
pub fn mask_ip(ip: &str) -> String {
    let ip = ip.trim();
    if ip.contains(':') {
        let mut groups = ip.split(':');
        match (groups.next(), groups.next()) {
            (Some(a), Some(b)) if is_hex(a) && is_hex(b) => format!("{a}:{b}:{HIDDEN}"),
            _ => HIDDEN.to_owned(),
        }
    } else {
        let parts: Vec<&str> = ip.split('.').collect();
        match parts.as_slice() {
            [a, b, _, _] if is_dec(a) && is_dec(b) => format!("{a}.{b}.{HIDDEN}.{HIDDEN}"),
            _ => HIDDEN.to_owned(),
        }
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn is_dec(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_ip("203.0.113.42"), "203.0.•••.•••");
        assert_eq!(mask_ip("2001:db8::1f"), "2001:db8:•••");
        assert_eq!(mask_ip("::1"), "•••");
        assert_eq!(mask_ip("<img src=x>"), "•••");
        assert_eq!(mask_ip(""), "•••");
    }
}
