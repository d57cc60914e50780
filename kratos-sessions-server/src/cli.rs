//! The binary's configuration: flags, then `KRATOS_SESSIONS_SERVER_*`
//! environment variables, then a YAML file, the first that gives a setting
//! winning. A list (the origins) comes whole from one source, never merged.

use std::net::SocketAddr;
use std::time::Duration;

use serde::Deserialize;

use crate::config::{Config, DEFAULT_LISTEN, DEFAULT_TIMEOUT};

pub const HELP: &str = "kratos-sessions-server: lists and revokes a person's OAuth2 apps (Ory Hydra consent
sessions), authenticated by their Ory Kratos session; the server half of the page's
\"Connected apps\" panel.

USAGE: kratos-sessions-server [FLAGS]

  -c, --config FILE          YAML file with the keys below (listen, kratos_public, ...)
      --listen HOST:PORT     where to listen (default 127.0.0.1:4460)
      --kratos-public URL    Kratos's public API, for whoami (required)
      --hydra-admin URL      Hydra's admin API; keep it off the internet (required)
      --allow-origin ORIGIN  a page origin allowed to call, e.g. https://app.example.com
                             (repeatable; at least one required)
      --timeout DURATION     bound on each call to Kratos or Hydra, e.g. 5s, 800ms (default 5s)
  -h, --help                 this text

Environment (a flag wins over it, it wins over the file):
  KRATOS_SESSIONS_SERVER_CONFIG, KRATOS_SESSIONS_SERVER_LISTEN, KRATOS_SESSIONS_SERVER_KRATOS_PUBLIC,
  KRATOS_SESSIONS_SERVER_HYDRA_ADMIN, KRATOS_SESSIONS_SERVER_ALLOW_ORIGINS (comma separated),
  KRATOS_SESSIONS_SERVER_TIMEOUT; RUST_LOG for the log level (default info).

YAML file:
  listen: 127.0.0.1:4460
  kratos_public: http://127.0.0.1:4433
  hydra_admin: http://127.0.0.1:4445
  allow_origins: [https://app.example.com]
  timeout: 5s
";

const ENV: &str = "KRATOS_SESSIONS_SERVER_";

/// What the binary runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cli {
    pub listen: SocketAddr,
    pub config: Config,
}

/// One source's settings; `None` where it says nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Layer {
    listen: Option<String>,
    kratos_public: Option<String>,
    hydra_admin: Option<String>,
    allow_origins: Option<Vec<String>>,
    timeout: Option<Timeout>,
}

/// `timeout: 5` (seconds) or `timeout: 800ms`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Timeout {
    Seconds(u64),
    Text(String),
}

impl Layer {
    /// `self`'s settings where it has them, `under`'s elsewhere.
    fn over(self, under: Layer) -> Layer {
        Layer {
            listen: self.listen.or(under.listen),
            kratos_public: self.kratos_public.or(under.kratos_public),
            hydra_admin: self.hydra_admin.or(under.hydra_admin),
            allow_origins: self.allow_origins.or(under.allow_origins),
            timeout: self.timeout.or(under.timeout),
        }
    }
}

/// `Ok(None)` when help was asked for. `env` reads one variable (the
/// process environment in the binary, a map in tests).
pub fn parse(args: &[String], env: &dyn Fn(&str) -> Option<String>) -> Result<Option<Cli>, String> {
    let mut flags = Layer::default();
    let mut config_file = None;
    let mut origins = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| format!("{flag} needs a value"));
        match flag {
            "-h" | "--help" => return Ok(None),
            "-c" | "--config" => config_file = Some(value()?),
            "--listen" => flags.listen = Some(value()?),
            "--kratos-public" => flags.kratos_public = Some(value()?),
            "--hydra-admin" => flags.hydra_admin = Some(value()?),
            "--allow-origin" => origins.push(value()?),
            "--timeout" => flags.timeout = Some(Timeout::Text(value()?)),
            other => return Err(format!("unknown flag {other} (see --help)")),
        }
    }
    if !origins.is_empty() {
        flags.allow_origins = Some(origins);
    }
    let var = |name: &str| env(&format!("{ENV}{name}")).filter(|v| !v.trim().is_empty());
    let from_env = Layer {
        listen: var("LISTEN"),
        kratos_public: var("KRATOS_PUBLIC"),
        hydra_admin: var("HYDRA_ADMIN"),
        allow_origins: var("ALLOW_ORIGINS")
            .map(|v| v.split(',').map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect()),
        timeout: var("TIMEOUT").map(Timeout::Text),
    };
    let from_file = match config_file.or_else(|| var("CONFIG")) {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            let layer: Option<Layer> = serde_yaml_ng::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            layer.unwrap_or_default()
        }
        None => Layer::default(),
    };
    resolve(flags.over(from_env.over(from_file))).map(Some)
}

fn resolve(l: Layer) -> Result<Cli, String> {
    let how = |what: &str, flag: &str, var: &str, key: &str| {
        format!("missing {what}: give {flag}, set {ENV}{var}, or put `{key}:` in the config file (-c FILE)")
    };
    let mut missing = Vec::new();
    if l.kratos_public.is_none() {
        missing.push(how("Kratos's public URL", "--kratos-public URL", "KRATOS_PUBLIC", "kratos_public"));
    }
    if l.hydra_admin.is_none() {
        missing.push(how("Hydra's admin URL", "--hydra-admin URL", "HYDRA_ADMIN", "hydra_admin"));
    }
    if l.allow_origins.as_ref().is_none_or(Vec::is_empty) {
        missing.push(how(
            "the page's origin",
            "--allow-origin ORIGIN (repeatable)",
            "ALLOW_ORIGINS (comma separated)",
            "allow_origins",
        ));
    }
    if !missing.is_empty() {
        return Err(missing.join("\n"));
    }
    let listen = l.listen.as_deref().unwrap_or(DEFAULT_LISTEN);
    let listen: SocketAddr = listen
        .parse()
        .map_err(|_| format!("listen address {listen:?} is not HOST:PORT with an IP, e.g. 127.0.0.1:4460"))?;
    let timeout = match l.timeout {
        None => DEFAULT_TIMEOUT,
        Some(Timeout::Seconds(s)) => Duration::from_secs(s),
        Some(Timeout::Text(t)) => duration(&t)?,
    };
    let config = Config::new(
        l.kratos_public.as_deref().unwrap_or_default(),
        l.hydra_admin.as_deref().unwrap_or_default(),
        l.allow_origins.unwrap_or_default(),
    )
    .and_then(|c| c.with_timeout(timeout))
    .map_err(|e| e.to_string())?;
    Ok(Cli { listen, config })
}

/// `800ms`, `5s`, `1m`, or a bare number of seconds.
fn duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let bad = || format!("timeout {text:?} is not a duration such as 5s or 800ms");
    let (digits, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u64 = digits.parse().map_err(|_| bad())?;
    match unit.trim() {
        "ms" => Ok(Duration::from_millis(n)),
        "" | "s" => Ok(Duration::from_secs(n)),
        "m" => Ok(Duration::from_secs(n.saturating_mul(60))),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    const REQUIRED: [&str; 6] = [
        "--kratos-public",
        "http://127.0.0.1:4433",
        "--hydra-admin",
        "http://127.0.0.1:4445",
        "--allow-origin",
        "http://localhost:8080",
    ];

    #[test]
    fn missing_settings_are_named_with_how_to_give_them() {
        let err = parse(&[], &no_env).unwrap_err();
        assert!(
            err.contains(
                "missing Kratos's public URL: give --kratos-public URL, set KRATOS_SESSIONS_SERVER_KRATOS_PUBLIC"
            ),
            "{err}"
        );
        assert!(
            err.contains("missing Hydra's admin URL: give --hydra-admin URL, set KRATOS_SESSIONS_SERVER_HYDRA_ADMIN"),
            "{err}"
        );
        assert!(err.contains("missing the page's origin: give --allow-origin ORIGIN"), "{err}");
        let err = parse(&args(&["--kratos-public", "http://k", "--hydra-admin", "http://h"]), &no_env).unwrap_err();
        assert!(
            !err.contains("Kratos") && !err.contains("Hydra") && err.contains("KRATOS_SESSIONS_SERVER_ALLOW_ORIGINS"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1);
    }

    #[test]
    fn flags_defaults_and_bad_values() {
        assert!(parse(&args(&["-h"]), &no_env).unwrap().is_none());
        let cli = parse(&args(&REQUIRED), &no_env).unwrap().unwrap();
        assert_eq!(cli.listen.to_string(), "127.0.0.1:4460");
        assert_eq!(cli.config.timeout(), DEFAULT_TIMEOUT);
        assert_eq!(cli.config.allow_origins(), ["http://localhost:8080"]);
        let mut a = args(&REQUIRED);
        a.extend(args(&["--allow-origin=https://b.example", "--listen", "0.0.0.0:9", "--timeout", "750ms"]));
        let cli = parse(&a, &no_env).unwrap().unwrap();
        assert_eq!(cli.config.allow_origins(), ["http://localhost:8080", "https://b.example"]);
        assert_eq!(cli.listen.port(), 9);
        assert_eq!(cli.config.timeout(), Duration::from_millis(750));
        let with = |extra: &[&str]| {
            let mut a = args(&REQUIRED);
            a.extend(args(extra));
            parse(&a, &no_env).unwrap_err()
        };
        assert!(with(&["--bogus"]).contains("unknown flag --bogus"));
        assert!(with(&["--listen"]).contains("--listen needs a value"));
        assert!(with(&["--listen", "localhost"]).contains("not HOST:PORT"));
        assert!(with(&["--timeout", "soon"]).contains("not a duration"));
        assert!(with(&["--timeout", "0s"]).contains("more than zero"));
        assert!(with(&["--allow-origin", "null"]).contains("\"null\" is not allowed"));
        assert!(with(&["--kratos-public", "kratos:4433"]).contains("the Kratos public URL"));
        assert!(with(&["--hydra-admin", "ftp://h"])
            .contains("the Hydra admin URL \"ftp://h\" must be an http or https URL"));
    }

    #[test]
    fn flags_win_over_env_over_file() {
        let dir = std::env::temp_dir().join(format!("kss-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("server.yml");
        std::fs::write(
            &file,
            "listen: 127.0.0.1:7000\nkratos_public: http://file-kratos\nhydra_admin: http://file-hydra\n\
             allow_origins: [https://file.example]\ntimeout: 2\n",
        )
        .unwrap();
        let path = file.to_string_lossy().into_owned();
        let env: HashMap<&str, String> = [
            ("KRATOS_SESSIONS_SERVER_CONFIG", path.clone()),
            ("KRATOS_SESSIONS_SERVER_HYDRA_ADMIN", "http://env-hydra".into()),
            ("KRATOS_SESSIONS_SERVER_ALLOW_ORIGINS", "https://env-a.example, https://env-b.example,".into()),
        ]
        .into();
        let env = |k: &str| env.get(k).cloned();
        let cli = parse(&args(&["--kratos-public", "http://flag-kratos"]), &env).unwrap().unwrap();
        assert_eq!(cli.config.kratos_public(), "http://flag-kratos");
        assert_eq!(cli.config.hydra_admin(), "http://env-hydra");
        assert_eq!(cli.config.allow_origins(), ["https://env-a.example", "https://env-b.example"]);
        assert_eq!(cli.listen.port(), 7000);
        assert_eq!(cli.config.timeout(), Duration::from_secs(2));
        let cli = parse(&args(&["-c", &path, "--allow-origin", "https://flag.example"]), &no_env).unwrap().unwrap();
        assert_eq!(cli.config.allow_origins(), ["https://flag.example"], "a list comes from one source");
        std::fs::write(&file, "kratos_pubilc: http://typo\n").unwrap();
        assert!(parse(&args(&["-c", &path]), &no_env).unwrap_err().contains("kratos_pubilc"));
        assert!(parse(&args(&["-c", "/nonexistent/x.yml"]), &no_env).unwrap_err().contains("/nonexistent/x.yml"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
