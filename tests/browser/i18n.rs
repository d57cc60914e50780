//! Localization. kratos-dev only: the words and their direction do not
//! depend on the backend (German on real Kratos: embed.rs's `both!` tests).

use crate::fixtures::{signed_in_with, FIREFOX_WINDOWS, SAFARI_IPHONE};
use crate::support::no_tweak;

scenario!(german, no_tweak, r#"data-locale="de""#, |env| {
    signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
    env.open_app().await;
    env.wait_text(".ks-page-title", "Deine Sitzungen").await;
    assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, vec!["Firefox unter Windows", "Safari unter iOS"]);
    let when = env.texts("[data-ks-list=others] .ks-times").await.join(" ");
    assert!(when.contains("Angemeldet vor 3 Stunden"), "Intl speaks German too: {when}");
    assert_eq!(env.texts(".ks-revoke-others").await, vec!["Alle 2 anderen Sitzungen abmelden"]);
    env.click(".ks-revoke-others").await;
    env.wait_text(".ks-dialog-title", "2 andere Sitzungen abmelden?").await;
    let lang = env.client.execute("return document.querySelector('.ks').lang", vec![]).await.unwrap();
    assert_eq!(lang, "de");
});

scenario!(arabic_is_right_to_left, no_tweak, r#"data-locale="ar""#, |env| {
    signed_in_with(env, &[FIREFOX_WINDOWS, SAFARI_IPHONE]).await;
    env.open_app().await;
    env.wait_text(".ks-page-title", "جلساتك").await;
    let dir = env
        .client
        .execute(
            "return [document.querySelector('.ks').dir, getComputedStyle(document.querySelector('.ks')).direction]",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(dir, serde_json::json!(["rtl", "rtl"]));
    assert_eq!(env.texts(".ks-revoke-others").await, vec!["تسجيل الخروج من الجلستين الأخريين"], "Arabic dual form");
    env.screenshot("arabic").await;
});

scenario!(
    host_overrides_messages,
    no_tweak,
    r#"data-messages='{"title":"Devices signed in","sign_out":"End session"}'"#,
    |env| {
        signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        env.open_app().await;
        env.wait_text(".ks-page-title", "Devices signed in").await;
        env.wait_text("[data-ks-list=others] .ks-revoke", "End session").await;
        assert_eq!(
            env.texts(".ks-intro").await,
            vec!["Where your account is signed in. Sign out any session you don't recognise."]
        );
    }
);

scenario!(
    a_missing_catalogue_falls_back_to_english,
    no_tweak,
    r#"data-locale="de" data-catalogues="/no-such-folder/""#,
    |env| {
        signed_in_with(env, &[FIREFOX_WINDOWS]).await;
        env.open_app().await;
        env.wait_text(".ks-page-title", "Your sessions").await;
        assert_eq!(env.texts("[data-ks-list=others] .ks-device").await, vec!["Firefox on Windows"]);
        let when = env.texts("[data-ks-list=others] .ks-times").await.join(" ");
        assert!(when.contains("Signed in 3 hours ago"), "dates in English too: {when}");
        let lang = env.client.execute("return document.querySelector('.ks').lang", vec![]).await.unwrap();
        assert_eq!(lang, "en", "the page says which language it really speaks");
    }
);
