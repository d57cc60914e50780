use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::{json, Value};

use crate::fixtures::{id, signed_in_with, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::Env;

/// Runs `body` against the widget's shadow root on the embed example page.
async fn in_shadow(env: &Env, body: &str) -> Value {
    let script =
        format!("const root = document.querySelector('kratos-sessions')?.shadowRoot; if (!root) return null; {body}");
    env.client.execute(&script, vec![]).await.expect("shadow script")
}

async fn wait_shadow(env: &Env, css: &str) {
    for _ in 0..200 {
        if in_shadow(env, &format!("return !!root.querySelector({css:?})")).await == json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{css} never appeared in the shadow root");
}

async fn shadow_click(env: &Env, css: &str) {
    wait_shadow(env, css).await;
    in_shadow(env, &format!("root.querySelector({css:?}).click()")).await;
}

both!(
    /// The custom element in a host page with careless global CSS: the widget
    /// looks like itself, works, and tells the host what happened.
    custom_element_is_isolated_and_emits_events, |env| {
        let (_, others) = signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
        env.client.goto(&format!("{}/embed/", env.app)).await.unwrap();
        wait_shadow(env, "[data-ks-list=others] .ks-revoke").await;
        let styles = in_shadow(
            env,
            "const b = root.querySelector('.ks-revoke'); const li = root.querySelector('.ks-session');
             const s = getComputedStyle(b);
             return [s.textTransform, s.backgroundColor, getComputedStyle(li).marginTop, getComputedStyle(root.querySelector('.ks')).fontFamily];",
        )
        .await;
        assert_eq!(styles[0], "none", "host text-transform leaked in");
        assert_ne!(styles[1], "rgb(255, 105, 180)", "host button background leaked in");
        assert_eq!(styles[2], "0px", "host li margin leaked in");
        assert!(!styles[3].as_str().unwrap().contains("Comic"), "host font leaked in: {styles}");
        // And the widget does not restyle the host.
        let host_button = env.client.execute("return getComputedStyle(document.querySelector('nav a')).fontFamily", vec![]).await.unwrap();
        assert!(host_button.as_str().unwrap().contains("Comic"));
        env.screenshot("embed-host").await;

        shadow_click(env, "[data-ks-list=others] .ks-revoke").await;
        shadow_click(env, ".ks-confirm").await;
        env.wait_for("#host-events li").await;
        let events = env.texts("#host-events li").await;
        assert_eq!(events, vec![format!(r#"revoked {{"id":"{}","device":"Firefox on Windows"}}"#, id(&others[0]))]);
        shadow_click(env, ".ks-revoke-others").await;
        shadow_click(env, ".ks-confirm").await;
        env.wait_for("#host-events li:nth-child(2)").await;
        assert_eq!(env.texts("#host-events li").await[1], r#"revoked-others {"count":2,"listed":1}"#, "Kratos counts the row revoked a moment ago too");

        // Attributes re-render it: the host's heading level, and German,
        // whose catalogue comes from beside the loader.
        env.client
            .execute("const el = document.querySelector('kratos-sessions'); el.setAttribute('heading-level', '4'); el.setAttribute('locale', 'de');", vec![])
            .await
            .unwrap();
        let mut title = Value::Null;
        for _ in 0..100 {
            title = in_shadow(env, "return root.querySelector('h4.ks-page-title')?.textContent ?? null").await;
            if !title.is_null() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(title, "Deine Sitzungen");
        assert_eq!(env.csp_reports.load(Ordering::SeqCst), 0);
});

both!(
    /// `mount()` from JavaScript, with options, and `unmount()` removes it all.
    mount_and_unmount_from_javascript, |env| {
        signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        env.client.goto(&format!("{}/embed/", env.app)).await.unwrap();
        let mounted = env
            .client
            .execute_async(
                "const [kratosUrl, done] = arguments;
                 const el = document.createElement('section'); el.id = 'js-host'; document.body.append(el);
                 import('./kratos-sessions.js')
                   .then(m => m.mount(el, { kratosUrl, locale: 'de', messages: { title: 'Angemeldete Geräte' } }))
                   .then(h => { window.__handle = h; done('ok'); }, e => done(String(e)));",
                vec![json!(env.kratos)],
            )
            .await
            .unwrap();
        assert_eq!(mounted, "ok");
        let text = |css: &str| {
            format!("return document.getElementById('js-host').shadowRoot?.querySelector('{css}')?.textContent ?? null")
        };
        let mut title = Value::Null;
        for _ in 0..100 {
            title = env.client.execute(&text("[data-ks-list=others] .ks-device"), vec![]).await.unwrap();
            if !title.is_null() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(title, "Firefox unter Windows");
        assert_eq!(env.client.execute(&text(".ks-page-title"), vec![]).await.unwrap(), "Angemeldete Geräte");
        let after = env
            .client
            .execute(
                "window.__handle.unmount(); const r = document.getElementById('js-host').shadowRoot;
                 return r.childElementCount;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(after, 0, "unmount leaves nothing behind");
});

both!(
    /// Both builds run under `script-src 'self' 'wasm-unsafe-eval'; style-src
    /// 'self'` without a single violation; and the check itself can fail.
    strict_csp_has_no_violations, |env| {
        signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        env.open_app().await;
        env.wait_for("[data-ks-list=others]").await;
        env.click("[data-ks-list=others] .ks-revoke").await;
        env.click(".ks-cancel").await;
        env.client.goto(&format!("{}/embed/", env.app)).await.unwrap();
        wait_shadow(env, "[data-ks-list=others]").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(env.csp_reports.load(Ordering::SeqCst), 0, "CSP violations were reported");
        // Negative control: an inline script is refused and reported.
        env.client
            .execute("const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s);", vec![])
            .await
            .unwrap();
        for _ in 0..50 {
            if env.csp_reports.load(Ordering::SeqCst) > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(env.csp_reports.load(Ordering::SeqCst) > 0, "the CSP check cannot see violations");
        assert_eq!(env.client.execute("return window.__ran ?? null", vec![]).await.unwrap(), Value::Null);
});
