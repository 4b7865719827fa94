//! Helpers shared by the sandbox's integration tests.
#![allow(dead_code)] // each test crate uses a part of these helpers

use hotspot_users::model::ListNonMigrationUsersResponse;
use serde::de::DeserializeOwned;

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
