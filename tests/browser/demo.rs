use crate::support::run;

fn demo_data(cfg: &mut kratos_dev::Config) {
    cfg.kratos_dev.seed_demo = true;
}

/// The demo identity, signed in through the login page, sees its five
/// seeded devices newest first, with the sign-in methods of each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_identity_sees_its_devices() {
    run(
        demo_data,
        Box::new(|env| {
            Box::pin(async move {
                env.open_app().await;
                env.wait_for("a.ks-button").await.click().await.unwrap();
                let buttons = env.texts("button[name=identity]").await;
                assert_eq!(
                    buttons,
                    vec!["Sign in as demo@example.com", "Sign in as mfa@example.com"]
                );
                env.wait_for("button[name=identity]")
                    .await
                    .click()
                    .await
                    .unwrap();
                env.wait_for(".ks-current").await;
                let devices = env.texts(".ks-session:not(.ks-current) .ks-device").await;
                assert_eq!(
                    devices,
                    vec![
                        "Firefox on Windows",
                        "Safari on iOS",
                        "Chrome on Android",
                        "Safari on iPadOS",
                        "curl"
                    ]
                );
                let methods = env.texts(".ks-session:not(.ks-current) .ks-methods").await;
                assert_eq!(methods[0], "AAL2\nPassword\nAuthenticator app");
                assert_eq!(methods[2], "AAL1\nGoogle");
                env.screenshot("demo").await;
            })
        }),
    )
    .await;
}
