//! What Leptos leaves to the browser's own APIs: navigation,
//! `sessionStorage`, `BroadcastChannel`, page visibility, listeners on
//! `document` (Leptos has them for `window` only) and events for the host.
//! Each guard undoes itself on drop; [`keep`] drops it with the page.

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

/// Listens for `event` on `target` (in the capture phase when `capture`,
/// which sees `scroll` of every scrolling element, since scroll events do
/// not bubble) until the returned guard drops.
pub fn listen(
    target: web_sys::EventTarget,
    event: &'static str,
    capture: bool,
    f: impl Fn(web_sys::Event) + 'static,
) -> Option<Listener> {
    let callback = Closure::<dyn Fn(web_sys::Event)>::new(f);
    target.add_event_listener_with_callback_and_bool(event, callback.as_ref().unchecked_ref(), capture).ok()?;
    Some(Listener { target, event, capture, callback })
}

/// Keeps `value` (a listener, a channel) until the current owner is
/// cleaned up, then drops it.
pub fn keep<T: 'static>(value: T) {
    let _ = leptos::prelude::StoredValue::new_local(value);
}

/// Calls `f` when the tab becomes visible again.
pub fn on_visible(f: impl Fn() + 'static) -> Option<Listener> {
    let document = web_sys::window()?.document()?;
    let doc = document.clone();
    listen(document.into(), "visibilitychange", false, move |_| {
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
        let listener = listen(channel.clone().into(), "message", false, move |e| {
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

/// An `AbortController` that aborts when dropped: kept by the page, it
/// cancels the page's Kratos calls still in flight when the page goes.
pub struct Aborter(web_sys::AbortController);

impl Aborter {
    pub fn new() -> Option<Self> {
        web_sys::AbortController::new().ok().map(Self)
    }

    pub fn signal(&self) -> web_sys::AbortSignal {
        self.0.signal()
    }
}

impl Drop for Aborter {
    fn drop(&mut self) {
        self.0.abort();
    }
}
