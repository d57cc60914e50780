// Builds the page's two Intl formatters while the wasm downloads. The first
// formatter in a fresh renderer loads ICU's data for its locale, tens of
// milliseconds that would otherwise land on a first visit's critical path,
// after Kratos has answered; the page's own formatters are then quick to
// build. The options are those of src/intl.rs.
export function warmIntl(locale) {
  try {
    new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(-1, "hour");
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(0);
  } catch {
    // An odd locale: the page falls back on its own.
  }
}

// The standalone page: its host element's locale, else the browser's.
warmIntl(document.getElementById("kratos-sessions")?.dataset.locale || navigator.language);
