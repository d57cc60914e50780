//! `cargo xtask bench`: what the page costs a user. Sizes of every file of
//! the first load; then, in headless Chromium against kratos-dev with N
//! other sessions, time to all rows, time from a revoke to its row going,
//! memory, the longest frame, scrolling, and the requests before the list.
//! Writes `target/bench/report.json` and `report.md`, each figure against
//! its budget. `--quick` (what CI runs) does N = 10 once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
#[path = "browser/support.rs"]
#[allow(dead_code)]
mod support;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // Seeding and loading 5000 sessions takes longer than a browser test may.
    std::env::set_var("KRATOS_SESSIONS_SCENARIO_SECS", "1200");
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(bench::run(quick));
}

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::io::Write;
    use std::path::PathBuf;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use serde_json::{json, Value};

    use crate::support::{run_with, Env};

    const KB: f64 = 1024.0;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn gzip(bytes: &[u8]) -> usize {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(bytes).unwrap();
        e.finish().unwrap().len()
    }

    fn brotli(bytes: &[u8]) -> usize {
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
        brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
        out.len()
    }

    /// Every file the standalone page loads before it can show anything:
    /// the HTML and what it references; and what a host page pays for the
    /// embed bundle (the loader, the glue, the wasm, the stylesheet).
    fn sizes() -> Value {
        let dist = root().join("dist");
        let index = std::fs::read_to_string(dist.join("index.html")).expect("dist/index.html: run cargo xtask build");
        let mut files = vec!["index.html".to_string()];
        for attr in ["href=\"/", "src=\"/"] {
            for part in index.split(attr).skip(1) {
                let name = part.split('"').next().unwrap_or_default().to_string();
                if !name.is_empty() && !files.contains(&name) {
                    files.push(name);
                }
            }
        }
        let mut sizes = measure_files(&dist, &files);
        let embed = ["kratos-sessions.js", "kratos_sessions.js", "kratos_sessions_bg.wasm", "kratos-sessions.css"];
        sizes["embed"] = measure_files(&root().join("dist-embed"), &embed.map(String::from));
        sizes
    }

    fn measure_files(dir: &std::path::Path, files: &[String]) -> Value {
        let rows: Vec<Value> = files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
                json!({ "file": f, "raw": bytes.len(), "gzip": gzip(&bytes), "brotli": brotli(&bytes) })
            })
            .collect();
        let total = |k: &str| rows.iter().map(|r| r[k].as_u64().unwrap()).sum::<u64>();
        json!({ "files": rows, "total": { "raw": total("raw"), "gzip": total("gzip"), "brotli": total("brotli") } })
    }

    fn stats(samples: &[f64]) -> Value {
        let mut s = samples.to_vec();
        s.sort_by(|a, b| a.total_cmp(b));
        let median = if s.is_empty() {
            f64::NAN
        } else if s.len() % 2 == 1 {
            s[s.len() / 2]
        } else {
            (s[s.len() / 2 - 1] + s[s.len() / 2]) / 2.0
        };
        json!({ "median": median, "min": s.first(), "max": s.last(), "samples": s })
    }

    async fn seed(env: &Env, n: usize) {
        let me = env.seed(json!({ "traits": { "email": "bench@example.com" }, "expires_at": "2099-01-01T00:00:00Z",
            "devices": [{ "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36", "ip_address": "192.0.2.1" }] })).await;
        let identity = me["session"]["identity"]["id"].clone();
        let uas = [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
        ];
        for i in 0..n {
            env.seed(json!({ "identity_id": identity, "expires_at": "2099-01-01T00:00:00Z",
                "devices": [{ "user_agent": uas[i % uas.len()], "ip_address": format!("203.0.{}.{}", i / 250, i % 250), "location": "Berlin, DE" }],
                "authentication_methods": [{ "method": "password" }, { "method": "totp" }] }))
                .await;
        }
        env.use_session(&me).await;
    }

    async fn js(env: &Env, script: &str) -> Value {
        env.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    async fn js_async(env: &Env, script: &str) -> Value {
        env.client.execute_async(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// Sessions in the list (long lists render only the rows near the viewport).
    async fn rows(env: &Env) -> u64 {
        let total = "return Number(document.querySelector('[data-ks-list=others]')?.dataset.ksTotal ?? 0)";
        js(env, total).await.as_u64().unwrap_or(0)
    }

    async fn wait_rows(env: &Env, n: u64) {
        for _ in 0..1200 {
            if rows(env).await >= n {
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("never saw {n} rows (saw {}; {})", rows(env).await, js(env, "return document.querySelector('[data-ks-list=others]')?.outerHTML.slice(0, 300) ?? document.body.innerText.slice(0, 300)").await);
    }

    const LONGEST_FRAME: &str = "const done = arguments[0];
        if (!PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) return done(null);
        let max = 0;
        new PerformanceObserver(l => { for (const e of l.getEntries()) max = Math.max(max, e.duration); })
          .observe({ type: 'long-animation-frame', buffered: true });
        setTimeout(() => done(max), 300);";

    const SCROLL: &str = "const done = arguments[0]; const frames = []; let last = performance.now();
        const step = () => { const now = performance.now(); frames.push(now - last); last = now;
          window.scrollBy(0, 400);
          if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 2 || frames.length > 600) done(frames.slice(1));
          else requestAnimationFrame(step); };
        window.scrollTo(0, 0); requestAnimationFrame(step);";

    const REVOKE: &str = "const done = arguments[0];
        const rows = [...document.querySelectorAll('[data-ks-list=others] > .ks-session')];
        const [row, ...others] = rows; others.forEach(r => r.__kept = true);
        row.querySelector('.ks-revoke').click();
        const confirm = () => { const b = document.querySelector('.ks-dialog[open] .ks-confirm');
          if (!b) return requestAnimationFrame(confirm);
          const t0 = performance.now();
          const obs = new MutationObserver(() => { if (!row.isConnected) { obs.disconnect();
            const kept = others.filter(r => r.isConnected).length >= others.length - 1;
            requestAnimationFrame(() => done({ ms: performance.now() - t0, kept })); } });
          obs.observe(row.parentNode, { childList: true }); b.click(); };
        confirm();";

    /// Resolves once the page has marked its rows as rendered: the mark
    /// comes in the animation frame after the rows enter the DOM, so seeing
    /// the rows is not enough (reading too early once gave a missing sample).
    const RENDERED: &str = "const done = arguments[0]; const t0 = performance.now();
        const wait = () => performance.getEntriesByName('kratos-sessions:rendered').length
          || performance.now() - t0 > 5000 ? done(null) : requestAnimationFrame(wait);
        wait();";

    /// One page load with `n` other sessions seeded.
    async fn measure(env: &Env, n: usize, page_size: u64) -> Value {
        env.open_app().await;
        wait_rows(env, n.min(page_size as usize) as u64).await;
        js_async(env, RENDERED).await;
        let timing = js(
            env,
            &format!(
                "const r = performance.getEntriesByName('kratos-sessions:rendered')[0]?.startTime ?? null;
                 const fetched = performance.getEntriesByName('kratos-sessions:fetched')[0]?.startTime ?? null;
                 const kratos = performance.getEntriesByType('resource')
                   .filter(e => e.name.startsWith({k:?}) && (r === null || e.startTime < r))
                   .map(e => ({{ url: e.name.replace({k:?}, ''), start: e.startTime, end: e.responseEnd }}));
                 const before = performance.memory?.usedJSHeapSize ?? null;
                 // What the page holds, not garbage awaiting collection.
                 window.gc?.();
                 return {{ rendered: r, fetched, kratos, heap: performance.memory?.usedJSHeapSize ?? null, heap_before_gc: before,
                          wasm: window.wasmBindings?.wasm_memory_bytes?.() ?? null }};",
                k = env.kratos
            ),
        )
        .await;
        let longest = js_async(env, LONGEST_FRAME).await;
        json!({ "timing": timing, "longest_frame": longest })
    }

    pub async fn run(quick: bool) {
        let sizes = sizes();
        let chosen: Vec<usize> = std::env::args()
            .skip_while(|a| a != "--n")
            .nth(1)
            .map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_default();
        let ns: &[usize] = if !chosen.is_empty() {
            &chosen
        } else if quick {
            &[10]
        } else {
            &[10, 1000, 5000]
        };
        let runs = if quick { 1 } else { 5 };
        let results = Arc::new(Mutex::new(Vec::new()));
        for &n in ns {
            let out = results.clone();
            run_with(
                kratos_dev_quiet,
                "",
                Box::new(move |env| {
                    Box::pin(async move {
                        let long = fantoccini::wd::TimeoutConfiguration::new(
                            Some(Duration::from_secs(300)),
                            Some(Duration::from_secs(300)),
                            Some(Duration::from_secs(0)),
                        );
                        env.client.update_timeouts(long).await.unwrap();
                        seed(env, n).await;
                        if !quick {
                            measure(env, n, 1000).await; // warm-up
                        }
                        let (mut samples, mut fetched) = (Vec::new(), Vec::new());
                        let mut last = Value::Null;
                        for _ in 0..runs {
                            last = measure(env, n, 1000).await;
                            samples.push(last["timing"]["rendered"].as_f64().unwrap_or(f64::NAN));
                            fetched.push(last["timing"]["fetched"].as_f64().unwrap_or(f64::NAN));
                        }
                        // With whoami held back, the list must still start
                        // (and finish) without waiting for it: one round trip.
                        env.fault(json!({ "path": "/sessions/whoami", "delay_ms": 300 })).await;
                        let probe = measure(env, n, 1000).await;
                        let reqs = probe["timing"]["kratos"].as_array().cloned().unwrap_or_default();
                        let end_of =
                            |path: &str| reqs.iter().find(|r| r["url"].as_str().is_some_and(|u| u.starts_with(path)));
                        let concurrent = match (end_of("/sessions/whoami"), end_of("/sessions?")) {
                            (Some(w), Some(l)) => l["end"].as_f64() < w["end"].as_f64(),
                            _ => false,
                        };
                        let revoke = js_async(env, REVOKE).await;
                        let mut scroll = Value::Null;
                        let mut load_all_longest = Value::Null;
                        if n > 1000 {
                            // Offset paging shifts after the revoke above, so a
                            // click may add one row or a thousand: wait for progress.
                            while js(env, "return !!document.querySelector('.ks-load-more:not([disabled])')").await
                                == json!(true)
                            {
                                let shown = rows(env).await;
                                js(env, "document.querySelector('.ks-load-more').click()").await;
                                wait_rows(env, shown + 1).await;
                                while js(env, "return !!document.querySelector('.ks-load-more[disabled]')").await
                                    == json!(true)
                                {
                                    tokio::time::sleep(Duration::from_millis(25)).await;
                                }
                            }
                            assert_eq!(rows(env).await, n as u64 - 1, "every session but the revoked one is listed");
                            load_all_longest = js_async(env, LONGEST_FRAME).await;
                            let frames: Vec<f64> =
                                serde_json::from_value(js_async(env, SCROLL).await).unwrap_or_default();
                            let mut sorted = frames.clone();
                            sorted.sort_by(|a, b| a.total_cmp(b));
                            let p95 = sorted.get(sorted.len() * 95 / 100).copied();
                            scroll = json!({ "frames": frames.len(), "max": sorted.last(), "p95": p95 });
                        }
                        let t = &last["timing"];
                        let memory = t["heap"].as_f64().unwrap_or(0.0) + t["wasm"].as_f64().unwrap_or(0.0);
                        out.lock().unwrap().push(json!({
                            "n": n,
                            "time_to_rows_ms": stats(&samples),
                            // Both answers read into Rust types; the rest is building rows.
                            "time_to_parsed_ms": stats(&fetched),
                            "revoke_ms": revoke["ms"], "other_rows_kept": revoke["kept"],
                            "memory_bytes": memory, "js_heap_bytes": t["heap"], "js_heap_before_gc_bytes": t["heap_before_gc"], "wasm_bytes": t["wasm"],
                            "longest_frame_ms": last["longest_frame"],
                            "longest_frame_loading_all_ms": load_all_longest,
                            "scroll": scroll,
                            "requests_before_list": t["kratos"],
                            "list_concurrent_with_whoami": concurrent,
                        }));
                    })
                }),
            )
            .await;
        }
        let results = results.lock().unwrap().clone();
        let report = json!({ "quick": quick, "sizes": sizes, "runs": results, "budgets": budgets(&sizes, &results) });
        let dir = root().join("target/bench");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("report.json"), serde_json::to_string_pretty(&report).unwrap()).unwrap();
        let md = markdown(&report);
        std::fs::write(dir.join("report.md"), &md).unwrap();
        println!("{md}\nwrote {}", dir.join("report.json").display());
    }

    fn kratos_dev_quiet(_: &mut kratos_dev::Config) {}

    fn run_of(results: &[Value], n: usize) -> Option<&Value> {
        results.iter().find(|r| r["n"] == n)
    }

    /// Each figure against its budget; `null` where this run did not measure it.
    fn budgets(sizes: &Value, results: &[Value]) -> Value {
        let brotli = sizes["total"]["brotli"].as_f64().unwrap_or(f64::NAN) / KB;
        let median = |n| run_of(results, n).and_then(|r| r["time_to_rows_ms"]["median"].as_f64());
        let embed = sizes["embed"]["total"]["brotli"].as_f64().unwrap_or(f64::NAN) / KB;
        let mut list = vec![
            json!({ "what": "first load, all files, brotli (KB)", "budget": 60.0, "value": brotli, "met": brotli <= 60.0,
                    "stretch": 50.0 }),
            json!({ "what": "embed bundle (loader, glue, wasm, CSS), brotli (KB)", "budget": 60.0, "value": embed,
                    "met": embed <= 60.0 }),
        ];
        let mut add = |what: &str, budget: f64, value: Option<f64>| {
            list.push(json!({ "what": what, "budget": budget, "value": value, "met": value.map(|v| v <= budget) }));
        };
        add("time to all rows, N=10, median (ms)", 150.0, median(10));
        add("time to all rows, N=1000, median (ms)", 300.0, median(1000));
        let r5000 = run_of(results, 5000);
        let frame5000 = r5000.map(|r| {
            let a = r["longest_frame_ms"].as_f64().unwrap_or(0.0);
            let b = r["longest_frame_loading_all_ms"].as_f64().unwrap_or(0.0);
            a.max(b)
        });
        add("N=5000, longest frame (ms)", 200.0, frame5000);
        add("N=5000, longest scroll frame (ms)", 50.0, r5000.and_then(|r| r["scroll"]["max"].as_f64()));
        add(
            "memory at N=1000, JS heap + wasm (MB)",
            6.0,
            run_of(results, 1000).and_then(|r| r["memory_bytes"].as_f64()).map(|b| b / KB / KB),
        );
        let round_trips = results.first().map(|r| {
            let requests = r["requests_before_list"].as_array().map_or(0, Vec::len);
            let concurrent = r["list_concurrent_with_whoami"] == json!(true);
            if requests == 2 && concurrent {
                1.0
            } else {
                requests.max(2) as f64
            }
        });
        add("round trips before the list", 1.0, round_trips);
        let kept = results.iter().all(|r| r["other_rows_kept"] == json!(true));
        list.push(json!({ "what": "revoke re-renders no other row", "budget": "yes", "value": kept, "met": kept }));
        Value::Array(list)
    }

    fn fmt(v: &Value) -> String {
        match v {
            Value::Null => "–".into(),
            Value::Number(n) => format!("{:.1}", n.as_f64().unwrap_or(0.0)),
            other => other.to_string(),
        }
    }

    fn size_table(title: &str, sizes: &Value) -> String {
        let mut s = format!("| {title} | raw | gzip -9 | brotli 11 |\n| --- | ---: | ---: | ---: |\n");
        for f in sizes["files"].as_array().unwrap() {
            s += &format!("| {} | {} | {} | {} |\n", f["file"].as_str().unwrap(), f["raw"], f["gzip"], f["brotli"]);
        }
        let t = &sizes["total"];
        s + &format!("| **total** | {} | {} | **{}** |\n\n", t["raw"], t["gzip"], t["brotli"])
    }

    fn markdown(report: &Value) -> String {
        let mut s = size_table("file", &report["sizes"]);
        s += &size_table("embed bundle (`dist-embed/`)", &report["sizes"]["embed"]);
        s += "| N | time to rows, median (min–max) ms | revoke → row gone ms | JS heap + wasm MB | longest frame ms | scroll max / p95 ms |\n| ---: | --- | ---: | ---: | ---: | --- |\n";
        for r in report["runs"].as_array().unwrap() {
            let t = &r["time_to_rows_ms"];
            s += &format!(
                "| {} | {} ({}–{}) | {} | {} | {} | {} / {} |\n",
                r["n"],
                fmt(&t["median"]),
                fmt(&t["min"]),
                fmt(&t["max"]),
                fmt(&r["revoke_ms"]),
                fmt(&json!(r["memory_bytes"].as_f64().unwrap_or(0.0) / KB / KB)),
                // Long Animation Frames reports only frames of 50 ms or more.
                if r["longest_frame_ms"].as_f64() == Some(0.0) {
                    "< 50".to_string()
                } else {
                    fmt(&r["longest_frame_ms"])
                },
                fmt(&r["scroll"]["max"]),
                fmt(&r["scroll"]["p95"]),
            );
        }
        s += "\n| budget | limit | measured | met |\n| --- | ---: | ---: | :---: |\n";
        for b in report["budgets"].as_array().unwrap() {
            let met = match &b["met"] {
                Value::Bool(true) => "✅",
                Value::Bool(false) => "❌",
                _ => "not measured",
            };
            s += &format!(
                "| {} | {} | {} | {met} |\n",
                b["what"].as_str().unwrap(),
                fmt(&b["budget"]),
                fmt(&b["value"])
            );
        }
        s
    }
}
