//! The few browser services the page uses beyond fetch: navigation,
//! `sessionStorage`, `BroadcastChannel` and page visibility. Listeners are
//! removed when their guard drops, which happens when the page unmounts.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn here() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

pub fn navigate(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(url);
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn stash(key: &str, value: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(key, value);
    }
}

/// Reads and removes `key`.
pub fn take(key: &str) -> Option<String> {
    let s = session_storage()?;
    let v = s.get_item(key).ok().flatten();
    let _ = s.remove_item(key);
    v
}

pub fn encode_component(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// A listener that is removed on drop.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    capture: bool,
    callback: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.event,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

pub fn listen(
    target: web_sys::EventTarget,
    event: &'static str,
    f: impl Fn(web_sys::Event) + 'static,
) -> Option<Listener> {
    add(target, event, false, Box::new(f))
}

/// As [`listen`], in the capture phase: sees `scroll` of every scrolling
/// element in the document, since scroll events do not bubble.
pub fn listen_capture(
    target: web_sys::EventTarget,
    event: &'static str,
    f: impl Fn(web_sys::Event) + 'static,
) -> Option<Listener> {
    add(target, event, true, Box::new(f))
}

fn add(
    target: web_sys::EventTarget,
    event: &'static str,
    capture: bool,
    f: Box<dyn Fn(web_sys::Event)>,
) -> Option<Listener> {
    let callback = Closure::wrap(f);
    target.add_event_listener_with_callback_and_bool(event, callback.as_ref().unchecked_ref(), capture).ok()?;
    Some(Listener { target, event, capture, callback })
}

/// Calls `f` when the tab becomes visible again.
pub fn on_visible(f: impl Fn() + 'static) -> Option<Listener> {
    let document = web_sys::window()?.document()?;
    let doc = document.clone();
    listen(document.into(), "visibilitychange", move |_| {
        if doc.visibility_state() == web_sys::VisibilityState::Visible {
            f();
        }
    })
}

/// A `BroadcastChannel` to the page's other tabs; closed on drop.
pub struct Channel {
    channel: web_sys::BroadcastChannel,
    _listener: Option<Listener>,
}

impl Channel {
    pub fn open(name: &str, on_message: impl Fn(String) + 'static) -> Option<Self> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let listener = listen(channel.clone().into(), "message", move |e| {
            if let Some(text) = e.dyn_ref::<web_sys::MessageEvent>().and_then(|m| m.data().as_string()) {
                on_message(text);
            }
        });
        Some(Self { channel, _listener: listener })
    }

    /// Posts to the other tabs; the channel keeps listening only while
    /// this `Channel` lives.
    pub fn poster(&self) -> Poster {
        Poster(self.channel.clone())
    }
}

/// Posts to a [`Channel`]; nothing once it is closed.
pub struct Poster(web_sys::BroadcastChannel);

impl Poster {
    pub fn post(&self, message: &str) {
        let _ = self.0.post_message(&message.into());
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.close();
    }
}

/// Dispatches `name` on `target` with a `detail` object; it bubbles and
/// crosses shadow roots, so the host page hears it on the host element.
pub fn emit(target: &web_sys::Element, name: &str, detail: &[(&str, wasm_bindgen::JsValue)]) {
    let obj = js_sys::Object::new();
    for (k, v) in detail {
        let _ = js_sys::Reflect::set(&obj, &(*k).into(), v);
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&obj);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&ev);
    }
}

/// A `performance.mark`, for real-user monitoring and `cargo xtask bench`.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
