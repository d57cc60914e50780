//! Which rows of a long list to put in the DOM: those near the viewport,
//! between two spacers that stand in for the rest. Short lists render whole.

/// Lists up to this long are rendered whole.
pub const WINDOW_FROM: usize = 200;
/// Rows rendered beyond each edge of the viewport.
pub const OVERSCAN: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    /// Height standing in for the rows before `start`, in whole CSS
    /// pixels (so the wasm carries no float printing).
    pub before_px: u32,
    pub after_px: u32,
}

/// `list_top` is the list's top edge relative to the viewport (negative once
/// scrolled past), `viewport` the viewport's height, `row` a row's height.
pub fn window(len: usize, list_top: f64, viewport: f64, row: f64) -> Window {
    if len <= WINDOW_FROM || row <= 0.0 || !row.is_finite() {
        return Window { start: 0, end: len, before_px: 0, after_px: 0 };
    }
    let scrolled = (-list_top).max(0.0);
    let first = ((scrolled / row) as usize).min(len.saturating_sub(1));
    let visible = (viewport.max(0.0) / row).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN);
    let end = (first + visible + OVERSCAN).min(len);
    let px = |rows: usize| (rows as f64 * row).round() as u32;
    Window { start, end, before_px: px(start), after_px: px(len - end) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_render_whole() {
        assert_eq!(window(150, -5000.0, 800.0, 150.0), Window { start: 0, end: 150, before_px: 0, after_px: 0 });
    }

    #[test]
    fn long_lists_render_around_the_viewport() {
        let top = window(1000, 300.0, 800.0, 100.0);
        assert_eq!((top.start, top.end), (0, 17));
        assert_eq!(top.after_px, 983 * 100);
        let mid = window(1000, -50_000.0, 800.0, 100.0);
        assert_eq!((mid.start, mid.end), (492, 517));
        assert_eq!(mid.before_px as usize + (mid.end - mid.start) * 100 + mid.after_px as usize, 100_000);
        let bottom = window(1000, -1_000_000.0, 800.0, 100.0);
        assert_eq!(bottom.end, 1000);
        assert!(bottom.start < 1000);
        assert_eq!(window(1000, 0.0, 800.0, f64::NAN).end, 1000, "no measurement yet: everything");
    }
}
