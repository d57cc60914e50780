//! `cargo xtask demo`'s data. kratos-dev only: the demo seed is kratos-dev's.

fn demo_data(cfg: &mut kratos_dev::Config) {
    cfg.kratos_dev.seed_demo = true;
}

scenario!(
    /// The demo identity, signed in through the login page, sees its five
    /// seeded devices newest first, with the sign-in methods of each.
    demo_identity_sees_its_devices, demo_data, "", |env| {
        env.open_app().await;
        env.wait_for("a.ks-button").await.click().await.unwrap();
        let buttons = env.texts("button[name=identity]").await;
        assert_eq!(buttons, vec!["Sign in as demo@example.com", "Sign in as mfa@example.com"]);
        env.wait_for("button[name=identity]").await.click().await.unwrap();
        env.wait_for(".ks-current").await;
        let devices = env.texts(".ks-session:not(.ks-current) .ks-device").await;
        assert_eq!(
            devices,
            vec!["Firefox on Windows", "Safari on iOS", "Chrome on Android", "Safari on iPadOS", "curl"]
        );
        let rows = env.client.find_all(fantoccini::Locator::Css(".ks-session:not(.ks-current)")).await.unwrap();
        let mut methods = Vec::new();
        for row in &rows {
            let mut labels = Vec::new();
            for chip in row.find_all(fantoccini::Locator::Css(".ks-aal, .ks-chip-label")).await.unwrap() {
                labels.push(chip.text().await.unwrap());
            }
            methods.push(labels.join(" "));
        }
        assert_eq!(
            methods,
            [
                "2-step Password Authenticator app",
                "Passkey",
                "Google",
                "One-time code",
                "Password"
            ]
        );
        // The iPad signed in twice: its trail lists both sign-ins.
        let trail = env.texts(".ks-trail summary").await;
        assert_eq!(trail, vec!["Sign-in history of this session (2)"]);
        env.screenshot("demo").await;
});
