//! Helpers shared by the sandbox's integration tests.
#![allow(dead_code)] // each test crate uses a part of these helpers

use hotspot_users::model::ListNonMigrationUsersResponse;
use hotspot_users_server::sandbox::faults::FaultSettings;
use hotspot_users_server::sandbox::seed::DEMO_PROJECT;
use hotspot_users_server::sandbox::Settings;
use reqwest::{Client, Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// The token the test sandboxes accept.
pub const TOKEN: &str = "t-good";
/// Their admin secret (`/__admin/*`).
pub const SECRET: &str = "s3cret";

/// A sandbox in-process on an ephemeral port and a client for it; each
/// test crate adds the calls it needs in an `impl Sbx` of its own.
pub struct Sbx {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// The client.
    pub http: Client,
}

impl Sbx {
    /// With the default settings.
    pub async fn start() -> Self {
        Self::with(Settings::default()).await
    }

    /// With `settings` (the admin secret is [`SECRET`] unless set).
    pub async fn with(mut settings: Settings) -> Self {
        settings.admin_secret.get_or_insert_with(|| SECRET.into());
        Self {
            base: start_sandbox(settings, TOKEN).await,
            http: Client::new(),
        }
    }

    /// The list-users URL of a demo project's configuration.
    pub fn users_url(&self, config: &str) -> String {
        format!(
            "{}/v1/{DEMO_PROJECT}/hotspot-session-config/{config}/non-migration-users",
            self.base
        )
    }

    /// `method url`, with `token` and a JSON `body` when given.
    pub async fn send(
        &self,
        method: Method,
        url: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> Response {
        let mut req = self.http.request(method, url);
        if let Some(t) = token {
            req = req.header("X-Auth-Token", t);
        }
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        req.send().await.expect("response")
    }

    /// Every user of a demo project's configuration: (id, name).
    pub async fn all_users(&self, config: &str) -> Vec<(String, String)> {
        all_users(&self.http, &self.users_url(config), TOKEN).await
    }

    /// Sets the fault injection through the admin endpoint.
    pub async fn faults(&self, settings: FaultSettings) {
        let res = self
            .http
            .put(format!("{}/__admin/faults", self.base))
            .header("X-Admin-Secret", SECRET)
            .json(&settings)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
}

/// `n` users as a JSON list: ids `{prefix}0…`, names `n0…`.
pub fn users(prefix: &str, n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({"user_id": format!("{prefix}{i}"), "user_name": format!("n{i}")}))
            .collect(),
    )
}

/// Starts a sandbox in-process on an ephemeral loopback port that accepts
/// `token` and knows an expired `t-expired`; returns its base URL.
pub async fn start_sandbox(
    mut settings: hotspot_users_server::sandbox::Settings,
    token: &str,
) -> String {
    settings.tokens.push((token.into(), None));
    settings
        .tokens
        .push(("t-expired".into(), Some(std::time::Duration::ZERO)));
    let (addr, _) = hotspot_users_server::sandbox::spawn(settings)
        .await
        .expect("sandbox starts");
    format!("http://{addr}")
}

/// Sends `request` and decodes its JSON body.
pub async fn json<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> T {
    request
        .send()
        .await
        .expect("a response")
        .json()
        .await
        .expect("a JSON body")
}

/// Every user behind a list-users `url`, page by page: (id, name).
pub async fn all_users(http: &reqwest::Client, url: &str, token: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        let page: ListNonMigrationUsersResponse = json(
            http.get(format!("{url}?offset={}&limit=100", out.len()))
                .header("X-Auth-Token", token),
        )
        .await;
        let n = page.non_migrate_users.len();
        out.extend(
            page.non_migrate_users
                .into_iter()
                .map(|u| (u.id().to_string(), u.name().to_string())),
        );
        if n < 100 {
            return out;
        }
    }
}
