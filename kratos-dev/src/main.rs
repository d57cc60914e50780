//! `kratos-dev [FLAGS]`: see `kratos-dev --help`.

use std::process::ExitCode;

use kratos_dev::config::{Config, Pagination, RequiredAal, RevokeCount};

const HELP: &str = "kratos-dev: a local server that speaks Ory Kratos's session and logout API

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
      --lifespan DURATION    session.lifespan, e.g. 24h
      --data FILE            keep state in this SQLite file across restarts
      --seed-demo            create the demo identities and sessions
      --dev / --no-dev       cookies without / with Secure (default --dev)
  -h, --help                 this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cfg = match parse(&args) {
        Ok(Some(cfg)) => cfg,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("kratos-dev: {e}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kratos-dev: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let running = match kratos_dev::start(cfg).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("kratos-dev: cannot start: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!(
            "kratos-dev public API on http://{} , admin API on http://{}",
            running.public_addr, running.admin_addr
        );
        let _ = tokio::signal::ctrl_c().await;
        ExitCode::SUCCESS
    })
}

fn parse(args: &[String]) -> Result<Option<Config>, String> {
    let mut it = args.iter();
    let mut cfg = Config::default();
    let mut origins = Vec::new();
    let mut exposed = Vec::new();
    let mut returns = Vec::new();
    let mut overrides: Vec<(String, String)> = Vec::new();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
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
            "--public" | "--admin" | "--public-base-url" | "--required-aal" | "--pagination"
            | "--revoke-count" | "--lifespan" | "--data" => {
                overrides.push((flag.clone(), value()?))
            }
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
            "--required-aal" => {
                cfg.session.whoami.required_aal = enum_value::<RequiredAal>(&flag, &v)?
            }
            "--pagination" => cfg.kratos_dev.pagination = enum_value::<Pagination>(&flag, &v)?,
            "--revoke-count" => cfg.kratos_dev.revoke_count = enum_value::<RevokeCount>(&flag, &v)?,
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

fn host_port(v: &str) -> Result<(String, u16), String> {
    let (host, port) = v
        .rsplit_once(':')
        .ok_or_else(|| format!("{v:?} is not HOST:PORT"))?;
    let port = port
        .parse()
        .map_err(|_| format!("{v:?} has no valid port"))?;
    Ok((host.trim_matches(['[', ']']).to_owned(), port))
}

fn enum_value<T: serde::de::DeserializeOwned>(flag: &str, v: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(v.to_owned()))
        .map_err(|_| format!("{flag}: {v:?} is not a valid choice"))
}
