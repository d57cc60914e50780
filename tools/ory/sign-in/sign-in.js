// Renders Kratos's browser login flow (GET /self-service/login/flows?id=…)
// as a plain HTML form that posts back to Kratos, which then redirects to
// the flow's return_to. Only what a password, TOTP or re-authentication
// login needs: inputs, their labels and Kratos's messages.
const main = document.getElementById("sign-in");
const kratos = main.dataset.kratosUrl.replace(/\/$/, "");
const status = document.getElementById("status");
const flowId = new URLSearchParams(location.search).get("flow");

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

const messages = (list) =>
  (list || []).map((m) => el("p", { className: `message ${m.type}`, role: m.type === "error" ? "alert" : "status" }, m.text));

function start() {
  location.assign(`${kratos}/self-service/login/browser`);
}

function render(flow) {
  const heading = flow.refresh ? "Confirm it's you" : flow.requested_aal === "aal2" ? "Second factor" : "Sign in";
  main.querySelector("h1").textContent = heading;
  document.title = `${heading} · kratos-sessions demo`;
  const form = el("form", { method: flow.ui.method, action: flow.ui.action });
  form.append(...messages(flow.ui.messages));
  for (const node of flow.ui.nodes) {
    const a = node.attributes;
    if (node.type !== "input" || !["default", "password", "totp"].includes(node.group)) continue;
    if (a.type === "submit") {
      form.append(el("button", { type: "submit", name: a.name, value: a.value }, node.meta?.label?.text || "Continue"));
    } else if (a.type === "hidden") {
      form.append(el("input", { type: "hidden", name: a.name, value: a.value ?? "" }));
    } else {
      const id = `field-${a.name.replace(/\W/g, "-")}`;
      const input = el("input", {
        id, name: a.name, type: a.type, value: a.value ?? "", required: !!a.required,
        disabled: !!a.disabled, autocomplete: a.autocomplete || "",
      });
      if (a.name === "totp_code") Object.assign(input, { inputMode: "numeric", autocomplete: "one-time-code" });
      form.append(el("label", { htmlFor: id }, node.meta?.label?.text || a.name), input, ...messages(node.messages));
      // A disabled input is not submitted: send its value hidden beside it.
      if (a.disabled) form.append(el("input", { type: "hidden", name: a.name, value: a.value ?? "" }));
    }
  }
  status.remove();
  main.append(form);
  const hint = main.dataset.demoHint;
  if (hint) {
    const [email, password] = hint.split(" ");
    main.append(el("p", { className: "hint" }, "Demo account: ", el("code", {}, email), " / ", el("code", {}, password)));
  }
  form.querySelector("input:not([type=hidden]):not([disabled])")?.focus();
}

async function load() {
  if (!flowId) return start();
  try {
    const res = await fetch(`${kratos}/self-service/login/flows?id=${encodeURIComponent(flowId)}`, {
      credentials: "include",
      headers: { Accept: "application/json" },
    });
    const body = await res.json();
    if (res.ok) return render(body);
    // An expired or foreign flow: Kratos says where to go next, or start over.
    const next = body.error?.details?.redirect_to || body.redirect_browser_to;
    if (next) return location.assign(next);
    status.textContent = body.error?.message || `Kratos answered ${res.status}.`;
    main.append(el("p", {}, el("a", { href: `${kratos}/self-service/login/browser` }, "Start again")));
  } catch (e) {
    status.textContent = `Kratos is not reachable at ${kratos}: ${e.message}`;
  }
}

load();
