//! A sign-in page at Kratos's login path (kratos-dev's own; Kratos would
//! redirect to a login UI). It honours `return_to`, `refresh=true` and
//! `aal=aal2`, and creates sessions whose device is the real request's, so
//! an app's "sign in" and "step-up" redirects work as they would on Kratos.
//! No passwords: picking an identity signs in; any six digits pass as a
//! second factor.

use axum::extract::{Form, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::auth::CallerSession;
use crate::http::cookies;
use crate::http::device::{self, PeerAddr};
use crate::http::html::{escape, page as html_page};
use crate::http::request::{query_get, query_pairs};
use crate::http::response::see_other;
use crate::http::return_to;
use crate::state::AppState;
use crate::store::NewSession;
use crate::wire::{timefmt, AuthMethod, Identity, KratosError};

/// A sign-in kratos-dev refuses: the page again (or a line of text) as a
/// 400, or Kratos's 500 when the store fails.
pub enum LoginError {
    Page(Html<String>),
    Gone,
    Internal(KratosError),
}

impl IntoResponse for LoginError {
    fn into_response(self) -> Response {
        match self {
            Self::Page(page) => (StatusCode::BAD_REQUEST, page).into_response(),
            Self::Gone => (StatusCode::BAD_REQUEST, "the session is gone").into_response(),
            Self::Internal(e) => e.into_response(),
        }
    }
}

impl From<std::io::Error> for LoginError {
    fn from(e: std::io::Error) -> Self {
        Self::Internal(e.into())
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    identity: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    return_to: Option<String>,
    #[serde(default)]
    refresh: Option<String>,
    #[serde(default)]
    aal: Option<String>,
}

impl LoginForm {
    fn refresh(&self) -> bool {
        self.refresh.as_deref() == Some("true")
    }

    fn aal2(&self) -> bool {
        self.aal.as_deref() == Some("aal2")
    }
}

fn label(i: &Identity) -> String {
    i.traits.get("email").and_then(Value::as_str).map(str::to_owned).unwrap_or_else(|| i.id.to_string())
}

fn destination(st: &AppState, raw: Option<&str>) -> Result<String, LoginError> {
    match raw.filter(|r| !r.is_empty()) {
        None => Ok(st.cfg.selfservice.default_browser_return_url.clone()),
        Some(raw) => return_to::validate(&st.cfg, raw).map_err(|e| {
            let text = e.reason.unwrap_or(e.message);
            LoginError::Page(html_page("Sign in", &format!("<h1>Sign in</h1><p role=\"alert\">{}</p>", escape(&text))))
        }),
    }
}

/// `GET /self-service/login/browser`
pub async fn page(
    State(st): State<AppState>,
    current: Option<CallerSession>,
    uri: Uri,
) -> Result<Response, LoginError> {
    let q = query_pairs(uri.query());
    let form = LoginForm {
        return_to: query_get(&q, "return_to").map(str::to_owned),
        refresh: query_get(&q, "refresh").map(str::to_owned),
        aal: query_get(&q, "aal").map(str::to_owned),
        ..LoginForm::default()
    };
    let to = destination(&st, form.return_to.as_deref())?;
    if current.is_some() && !form.refresh() && !form.aal2() {
        return Ok(see_other(&to));
    }
    Ok(render(&st, &form, current.as_ref(), None).into_response())
}

fn render(st: &AppState, form: &LoginForm, current: Option<&CallerSession>, error: Option<&str>) -> Html<String> {
    let hidden = format!(
        "<input type=\"hidden\" name=\"return_to\" value=\"{}\"><input type=\"hidden\" name=\"refresh\" value=\"{}\"><input type=\"hidden\" name=\"aal\" value=\"{}\">",
        escape(form.return_to.as_deref().unwrap_or("")),
        escape(form.refresh.as_deref().unwrap_or("")),
        escape(form.aal.as_deref().unwrap_or("")),
    );
    let alert = error.map(|e| format!("<p role=\"alert\">{}</p>", escape(e))).unwrap_or_default();
    let who = current.and_then(|c| c.identity.as_ref()).map(label);
    let body = match (form.aal2(), form.refresh(), who) {
        (true, _, Some(who)) => format!(
            "<h1>Second factor</h1><p>Signed in as <b>{}</b>. Enter the 6-digit code from your authenticator app (kratos-dev accepts any six digits).</p>{alert}\
             <form method=\"post\">{hidden}<label for=\"code\">Authentication code</label><input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{{6}}\" required><p><button type=\"submit\">Verify</button></p></form>",
            escape(&who)
        ),
        (false, true, Some(who)) => format!(
            "<h1>Confirm it's you</h1><p>Signed in as <b>{}</b>. Confirm to continue.</p>{alert}\
             <form method=\"post\">{hidden}<input type=\"hidden\" name=\"identity\" value=\"{}\"><button type=\"submit\">Confirm</button></form>",
            escape(&who),
            current.map(|c| c.session.identity_id.to_string()).unwrap_or_default()
        ),
        _ => {
            let buttons: String = st
                .store
                .identities()
                .iter()
                .map(|i| {
                    format!(
                        "<button type=\"submit\" name=\"identity\" value=\"{}\">Sign in as {}</button>",
                        i.id,
                        escape(&label(i))
                    )
                })
                .collect();
            format!(
                "<h1>Sign in</h1>{alert}<form method=\"post\">{hidden}{buttons}</form>\
                 <form method=\"post\">{hidden}<label for=\"email\">Or a new identity</label><input id=\"email\" name=\"email\" type=\"email\" placeholder=\"you@example.com\" required><p><button class=\"secondary\" type=\"submit\">Create and sign in</button></p></form>"
            )
        }
    };
    html_page("Sign in", &body)
}

/// `POST /self-service/login/browser`
pub async fn submit(
    State(st): State<AppState>,
    peer: Option<Extension<PeerAddr>>,
    current: Option<CallerSession>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, LoginError> {
    let to = destination(&st, form.return_to.as_deref())?;
    let device = device::from_request(&headers, peer.map(|Extension(p)| p));
    let now = timefmt::now();
    let lifespan = st.cfg.lifespan();
    let method =
        |m: &str, aal: &str| AuthMethod { method: m.into(), aal: aal.into(), completed_at: now, provider: None };

    let session = if form.aal2() {
        let Some(current) = current.as_ref() else {
            let form = LoginForm { aal: None, ..form };
            return Err(LoginError::Page(render(
                &st,
                &form,
                None,
                Some("Sign in first, then confirm your second factor."),
            )));
        };
        let code_ok = form.code.as_deref().is_some_and(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()));
        if !code_ok {
            return Err(LoginError::Page(render(&st, &form, Some(current), Some("The code must be six digits."))));
        }
        st.store.reauthenticate(current.session.id, device, vec![method("totp", "aal2")], lifespan)?
    } else {
        let identity = pick_identity(&st, &form)
            .map_err(|msg| LoginError::Page(render(&st, &form, current.as_ref(), Some(&msg))))?;
        match current.as_ref().filter(|c| form.refresh() && c.session.identity_id == identity.id) {
            Some(c) => st.store.reauthenticate(c.session.id, device, vec![method("password", "aal1")], lifespan)?,
            None => {
                let new = NewSession {
                    identity_id: identity.id,
                    methods: vec![method("password", "aal1")],
                    devices: vec![device],
                    ..NewSession::default()
                };
                Some(st.store.create_session(new, lifespan)?)
            }
        }
    };
    let session = session.ok_or(LoginError::Gone)?;
    let mut res = see_other(&to);
    if let Ok(v) = HeaderValue::from_str(&cookies::issue(&st.cfg, &session.token, session.expires_at)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

fn pick_identity(st: &AppState, form: &LoginForm) -> Result<Identity, String> {
    if let Some(id) = form.identity.as_deref() {
        let id = Uuid::parse_str(id).map_err(|_| "Unknown identity.".to_string())?;
        return st.store.identity(id).ok_or_else(|| "Unknown identity.".to_string());
    }
    let email = form.email.as_deref().map(str::trim).unwrap_or("");
    if !email.contains('@') {
        return Err("Enter an email address.".into());
    }
    let existing =
        st.store.identities().into_iter().find(|i| i.traits.get("email").and_then(Value::as_str) == Some(email));
    match existing {
        Some(i) => Ok(i),
        None => st.store.create_identity(json!({ "email": email }), false).map_err(|e| e.to_string()),
    }
}
