// kratos-sessions embed loader: the <kratos-sessions> custom element and
// mount(). Load it as a module; it needs no inline script, so it works under
// a strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval').
//
//   <script type="module" src="/kratos-sessions/kratos-sessions.js"></script>
//   <kratos-sessions kratos-url="https://auth.example.com"></kratos-sessions>
import init, { mount as mountWasm } from "./kratos_sessions.js";

const here = new URL(".", import.meta.url);
const ready = init({ module_or_path: new URL("kratos_sessions_bg.wasm", here) });
const stylesheet = new URL("kratos-sessions.css", here).href;
const catalogues = new URL("i18n/", here).href;

const ATTRIBUTES = [
  "kratos-url", "login-url", "logout-return-url", "locale", "catalogues", "theme", "messages",
  "step-up-max-age", "step-up-aal", "heading-level", "page-size", "timeout", "apps-url",
];

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/**
 * Mounts the sessions page into `element` (in a shadow root unless
 * `options.shadow === false`). Resolves to a handle with `unmount()`.
 */
export async function mount(element, options = {}) {
  await ready;
  return mountWasm(element, { stylesheet, catalogues, ...options });
}

class KratosSessionsElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #handle = null;
  #pending = null;

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.#handle?.unmount();
    this.#handle = null;
  }

  attributeChangedCallback() {
    if (this.isConnected && this.#handle) this.#remount();
  }

  #remount() {
    const options = {};
    for (const name of ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) options[camel(name)] = value;
    }
    const run = (this.#pending ?? Promise.resolve()).then(async () => {
      this.#handle?.unmount();
      this.#handle = null;
      if (!this.isConnected) return;
      try {
        this.#handle = await mount(this, options);
      } catch (error) {
        this.dispatchEvent(new CustomEvent("kratos-sessions:error", { bubbles: true, detail: { message: String(error) } }));
      }
    });
    this.#pending = run;
  }
}

if (!customElements.get("kratos-sessions")) {
  customElements.define("kratos-sessions", KratosSessionsElement);
}
