//! Hydra v2.3.0's list paging, done by hand. Its `Link` header is wrong
//! (every URL says `page_size=1`, and `next` skips a row), so it is never
//! followed: the offsets are ours, and `X-Total-Count` says when to stop.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Hydra's default page size. Hydra turns the token's offset into a page
/// number (`offset / page_size`), so offsets are multiples of it.
pub(crate) const PAGE_SIZE: usize = 250;

/// A bound on pages read for one person (100 000 grants), so an upstream
/// that keeps saying "more" cannot keep a request going forever.
pub(crate) const MAX_PAGES: usize = 400;

/// The `page_token` for `offset`: base64url, unpadded (Hydra decodes with
/// Go's RawURLEncoding and silently reads a bad token as offset 0).
pub(crate) fn token(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!(r#"{{"offset":"{offset}","v":2}}"#))
}

/// Whether to read the page at `next_offset`, given the total Hydra has
/// reported (the largest seen; it sends none on an empty answer) and the
/// size of the page just read. Hydra drops expired grants from a page after
/// counting it, so a short page is no sign of the end while the total says
/// there is more.
pub(crate) fn more(next_offset: usize, total: Option<usize>, last_page_len: usize) -> bool {
    match total {
        Some(total) => next_offset < total,
        None => last_page_len >= PAGE_SIZE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_hydras() {
        // What Hydra itself writes for offset 250 (base64url of the JSON, no padding).
        assert_eq!(token(250), "eyJvZmZzZXQiOiIyNTAiLCJ2IjoyfQ");
        assert!(!token(1).contains('='));
    }

    #[test]
    fn paging_stops_on_the_total_not_on_short_pages() {
        assert!(more(250, Some(260), 250));
        assert!(more(250, Some(260), 10), "a page shortened by expired grants is not the end");
        assert!(!more(500, Some(260), 10));
        assert!(!more(250, None, 0));
        assert!(more(250, None, 250));
    }
}
