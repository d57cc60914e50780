//! The few HTML pages kratos-dev serves itself (sign-in, error).

use axum::response::Html;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} · kratos-dev</title><style>{STYLE}</style></head><body><main>{body}<p class="note">kratos-dev: a local stand-in for Ory Kratos. Not for production.</p></main></body></html>"#,
        escape(title)
    ))
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1d2330;margin:0}\
main{max-width:28rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002}\
h1{font-size:1.4rem;margin-top:0}button{font:inherit;padding:.6rem 1rem;border-radius:8px;border:1px solid #2f54eb;\
background:#2f54eb;color:#fff;cursor:pointer;width:100%;margin:.25rem 0;text-align:left}button.secondary{background:#fff;color:#2f54eb}\
label{display:block;margin:.75rem 0 .25rem}input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;border:1px solid #99a;border-radius:6px}\
.note{color:#556;font-size:.8rem;margin-top:2rem}form{margin:0}";
