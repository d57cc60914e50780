//! RFC 6238 codes (SHA-1, 30 s, 6 digits: what Kratos's TOTP method uses),
//! so tests can enrol and answer a second factor like an authenticator app.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// The code for `secret` (base32, as Kratos shows it) at the current time.
pub fn code(secret: &str) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
    code_at(secret, now)
}

pub fn code_at(secret: &str, unix: u64) -> String {
    let key = base32(secret);
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).expect("any key length");
    mac.update(&(unix / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let bin =
        u32::from_be_bytes([digest[offset], digest[offset + 1], digest[offset + 2], digest[offset + 3]]) & 0x7fff_ffff;
    format!("{:06}", bin % 1_000_000)
}

/// RFC 4648 base32, padding and case ignored.
fn base32(text: &str) -> Vec<u8> {
    let (mut bits, mut acc, mut out) = (0u32, 0u64, Vec::new());
    for c in text.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let v = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => c as u64 - 'A' as u64,
            c @ '2'..='7' => c as u64 - '2' as u64 + 26,
            other => panic!("not base32: {other:?} in {text:?}"),
        };
        acc = (acc << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// RFC 6238's SHA-1 test vector: the ASCII secret "12345678901234567890".
    #[test]
    fn rfc_6238_vector() {
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assert_eq!(super::code_at(secret, 59), "287082");
        assert_eq!(super::code_at(secret, 1_111_111_109), "081804");
    }
}
