//! Command-line flags and the YAML config file (Kratos's own keys).

use crate::config::{Config, KratosVersion, Pagination, RequiredAal, RevokeCount};

pub const HELP: &str = "kratos-dev: a local server that speaks Ory Kratos's session and logout API

USAGE: kratos-dev [FLAGS]

  -c, --config FILE          YAML config with Kratos's keys (serve.public.cors, session.cookie, ...)
      --public HOST:PORT     public listener (default 127.0.0.1:4433)
      --admin HOST:PORT      admin listener (default 127.0.0.1:4434)
      --public-base-url URL  public base URL (default http://localhost:4433)
      --allowed-origin URL   add a CORS origin (repeatable; default http://localhost:8080)
      --expose-header NAME   add a CORS exposed header, e.g. Link (repeatable)
      --allowed-return-url U add to selfservice.allowed_return_urls (repeatable)
      --required-aal AAL     aal1 | highest_available (default highest_available)
      --pagination MODE      kratos (off-by-one, ory/kratos#3883) | corrected
      --revoke-count MODE    matched (default, as PostgreSQL/SQLite) | changed
      --kratos-version V     latest (default) | v1.3.1, where the two differ
      --lifespan DURATION    session.lifespan, e.g. 24h
      --data FILE            keep state in this SQLite file across restarts
      --seed-demo            create the demo identities and sessions
      --dev / --no-dev       cookies without / with Secure (default --dev)
  -h, --help                 this text
";

/// `Ok(None)` when help was asked for.
pub fn parse(args: &[String]) -> Result<Option<Config>, String> {
    let mut it = args.iter();
    let mut cfg = Config::default();
    let mut origins = Vec::new();
    let mut exposed = Vec::new();
    let mut returns = Vec::new();
    let mut overrides: Vec<(String, String)> = Vec::new();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "-c" | "--config" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                cfg = serde_yaml_ng::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
            }
            "--seed-demo" => overrides.push((flag.clone(), String::new())),
            "--dev" | "--no-dev" => overrides.push((flag.clone(), String::new())),
            "--allowed-origin" => origins.push(value()?),
            "--expose-header" => exposed.push(value()?),
            "--allowed-return-url" => returns.push(value()?),
            "--public" | "--admin" | "--public-base-url" | "--required-aal" | "--pagination" | "--revoke-count"
            | "--kratos-version" | "--lifespan" | "--data" => overrides.push((flag.clone(), value()?)),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    // Flags win over the config file, whatever their order.
    for (flag, v) in overrides {
        match flag.as_str() {
            "--seed-demo" => cfg.kratos_dev.seed_demo = true,
            "--dev" => cfg.dev = true,
            "--no-dev" => cfg.dev = false,
            "--public" => (cfg.serve.public.host, cfg.serve.public.port) = host_port(&v)?,
            "--admin" => (cfg.serve.admin.host, cfg.serve.admin.port) = host_port(&v)?,
            "--public-base-url" => cfg.serve.public.base_url = v,
            "--required-aal" => cfg.session.whoami.required_aal = enum_value::<RequiredAal>(&flag, &v)?,
            "--pagination" => cfg.kratos_dev.pagination = enum_value::<Pagination>(&flag, &v)?,
            "--revoke-count" => cfg.kratos_dev.revoke_count = enum_value::<RevokeCount>(&flag, &v)?,
            "--kratos-version" => cfg.kratos_dev.kratos_version = enum_value::<KratosVersion>(&flag, &v)?,
            "--lifespan" => cfg.session.lifespan = v,
            "--data" => cfg.kratos_dev.data = Some(v),
            _ => {}
        }
    }
    cfg.serve.public.cors.allowed_origins.extend(origins);
    cfg.serve.public.cors.exposed_headers.extend(exposed);
    cfg.selfservice.allowed_return_urls.extend(returns);
    cfg.validate()?;
    Ok(Some(cfg))
}

pub fn host_port(v: &str) -> Result<(String, u16), String> {
    let (host, port) = v.rsplit_once(':').ok_or_else(|| format!("{v:?} is not HOST:PORT"))?;
    let port = port.parse().map_err(|_| format!("{v:?} has no valid port"))?;
    Ok((host.trim_matches(['[', ']']).to_owned(), port))
}

fn enum_value<T: serde::de::DeserializeOwned>(flag: &str, v: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(v.to_owned()))
        .map_err(|_| format!("{flag}: {v:?} is not a valid choice"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn yaml_config_with_kratos_keys_and_flags_on_top() {
        let dir = std::env::temp_dir().join(format!("kratos-dev-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("kratos.yml");
        std::fs::write(
            &file,
            "serve:\n  public:\n    port: 5533\n    cors:\n      allowed_origins: [https://app.example.com]\n      exposed_headers: [Content-Type, Link]\n\
             session:\n  lifespan: 1h30m\n  cookie:\n    same_site: Strict\n  whoami:\n    required_aal: aal1\n\
             selfservice:\n  allowed_return_urls: [https://app.example.com/]\nkratos_dev:\n  pagination: corrected\n",
        )
        .unwrap();
        let path = file.to_string_lossy().into_owned();
        let cfg =
            parse(&args(&["--revoke-count", "changed", "-c", &path, "--allowed-origin", "http://localhost:3000"]))
                .unwrap()
                .unwrap();
        assert_eq!(cfg.serve.public.port, 5533);
        assert_eq!(cfg.serve.public.cors.allowed_origins, ["https://app.example.com", "http://localhost:3000"]);
        assert_eq!(cfg.serve.public.cors.exposed_headers, ["Content-Type", "Link"]);
        assert_eq!(cfg.lifespan(), time::Duration::minutes(90));
        assert_eq!(cfg.session.cookie.same_site, "Strict");
        assert_eq!(cfg.session.whoami.required_aal, RequiredAal::Aal1);
        assert_eq!(cfg.kratos_dev.pagination, Pagination::Corrected);
        assert_eq!(cfg.kratos_dev.revoke_count, RevokeCount::Changed, "flags win whatever their order");
        std::fs::write(&file, "session:\n  lifspan: 1h\n").unwrap();
        let err = parse(&args(&["-c", &path])).unwrap_err();
        assert!(err.contains("lifspan"), "{err}");
        std::fs::write(&file, "session:\n  lifespan: forever\n").unwrap();
        assert!(parse(&args(&["-c", &path])).unwrap_err().contains("session.lifespan"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn flags() {
        assert!(parse(&args(&["--help"])).unwrap().is_none());
        assert!(parse(&args(&["--bogus"])).unwrap_err().contains("unknown flag"));
        assert!(parse(&args(&["--public"])).unwrap_err().contains("needs a value"));
        assert!(parse(&args(&["--pagination", "sideways"])).unwrap_err().contains("not a valid choice"));
        let cfg = parse(&args(&["--public", "127.0.0.1:9000", "--no-dev", "--seed-demo"])).unwrap().unwrap();
        assert_eq!(cfg.serve.public.port, 9000);
        assert!(!cfg.dev && cfg.kratos_dev.seed_demo && cfg.cookie_secure());
        let cfg = parse(&args(&["--kratos-version", "v1.3.1"])).unwrap().unwrap();
        assert!(cfg.v1_3_1());
        assert!(parse(&args(&["--kratos-version", "v2"])).unwrap_err().contains("not a valid choice"));
        assert_eq!(host_port("[::1]:80").unwrap(), ("::1".to_string(), 80));
    }
}
