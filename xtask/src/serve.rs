//! A small static file server for the demo: `dist/` as built, with the
//! strict Content-Security-Policy the page is made to run under, and for
//! real Kratos the demo sign-in page at `/login`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What one port serves.
pub struct Site {
    pub root: PathBuf,
    /// The Kratos public URL, the one origin the page may connect to.
    pub kratos_url: String,
    /// Real Kratos's login `ui_url`: tools/ory/sign-in at `/login`.
    pub sign_in: Option<SignIn>,
    /// The server half, which the page is then configured with
    /// (`data-apps-url`) and may connect to.
    pub apps_url: Option<String>,
    /// Files served at `/demo-apps/` (the demo apps' logos).
    pub demo_apps: Option<PathBuf>,
}

pub struct SignIn {
    pub dir: PathBuf,
    /// `"<email> <password>"`, shown on the sign-in page.
    pub demo_hint: String,
}

impl Site {
    pub fn new(root: PathBuf, kratos_url: &str) -> Site {
        Site { root, kratos_url: kratos_url.to_owned(), sign_in: None, apps_url: None, demo_apps: None }
    }

    /// The file for a request path, or None for a path that leaves the root.
    fn file(&self, path: &str) -> Option<PathBuf> {
        let relative = path.trim_start_matches('/');
        if relative.split('/').any(|part| part == "..") {
            return None;
        }
        if let (Some(dir), Some(file)) = (&self.demo_apps, relative.strip_prefix("demo-apps/")) {
            return Some(dir.join(file));
        }
        if let Some(sign_in) = &self.sign_in {
            match relative {
                "login" | "login/" => return Some(sign_in.dir.join("index.html")),
                _ => {
                    if let Some(file) = relative.strip_prefix("login/") {
                        return Some(sign_in.dir.join(file));
                    }
                }
            }
        }
        Some(if relative.is_empty() || relative.ends_with('/') {
            self.root.join(relative).join("index.html")
        } else {
            self.root.join(relative)
        })
    }

    /// The sign-in page says where Kratos is and the demo credentials; the
    /// page learns where the server half is.
    fn body(&self, file: &Path) -> std::io::Result<Vec<u8>> {
        let body = std::fs::read(file)?;
        let kratos_attr = r#"data-kratos-url="http://localhost:4433""#;
        match (&self.sign_in, &self.apps_url) {
            (Some(s), _) if file == s.dir.join("index.html") => Ok(String::from_utf8_lossy(&body)
                .replace("http://localhost:4433", &self.kratos_url)
                .replace(r#"data-demo-hint="""#, &format!(r#"data-demo-hint="{}""#, s.demo_hint))
                .into_bytes()),
            (_, Some(apps)) if file == self.root.join("index.html") => Ok(String::from_utf8_lossy(&body)
                .replace(kratos_attr, &format!(r#"{kratos_attr} data-apps-url="{apps}""#))
                .into_bytes()),
            _ => Ok(body),
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn respond(mut stream: TcpStream, site: &Site, csp: &str) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/");
    let found = site.file(path).and_then(|file| Some((site.body(&file).ok()?, content_type(&file))));
    let (status, body, kind) = match found {
        Some((body, kind)) => ("200 OK", body, kind),
        None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nContent-Security-Policy: {csp}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
}

/// Serves `site` on `addr` in a background thread.
pub fn spawn(addr: &str, site: Site) -> Result<(), String> {
    let listener = TcpListener::bind(addr).map_err(|e| format!("{addr}: {e}"))?;
    let csp = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' {} {}",
        site.kratos_url,
        site.apps_url.as_deref().unwrap_or_default()
    );
    let site = Arc::new(site);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (site, csp) = (site.clone(), csp.clone());
            std::thread::spawn(move || respond(stream, &site, &csp));
        }
    });
    Ok(())
}
