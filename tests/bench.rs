//! `cargo xtask bench`: what the page costs a user. Sizes of every file of
//! the first load; then, in headless Chromium against kratos-dev with N
//! other sessions, a first visit (**cold**: every run a new Chromium on an
//! empty profile, so nothing is cached, compiled or connected) and a repeat
//! visit (**warm**: one profile for a warm-up and every run), each split into
//! the moments where the time goes and the long animation frames; then time
//! from a revoke to its row going, memory, the frames of loading every
//! session, scrolling, and the requests before the list. Writes
//! `target/bench/report.json` and `report.md`, each figure against its
//! budget. `--quick` (what CI runs) does N = 10 with one cold and one warm
//! run; `--n 10,1000` and `--runs 3` choose.

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
    use std::panic::AssertUnwindSafe;
    use std::path::PathBuf;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use fantoccini::Client;
    use futures_util::FutureExt;
    use serde_json::{json, Value};

    use crate::support::reqwest_lite::Http;
    use crate::support::{connect, run_with, start_driver, Env};

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

    /// Seeds the signed-in session and `n` others of the same identity;
    /// returns the signed-in session's cookie.
    async fn seed(env: &Env, n: usize) -> String {
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
        me["cookie"].as_str().expect("cookie").to_owned()
    }

    /// The list of other sessions; `data-ks-total` counts its sessions (long
    /// lists render only the rows near the viewport).
    const LIST: &str = "[data-ks-list=others]";

    /// Installed by DevTools in every document before the page's own
    /// scripts, so it sees what the page does not mark: when the wasm is
    /// instantiated, when the rows enter the DOM, and every long animation
    /// frame from the first. `__ROWS__` is how many sessions make the list.
    const PROBE: &str = "(() => {
        const probe = window.__ksBench = { rows: null, wasmReady: null, frames: [] };
        let seen; probe.done = new Promise(r => seen = r);
        // The glue's instantiation settling: the wasm downloaded, compiled and instantiated.
        for (const name of ['instantiateStreaming', 'instantiate']) {
          const original = WebAssembly[name];
          if (original) WebAssembly[name] = function (...args) {
            const p = original.apply(this, args);
            p.then(() => { probe.wasmReady ??= performance.now(); }, () => {});
            return p;
          };
        }
        const all = () => Number(document.querySelector('__LIST__')?.dataset.ksTotal ?? 0) >= __ROWS__;
        new MutationObserver((_, o) => { if (all()) { probe.rows = performance.now(); o.disconnect(); seen(); } })
          .observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ks-total'] });
        if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame'))
          new PerformanceObserver(l => probe.frames.push(...l.getEntries().map(f => ({
            start: f.startTime, duration: f.duration, blocking: f.blockingDuration,
            render_start: f.renderStart, style_layout_start: f.styleAndLayoutStart,
            scripts: f.scripts.map(s => ({ invoker: s.invoker, source: s.sourceURL.split('/').pop(),
              duration: s.duration, forced_layout: s.forcedStyleAndLayoutDuration })) }))))
            .observe({ type: 'long-animation-frame', buffered: true });
      })();";

    /// Resolves with the moment the rows entered the DOM, once the page has
    /// also marked them rendered (the mark comes in the animation frame
    /// after) and the frames since have been reported; `null` if the rows
    /// never came.
    const SETTLED: &str = "const done = arguments[0]; const probe = window.__ksBench;
        const giveUp = setTimeout(() => done(null), 120000);
        probe.done.then(() => { const t0 = performance.now();
          const wait = () => performance.getEntriesByName('kratos-sessions:rendered').length || performance.now() - t0 > 5000
            ? setTimeout(() => { clearTimeout(giveUp); done(probe.rows); }, 300) : requestAnimationFrame(wait);
          wait(); });";

    /// Every moment of the visit, ms after navigation start; memory after a
    /// full collection; and how each of the page's own files came (a
    /// transfer size of 0 is a cache hit).
    const COLLECT: &str = "const kratos = arguments[0]; const probe = window.__ksBench;
        const mark = n => performance.getEntriesByName(n)[0]?.startTime ?? null;
        const nav = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource');
        const own = resources.filter(e => e.name.startsWith(location.origin));
        const answers = resources.filter(e => e.name.startsWith(kratos) && e.startTime < probe.rows)
          .map(e => ({ url: e.name.replace(kratos, ''), start: e.startTime, end: e.responseEnd }));
        const heapBeforeGc = performance.memory?.usedJSHeapSize ?? null;
        // What the page holds, not garbage awaiting collection.
        window.gc?.();
        return { html: nav.responseEnd, wasm_loaded: own.find(e => e.name.endsWith('.wasm'))?.responseEnd ?? null,
          wasm_ready: probe.wasmReady, answers: answers.length ? Math.max(...answers.map(a => a.end)) : null,
          fetched: mark('kratos-sessions:fetched'), rows: probe.rows, rendered: mark('kratos-sessions:rendered'),
          frames: probe.frames, kratos: answers,
          heap: performance.memory?.usedJSHeapSize ?? null, heap_before_gc: heapBeforeGc,
          wasm_memory: window.wasmBindings?.wasm_memory_bytes?.() ?? null,
          files: [nav, ...own].map(e => ({ url: e.name.replace(location.origin, ''), transfer: e.transferSize })) };";

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

    /// One Chromium on a profile of its own.
    struct Browser {
        client: Client,
        /// chromedriver itself, for the DevTools commands WebDriver lacks.
        driver: Http,
        session: String,
        app: String,
        kratos: String,
        _profile: tempfile::TempDir,
    }

    impl Browser {
        /// A new Chromium on an empty profile, signed in with `cookie` and
        /// with [`PROBE`] installed, having loaded nothing: its first
        /// navigation is a first visit.
        async fn open(driver_port: u16, env: &Env, cookie: &str, rows: usize) -> Self {
            let profile = tempfile::tempdir().expect("profile dir");
            let client = connect(driver_port, profile.path()).await;
            let session = client.session_id().await.unwrap().expect("session id");
            let browser = Self {
                client,
                driver: Http::new(format!("http://127.0.0.1:{driver_port}")),
                session,
                app: env.app.clone(),
                kratos: env.kratos.clone(),
                _profile: profile,
            };
            match AssertUnwindSafe(browser.prepare(cookie, rows)).catch_unwind().await {
                Ok(()) => browser,
                Err(panic) => browser.close(Err(panic)).await,
            }
        }

        async fn prepare(&self, cookie: &str, rows: usize) {
            let long = fantoccini::wd::TimeoutConfiguration::new(
                Some(Duration::from_secs(300)),
                Some(Duration::from_secs(300)),
                Some(Duration::from_secs(0)),
            );
            self.client.update_timeouts(long).await.unwrap();
            // Not by `document.cookie` on a Kratos page, as the browser tests
            // sign in: that visit would leave a connection to Kratos open.
            let url = format!("{}/", self.kratos);
            self.cdp("Network.setCookie", json!({ "name": "ory_kratos_session", "value": cookie, "url": url })).await;
            let probe = PROBE.replace("__LIST__", LIST).replace("__ROWS__", &rows.to_string());
            self.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": probe })).await;
        }

        async fn cdp(&self, cmd: &str, params: Value) {
            let path = format!("/session/{}/goog/cdp/execute", self.session);
            let (status, body) = self.driver.send("POST", &path, Some(&json!({ "cmd": cmd, "params": params }))).await;
            assert_eq!(status, 200, "{cmd}: {body}");
        }

        /// Closes the browser whatever `outcome` was (an orphaned Chromium
        /// would hold CI's output open), then hands `outcome` on.
        async fn close<T>(self, outcome: std::thread::Result<T>) -> T {
            let _ = self.client.close().await;
            outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }

        async fn js(&self, script: &str) -> Value {
            self.js_with(script, vec![]).await
        }

        async fn js_with(&self, script: &str, args: Vec<Value>) -> Value {
            self.client.execute(script, args).await.unwrap_or_else(|e| panic!("{script}: {e}"))
        }

        async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
            self.client.execute_async(script, args).await.unwrap_or_else(|e| panic!("{script}: {e}"))
        }

        /// Sessions in the list.
        async fn rows(&self) -> u64 {
            let total = format!("return Number(document.querySelector('{LIST}')?.dataset.ksTotal ?? 0)");
            self.js(&total).await.as_u64().unwrap_or(0)
        }

        async fn wait_rows(&self, n: u64) {
            for _ in 0..1200 {
                if self.rows().await >= n {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            panic!("never saw {n} rows (saw {}; {})", self.rows().await, self.page_text().await);
        }

        async fn page_text(&self) -> Value {
            let script = format!(
                "return document.querySelector('{LIST}')?.outerHTML.slice(0, 300) ?? document.body.innerText.slice(0, 300)"
            );
            self.js(&script).await
        }

        /// One load of the page: every moment from navigation start to the
        /// rows, and the long animation frames until they are painted.
        async fn visit(&self) -> Value {
            self.client.goto(&format!("{}/", self.app)).await.expect("open app");
            if self.js_async(SETTLED, vec![]).await.is_null() {
                panic!("the rows never came: {}", self.page_text().await);
            }
            summarize_visit(self.js_with(COLLECT, vec![json!(self.kratos)]).await)
        }
    }

    /// A sum that starts from +0: `Sum` for floats starts from -0.0, which
    /// the report would print for a visit without long frames.
    fn total(values: impl Iterator<Item = f64>) -> f64 {
        values.fold(0.0, |a, b| a + b)
    }

    /// What a visit's frames and memory add up to, next to its moments.
    fn summarize_visit(mut v: Value) -> Value {
        let durations: Vec<f64> =
            v["frames"].as_array().into_iter().flatten().filter_map(|f| f["duration"].as_f64()).collect();
        v["long_frames"] = json!(durations.len());
        v["long_frames_ms"] = json!(total(durations.iter().copied()));
        // Long Animation Frames reports only frames of 50 ms or more.
        v["longest_frame"] = json!(durations.iter().copied().fold(0.0, f64::max));
        let bytes = v["heap"].as_f64().unwrap_or(0.0) + v["wasm_memory"].as_f64().unwrap_or(0.0);
        v["memory_mb"] = json!(bytes / KB / KB);
        v
    }

    /// The moments of a visit in the order they happen, and the figures
    /// summed from its frames, as the report names them.
    const PHASES: [(&str, &str); 11] = [
        ("html", "HTML loaded"),
        ("wasm_loaded", "wasm downloaded (resource timing)"),
        ("wasm_ready", "wasm compiled and instantiated"),
        ("answers", "both Kratos answers in"),
        ("fetched", "answers parsed (`kratos-sessions:fetched`)"),
        ("rows", "**rows in the DOM**"),
        ("rendered", "`kratos-sessions:rendered` (the frame after)"),
        ("long_frames", "long animation frames (≥ 50 ms), count"),
        ("long_frames_ms", "long animation frames, total ms"),
        ("longest_frame", "longest frame ms"),
        ("memory_mb", "JS heap after GC + wasm, MB"),
    ];

    /// Each phase's median, min and max over `visits`, and the visit whose
    /// time to rows is the median, kept whole for its frames.
    fn summarize_mode(mut visits: Vec<Value>) -> Value {
        visits
            .sort_by(|a, b| a["rows"].as_f64().unwrap_or(f64::NAN).total_cmp(&b["rows"].as_f64().unwrap_or(f64::NAN)));
        let phases: serde_json::Map<String, Value> = PHASES
            .iter()
            .map(|(key, _)| {
                let samples: Vec<f64> = visits.iter().map(|v| v[key].as_f64().unwrap_or(f64::NAN)).collect();
                (key.to_string(), stats(&samples))
            })
            .collect();
        json!({ "runs": visits.len(), "phases": phases, "median_run": visits.get(visits.len() / 2) })
    }

    /// A first visit: a new browser that has fetched nothing before.
    async fn cold_visit(b: &Browser) -> Value {
        // Chromium opens on its own new-tab page, which loads nothing from
        // the page's origins; a blank page makes the app's navigation the
        // first and only one of its tab.
        b.client.goto("about:blank").await.expect("about:blank");
        let visit = b.visit().await;
        for file in visit["files"].as_array().unwrap() {
            assert_ne!(file["transfer"], json!(0), "a cold run found {} in a cache", file["url"]);
        }
        visit
    }

    /// A warm-up and `runs` repeat visits, then on the same page: the list
    /// with whoami held back, a revoke, and for long lists loading every
    /// session and scrolling to the end.
    async fn warm_visits(b: &Browser, env: &Env, n: usize, runs: usize) -> Value {
        b.visit().await;
        let mut visits = Vec::new();
        for _ in 0..runs {
            visits.push(b.visit().await);
        }
        // With whoami held back, the list must still start (and finish)
        // without waiting for it: one round trip.
        env.fault(json!({ "path": "/sessions/whoami", "delay_ms": 300 })).await;
        let probe = b.visit().await;
        let reqs = probe["kratos"].as_array().cloned().unwrap_or_default();
        let end_of = |path: &str| reqs.iter().find(|r| r["url"].as_str().is_some_and(|u| u.starts_with(path)));
        let concurrent = match (end_of("/sessions/whoami"), end_of("/sessions?")) {
            (Some(w), Some(l)) => l["end"].as_f64() < w["end"].as_f64(),
            _ => false,
        };
        let revoke = b.js_async(REVOKE, vec![]).await;
        let (mut scroll, mut load_all_longest) = (Value::Null, Value::Null);
        if n > 1000 {
            // Offset paging shifts after the revoke above, so a click may
            // add one row or a thousand: wait for progress.
            while b.js("return !!document.querySelector('.ks-load-more:not([disabled])')").await == json!(true) {
                let shown = b.rows().await;
                b.js("document.querySelector('.ks-load-more').click()").await;
                b.wait_rows(shown + 1).await;
                while b.js("return !!document.querySelector('.ks-load-more[disabled]')").await == json!(true) {
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
            }
            assert_eq!(b.rows().await, n as u64 - 1, "every session but the revoked one is listed");
            tokio::time::sleep(Duration::from_millis(300)).await;
            load_all_longest = b.js("return Math.max(0, ...window.__ksBench.frames.map(f => f.duration))").await;
            let frames: Vec<f64> = serde_json::from_value(b.js_async(SCROLL, vec![]).await).unwrap_or_default();
            let mut sorted = frames.clone();
            sorted.sort_by(|a, b| a.total_cmp(b));
            let p95 = sorted.get(sorted.len() * 95 / 100).copied();
            scroll = json!({ "frames": frames.len(), "max": sorted.last(), "p95": p95 });
        }
        json!({
            "warm": summarize_mode(visits),
            "revoke_ms": revoke["ms"], "other_rows_kept": revoke["kept"],
            "longest_frame_loading_all_ms": load_all_longest,
            "scroll": scroll,
            "requests_before_list": reqs,
            "list_concurrent_with_whoami": concurrent,
        })
    }

    /// The value after `--name` on the command line.
    fn arg(name: &str) -> Option<String> {
        std::env::args().skip_while(|a| a != name).nth(1)
    }

    pub async fn run(quick: bool) {
        let sizes = sizes();
        let chosen: Vec<usize> =
            arg("--n").map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect()).unwrap_or_default();
        let ns: &[usize] = if !chosen.is_empty() {
            &chosen
        } else if quick {
            &[10]
        } else {
            &[10, 1000, 5000]
        };
        let runs = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(if quick { 1 } else { 5 });
        let results = Arc::new(Mutex::new(Vec::new()));
        for &n in ns {
            let out = results.clone();
            run_with(
                kratos_dev_quiet,
                "",
                Box::new(move |env| {
                    Box::pin(async move {
                        let cookie = seed(env, n).await;
                        let rows = n.min(1000);
                        // run_with's own browser stays on its blank page;
                        // every browser measured is this driver's.
                        let (_driver, port) = start_driver().await;
                        let mut cold = Vec::new();
                        for _ in 0..runs {
                            let b = Browser::open(port, env, &cookie, rows).await;
                            let outcome = AssertUnwindSafe(cold_visit(&b)).catch_unwind().await;
                            cold.push(b.close(outcome).await);
                        }
                        let b = Browser::open(port, env, &cookie, rows).await;
                        let outcome = AssertUnwindSafe(warm_visits(&b, env, n, runs)).catch_unwind().await;
                        let mut result = b.close(outcome).await;
                        result["n"] = json!(n);
                        result["cold"] = summarize_mode(cold);
                        out.lock().unwrap().push(result);
                    })
                }),
            )
            .await;
        }
        let results = results.lock().unwrap().clone();
        let report = json!({ "quick": quick, "runs_per_mode": runs, "sizes": sizes, "runs": results,
            "budgets": budgets(&sizes, &results) });
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

    /// Each figure against its budget (issue 12) and, where there is one,
    /// its stretch; `null` where this run did not measure it.
    fn budgets(sizes: &Value, results: &[Value]) -> Value {
        let kb = |v: &Value| v.as_f64().map(|b| b / KB);
        let phase =
            |n, mode: &str, key: &str, of: &str| run_of(results, n).and_then(|r| r[mode]["phases"][key][of].as_f64());
        let mut list = Vec::new();
        let mut add = |what: &str, budget: f64, stretch: Option<f64>, value: Option<f64>| {
            list.push(json!({ "what": what, "budget": budget, "stretch": stretch, "value": value,
                "met": value.map(|v| v <= budget), "stretch_met": stretch.zip(value).map(|(s, v)| v <= s) }));
        };
        add("first load, all files, brotli (KB)", 100.0, Some(80.0), kb(&sizes["total"]["brotli"]));
        add(
            "embed bundle (loader, glue, wasm, CSS), brotli (KB)",
            100.0,
            Some(80.0),
            kb(&sizes["embed"]["total"]["brotli"]),
        );
        add("cold: time to all rows, N=10, median (ms)", 180.0, Some(150.0), phase(10, "cold", "rows", "median"));
        add(
            "cold: time to the first screen of rows, N=1000, median (ms)",
            300.0,
            None,
            phase(1000, "cold", "rows", "median"),
        );
        add("warm: time to all rows, N=10, median (ms)", 100.0, None, phase(10, "warm", "rows", "median"));
        add(
            "memory at N=1000, JS heap after GC + wasm, cold median (MB)",
            6.0,
            None,
            phase(1000, "cold", "memory_mb", "median"),
        );
        let loading = [
            phase(5000, "cold", "longest_frame", "max"),
            phase(5000, "warm", "longest_frame", "max"),
            run_of(results, 5000).and_then(|r| r["longest_frame_loading_all_ms"].as_f64()),
        ];
        let frame5000 = loading.iter().flatten().copied().reduce(f64::max);
        add("N=5000, longest frame loading, cold, warm or every page (ms)", 200.0, None, frame5000);
        add(
            "N=5000, longest scroll frame (ms)",
            50.0,
            None,
            run_of(results, 5000).and_then(|r| r["scroll"]["max"].as_f64()),
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
        add("round trips before the list", 1.0, None, round_trips);
        let kept = results.iter().all(|r| r["other_rows_kept"] == json!(true));
        list.push(json!({ "what": "revoke re-renders no other row", "budget": "yes", "value": kept, "met": kept }));
        Value::Array(list)
    }

    fn fmt(v: &Value) -> String {
        match v {
            Value::Null => "–".into(),
            // Counts (and medians of counts) as whole numbers.
            Value::Number(n) => match n.as_f64().unwrap_or(0.0) {
                x if x.fract() == 0.0 && x.abs() < 1e6 => format!("{x:.0}"),
                x => format!("{x:.1}"),
            },
            Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    /// `median (min–max)`, or the one figure of a single run.
    fn fmt_stats(s: &Value) -> String {
        if s["samples"].as_array().map_or(0, Vec::len) == 1 {
            fmt(&s["median"])
        } else {
            format!("{} ({}–{})", fmt(&s["median"]), fmt(&s["min"]), fmt(&s["max"]))
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

    /// The long animation frames of one visit: when, how long, and what
    /// filled them (scripts, the layouts they forced, the frame's own style
    /// and layout), with the longest script named by what invoked it.
    fn frames_table(visit: &Value) -> String {
        let frames = visit["frames"].as_array().cloned().unwrap_or_default();
        if frames.is_empty() {
            return "No frame reached 50 ms.\n\n".into();
        }
        let mut s =
            "| starts ms | ms | blocking ms | scripts ms | forced layout ms | style + layout ms | longest script |\n\
                     | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
                .to_string();
        for f in &frames {
            let scripts = f["scripts"].as_array().cloned().unwrap_or_default();
            let sum = |key: &str| total(scripts.iter().filter_map(|s| s[key].as_f64()));
            let end = f["start"].as_f64().unwrap_or(0.0) + f["duration"].as_f64().unwrap_or(0.0);
            let style_layout = f["style_layout_start"].as_f64().filter(|&t| t > 0.0).map_or(0.0, |t| end - t);
            let longest = scripts
                .iter()
                .max_by(|a, b| a["duration"].as_f64().unwrap_or(0.0).total_cmp(&b["duration"].as_f64().unwrap_or(0.0)))
                .map_or("–".to_string(), |l| {
                    format!("{} `{}` {}", fmt(&l["invoker"]), fmt(&l["source"]), fmt(&l["duration"]))
                });
            s += &format!(
                "| {} | {} | {} | {} | {} | {} | {longest} |\n",
                fmt(&f["start"]),
                fmt(&f["duration"]),
                fmt(&f["blocking"]),
                fmt(&json!(sum("duration"))),
                fmt(&json!(sum("forced_layout"))),
                fmt(&json!(style_layout)),
            );
        }
        s + "\n"
    }

    fn markdown(report: &Value) -> String {
        let mut s = size_table("file", &report["sizes"]);
        s += &size_table("embed bundle (`dist-embed/`)", &report["sizes"]["embed"]);
        let runs = report["runs"].as_array().unwrap();
        s += "| N | cold: rows, median (min–max) ms | warm: rows ms | revoke → row gone ms | JS heap + wasm MB, cold | longest frame ms, cold / warm | scroll max / p95 ms |\n\
              | ---: | --- | --- | ---: | ---: | --- | --- |\n";
        for r in runs {
            let (cold, warm) = (&r["cold"]["phases"], &r["warm"]["phases"]);
            s += &format!(
                "| {} | {} | {} | {} | {} | {} / {} | {} / {} |\n",
                r["n"],
                fmt_stats(&cold["rows"]),
                fmt_stats(&warm["rows"]),
                fmt(&r["revoke_ms"]),
                fmt(&cold["memory_mb"]["median"]),
                fmt(&cold["longest_frame"]["max"]),
                fmt(&warm["longest_frame"]["max"]),
                fmt(&r["scroll"]["max"]),
                fmt(&r["scroll"]["p95"]),
            );
        }
        s += "\n| budget | limit | measured | met | stretch |\n| --- | ---: | ---: | :---: | :---: |\n";
        let mark = |met: &Value| match met {
            Value::Bool(true) => "✅",
            Value::Bool(false) => "❌",
            _ => "not measured",
        };
        for b in report["budgets"].as_array().unwrap() {
            let stretch = if b["stretch"].is_null() {
                String::new()
            } else {
                format!("{} {}", fmt(&b["stretch"]), mark(&b["stretch_met"]))
            };
            s += &format!(
                "| {} | {} | {} | {} | {stretch} |\n",
                b["what"].as_str().unwrap(),
                fmt(&b["budget"]),
                fmt(&b["value"]),
                mark(&b["met"]),
            );
        }
        for r in runs {
            let (cold, warm) = (&r["cold"], &r["warm"]);
            s += &format!(
                "\n### N = {}: where the time goes\n\nms after navigation start; median (min–max) over the runs: \
                 cold {} (each a new browser on an empty profile), warm {} (one profile, after a warm-up).\n\n\
                 | moment | cold | warm |\n| --- | --- | --- |\n",
                r["n"], cold["runs"], warm["runs"]
            );
            for (key, label) in PHASES {
                s += &format!(
                    "| {label} | {} | {} |\n",
                    fmt_stats(&cold["phases"][key]),
                    fmt_stats(&warm["phases"][key])
                );
            }
            s += &format!(
                "\nLong animation frames of the median cold run (rows at {} ms):\n\n",
                fmt(&cold["median_run"]["rows"])
            );
            s += &frames_table(&cold["median_run"]);
            s += &format!(
                "Long animation frames of the median warm run (rows at {} ms):\n\n",
                fmt(&warm["median_run"]["rows"])
            );
            s += &frames_table(&warm["median_run"]);
        }
        s
    }
}
