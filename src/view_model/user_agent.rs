//! "Firefox on Windows" and a device kind from a user-agent string.
//!
//! A small token matcher rather than a UA database: woothee and uaparser
//! each add about 300 KB gzip to the wasm, this adds a few. It names the
//! browser family and OS honestly and says "unknown" rather than guess.

/// What kind of device a session is on, for its icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceKind {
    Desktop,
    Phone,
    Tablet,
    /// A crawler or monitoring bot.
    Bot,
    /// A command-line tool or HTTP library (curl, an SDK).
    Cli,
    Unknown,
}

/// A user agent, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    pub kind: DeviceKind,
    /// Browser family or client name, e.g. "Firefox", "curl".
    pub client: Option<&'static str>,
    pub os: Option<&'static str>,
}

/// Browser tokens, most specific first: Edge, Opera and Samsung also say
/// "Chrome", and Chrome also says "Safari".
const BROWSERS: &[(&str, &str)] = &[
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("OPR/", "Opera"),
    ("OPiOS/", "Opera"),
    ("Opera", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Vivaldi/", "Vivaldi"),
    ("YaBrowser/", "Yandex Browser"),
    ("DuckDuckGo/", "DuckDuckGo"),
    ("FxiOS/", "Firefox"),
    ("Firefox/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("HeadlessChrome/", "Headless Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Trident/", "Internet Explorer"),
    ("MSIE ", "Internet Explorer"),
    ("Safari/", "Safari"),
];

/// Non-browser clients by prefix.
const CLIENTS: &[(&str, &str)] = &[
    ("curl/", "curl"),
    ("Wget/", "Wget"),
    ("HTTPie/", "HTTPie"),
    ("python-requests/", "Python Requests"),
    ("python-httpx/", "Python HTTPX"),
    ("Python-urllib/", "Python"),
    ("aiohttp/", "Python aiohttp"),
    ("Go-http-client/", "Go"),
    ("okhttp/", "OkHttp"),
    ("PostmanRuntime/", "Postman"),
    ("insomnia/", "Insomnia"),
    ("node-fetch", "Node.js"),
    ("node", "Node.js"),
    ("undici", "Node.js"),
    ("axios/", "axios"),
    ("Dart/", "Dart"),
    ("ory/", "Ory CLI"),
    ("OpenAPI-Generator/", "Ory SDK"),
    ("reqwest", "Rust reqwest"),
    ("Java/", "Java"),
    ("Apache-HttpClient/", "Java"),
];

const BOT_WORDS: &[&str] = &["bot", "crawler", "spider", "slurp", "headlesschrome/"];

pub fn classify(ua: &str) -> DeviceInfo {
    let lower = ua.to_ascii_lowercase();
    if let Some((_, name)) = CLIENTS.iter().find(|(p, _)| lower.starts_with(&p.to_ascii_lowercase())) {
        return DeviceInfo { kind: DeviceKind::Cli, client: Some(name), os: None };
    }
    let client = BROWSERS.iter().find(|(token, _)| ua.contains(token)).map(|(_, name)| *name);
    let os = os_of(ua);
    if BOT_WORDS.iter().any(|w| lower.contains(w)) {
        let bot_client = if client == Some("Headless Chrome") { client } else { None };
        return DeviceInfo { kind: DeviceKind::Bot, client: bot_client, os };
    }
    let kind = match os {
        Some("iOS") => DeviceKind::Phone,
        Some("iPadOS") => DeviceKind::Tablet,
        Some("Android") if ua.contains("Mobile") => DeviceKind::Phone,
        Some("Android") => DeviceKind::Tablet,
        Some("Windows Phone") => DeviceKind::Phone,
        Some(_) if ua.contains("Tablet") => DeviceKind::Tablet,
        Some(_) if ua.contains("Mobile") => DeviceKind::Phone,
        Some(_) => DeviceKind::Desktop,
        None if client.is_some() => DeviceKind::Unknown,
        None => DeviceKind::Unknown,
    };
    DeviceInfo { kind, client, os }
}

fn os_of(ua: &str) -> Option<&'static str> {
    const OSES: &[(&str, &str)] = &[
        ("Windows Phone", "Windows Phone"),
        ("iPhone", "iOS"),
        ("iPod", "iOS"),
        ("iPad", "iPadOS"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Windows", "Windows"),
        ("Macintosh", "macOS"),
        ("Mac OS X", "macOS"),
        ("Ubuntu", "Ubuntu"),
        ("Fedora", "Fedora"),
        ("Linux", "Linux"),
        ("FreeBSD", "FreeBSD"),
        ("OpenBSD", "OpenBSD"),
    ];
    OSES.iter().find(|(token, _)| ua.contains(token)).map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(ua: &str, kind: DeviceKind, client: Option<&str>, os: Option<&str>) {
        let got = classify(ua);
        assert_eq!((got.kind, got.client, got.os), (kind, client, os), "{ua}");
    }

    #[test]
    fn desktop_browsers() {
        use DeviceKind::Desktop;
        check("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", Desktop, Some("Chrome"), Some("Windows"));
        check("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86", Desktop, Some("Edge"), Some("Windows"));
        check(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            Desktop,
            Some("Firefox"),
            Some("Windows"),
        );
        check("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", Desktop, Some("Safari"), Some("macOS"));
        check("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0", Desktop, Some("Opera"), Some("macOS"));
        check(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            Desktop,
            Some("Chrome"),
            Some("Linux"),
        );
        check(
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            Desktop,
            Some("Firefox"),
            Some("Ubuntu"),
        );
        check("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", Desktop, Some("Chrome"), Some("ChromeOS"));
        check("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Vivaldi/7.0.3495.18", Desktop, Some("Vivaldi"), Some("Windows"));
        check("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 YaBrowser/24.10.0.0 Safari/537.36", Desktop, Some("Yandex Browser"), Some("Windows"));
        check(
            "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
            Desktop,
            Some("Internet Explorer"),
            Some("Windows"),
        );
    }

    #[test]
    fn phones_and_tablets() {
        use DeviceKind::{Phone, Tablet};
        check("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", Phone, Some("Safari"), Some("iOS"));
        check("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", Phone, Some("Chrome"), Some("iOS"));
        check("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15", Phone, Some("Firefox"), Some("iOS"));
        check("Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1", Tablet, Some("Safari"), Some("iPadOS"));
        check("Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36", Phone, Some("Chrome"), Some("Android"));
        check("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S928B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36", Phone, Some("Samsung Internet"), Some("Android"));
        check(
            "Mozilla/5.0 (Android 15; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
            Phone,
            Some("Firefox"),
            Some("Android"),
        );
        check("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", Tablet, Some("Chrome"), Some("Android"));
        check("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0", Phone, Some("Edge"), Some("Android"));
    }

    #[test]
    fn bots_and_tools() {
        check("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", DeviceKind::Bot, None, None);
        check("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", DeviceKind::Bot, Some("Headless Chrome"), Some("Linux"));
        check("curl/8.11.0", DeviceKind::Cli, Some("curl"), None);
        check("python-requests/2.32.3", DeviceKind::Cli, Some("Python Requests"), None);
        check("Go-http-client/1.1", DeviceKind::Cli, Some("Go"), None);
        check("OpenAPI-Generator/1.0.0/go", DeviceKind::Cli, Some("Ory SDK"), None);
        check("PostmanRuntime/7.43.0", DeviceKind::Cli, Some("Postman"), None);
    }

    #[test]
    fn unknown_stays_unknown() {
        check("", DeviceKind::Unknown, None, None);
        check("SomethingElse/1.0", DeviceKind::Unknown, None, None);
        check("<script>alert(1)</script>", DeviceKind::Unknown, None, None);
    }
}
