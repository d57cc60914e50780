//! The first slice through kratos-dev's own login page. kratos-dev only:
//! that login page is kratos-dev's (real Kratos's: ory.rs).

use serde_json::json;

scenario!(
    /// A person signs in through the login page and sees this device and the
    /// seeded sessions on other devices, each with browser, OS, IP and time.
    sign_in_and_see_sessions, |env| {
        // An identity with a session on two other devices.
        let first = env
            .seed(json!({
                "traits": { "email": "ada@example.com" },
                "devices": [{ "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                              "ip_address": "203.0.113.42", "location": "Berlin, DE" }],
                "authenticated_at": "2026-01-01T10:00:00Z",
                "expires_at": "2099-01-01T00:00:00Z"
            }))
            .await;
        let identity = first["session"]["identity"]["id"].clone();
        env.seed(json!({
            "identity_id": identity,
            "devices": [{ "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                          "ip_address": "198.51.100.7", "location": "" }],
            "authentication_methods": [{ "method": "passkey" }],
            "expires_at": "2099-01-01T00:00:00Z"
        }))
        .await;

        env.open_app().await;
        let sign_in = env.wait_for("a.ks-button").await;
        assert_eq!(sign_in.text().await.unwrap(), "Sign in");
        sign_in.click().await.unwrap();

        let button = env.wait_for("button[name=identity]").await;
        assert_eq!(button.text().await.unwrap(), "Sign in as ada@example.com");
        button.click().await.unwrap();

        env.wait_for(".ks-session.ks-current").await;
        let current = env.texts(".ks-current .ks-device").await;
        assert_eq!(current, vec!["Headless Chrome (automated)".to_string()]);
        let others = env.texts(".ks-session:not(.ks-current) .ks-device").await;
        assert_eq!(others, vec!["Safari on iOS".to_string(), "Firefox on Windows".to_string()]);
        let meta = env.texts(".ks-session:not(.ks-current) .ks-meta").await.join("\n");
        assert!(meta.contains("198.51.•••.•••"), "{meta}");
        assert!(meta.contains("203.0.•••.•••"), "{meta}");
        assert!(meta.contains("Berlin, DE"), "{meta}");
        assert!(meta.contains("Location unknown"), "{meta}");
        assert!(meta.contains("Signed in"), "{meta}");
        env.screenshot("first-slice").await;
});

scenario!(
    /// Signed in with no other sessions: this device shows, and the empty
    /// state says so in words.
    only_this_device, |env| {
        let me = env.seed(json!({ "traits": { "email": "solo@example.com" } })).await;
        env.use_session(&me).await;
        env.open_app().await;
        env.wait_for(".ks-empty").await;
        assert_eq!(
            env.texts(".ks-empty").await,
            vec!["No other sessions. You're only signed in here.".to_string()]
        );
        assert_eq!(env.texts(".ks-session").await.len(), 1);
        assert_eq!(env.texts(".ks-current .ks-badge").await, vec!["This device".to_string()]);
        // The seeded session has no device: the page says so rather than guess.
        assert_eq!(env.texts(".ks-current .ks-device").await, vec!["Unknown device".to_string()]);
});
