//! Contract tests: a sandbox in-process on an ephemeral port, checked over
//! real HTTP for every status code, body shape, rule and fault mode.

mod common;

use std::time::Duration;

use hotspot_users::model::iam::{parse_utc_ms, ProjectsBody, TokenBody};
use hotspot_users::model::server_info::{ServerInfo, SERVER_INFO_PATH};
use hotspot_users::model::ApiError;
use hotspot_users::model::{
    ListHotspotSessionConfigResponse, ListNonMigrationUsersResponse, ServiceErrorBody,
};
use hotspot_users_server::sandbox::faults::{Fault, FaultSettings, QueuedFault};
use hotspot_users_server::sandbox::iam;
use hotspot_users_server::sandbox::seed::{
    DEMO_CONFIG_LARGE, DEMO_CONFIG_SMALL, DEMO_LARGE_USERS, DEMO_PROJECT,
};
use hotspot_users_server::sandbox::Settings;
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{json, Value};

use common::{users, Sbx, SECRET, TOKEN};

impl Sbx {
    async fn get(&self, url: &str) -> Response {
        self.send(Method::GET, url, Some(TOKEN), None).await
    }

    async fn patch(&self, config: &str, body: Value) -> Response {
        self.send(
            Method::PATCH,
            &self.users_url(config),
            Some(TOKEN),
            Some(&body.to_string()),
        )
        .await
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> T {
        common::json(self.http.get(url).header("X-Auth-Token", TOKEN)).await
    }
}

async fn error_body(res: Response) -> ServiceErrorBody {
    let body: ServiceErrorBody = res.json().await.expect("service-shaped error body");
    // The type defaults a missing error_msg (for the console); the sandbox always sends one.
    assert!(!body.error_msg.is_empty(), "error_msg is present");
    body
}

async fn expect_400(res: Response, needle: &str) {
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body = error_body(res).await;
    assert_eq!(body.error_code, "WKS.00211102");
    assert!(
        body.error_msg.contains(needle),
        "'{}' lacks '{needle}'",
        body.error_msg
    );
}

#[tokio::test]
async fn list_users_pages_filters_and_counts() {
    let s = Sbx::start().await;
    let all = s.all_users(DEMO_CONFIG_LARGE).await;
    assert_eq!(all.len(), DEMO_LARGE_USERS);
    let page: ListNonMigrationUsersResponse = s
        .get_json(&format!(
            "{}?offset=300&limit=100",
            s.users_url(DEMO_CONFIG_LARGE)
        ))
        .await;
    assert_eq!(page.total_count, Some(DEMO_LARGE_USERS as u32));
    assert_eq!(page.non_migrate_users.len(), DEMO_LARGE_USERS - 300);
    let default: ListNonMigrationUsersResponse = s.get_json(&s.users_url(DEMO_CONFIG_LARGE)).await;
    assert_eq!(default.non_migrate_users.len(), 10, "limit defaults to 10");
    let wanted = all.iter().filter(|(_, n)| n.contains("alice")).count();
    assert!(wanted > 0);
    let filtered: ListNonMigrationUsersResponse = s
        .get_json(&format!(
            "{}?user_name=ALICE&limit=100",
            s.users_url(DEMO_CONFIG_LARGE)
        ))
        .await;
    assert_eq!(filtered.total_count, Some(wanted as u32));
    assert!(filtered
        .non_migrate_users
        .iter()
        .all(|u| u.name().contains("alice")));
    for bad in ["limit=0", "limit=101", "limit=x", "offset=-1"] {
        let res = s
            .get(&format!("{}?{bad}", s.users_url(DEMO_CONFIG_LARGE)))
            .await;
        expect_400(res, bad.split('=').next().unwrap()).await;
    }
    let long = "n".repeat(129);
    expect_400(
        s.get(&format!(
            "{}?user_name={long}",
            s.users_url(DEMO_CONFIG_LARGE)
        ))
        .await,
        "user_name",
    )
    .await;
}

#[tokio::test]
async fn tokens_missing_unknown_or_expired_get_a_gateway_401() {
    let s = Sbx::start().await;
    let url = s.users_url(DEMO_CONFIG_SMALL);
    for (token, needle) in [
        (None, "not found"),
        (Some("nope"), "verify"),
        (Some("t-expired"), "expires"),
    ] {
        let res = s.send(Method::GET, &url, token, None).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let header_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
        let body = error_body(res).await;
        assert_eq!(body.error_code, "APIGW.0301");
        assert!(body.error_msg.contains(needle), "{}", body.error_msg);
        assert_eq!(body.request_id.as_deref(), Some(header_id.as_str()));
    }
}

#[tokio::test]
async fn unknown_ids_404_and_wrong_methods_405() {
    let s = Sbx::start().await;
    let res = s.get(&s.users_url("no-such-config")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(error_body(res).await.error_msg.contains("no-such-config"));
    let res = s
        .get(&format!(
            "{}/v1/other-project/hotspot-session-config",
            s.base
        ))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = s
        .send(
            Method::DELETE,
            &s.users_url(DEMO_CONFIG_SMALL),
            Some(TOKEN),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_body(res).await.error_code, "WKS.00210405");
    let res = s
        .get(&format!("{}/v1/{DEMO_PROJECT}/something-else", s.base))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(res).await.error_code, "APIGW.0101");
}

#[tokio::test]
async fn bad_patch_bodies_get_specific_400s() {
    let s = Sbx::start().await;
    let url = s.users_url(DEMO_CONFIG_SMALL);
    let cases = [
        ("{not json", "not valid JSON"),
        (r#"{"non_migrate_users":[]}"#, "update_type"),
        (r#"{"update_type":"ADD"}"#, "non_migrate_users"),
        (
            r#"{"update_type":"UPSERT","non_migrate_users":[]}"#,
            "UPSERT",
        ),
        (
            r#"{"update_type":"ADD","non_migrate_users":[{"user_id":"  "}]}"#,
            "User ID is empty",
        ),
        (
            r#"{"update_type":"ADD","non_migrate_users":[{"user_name":"x"}]}"#,
            "user_id is required",
        ),
    ];
    for (body, needle) in cases {
        expect_400(
            s.send(Method::PATCH, &url, Some(TOKEN), Some(body)).await,
            needle,
        )
        .await;
    }
    let long = json!({"update_type": "ADD", "non_migrate_users": [{"user_id": "u", "user_name": "n".repeat(129)}]});
    expect_400(s.patch(DEMO_CONFIG_SMALL, long).await, "129 characters").await;
    let too_many = json!({"update_type": "DELETE", "non_migrate_users": users("x", 1001)});
    expect_400(s.patch(DEMO_CONFIG_SMALL, too_many).await, "1001 items").await;
    assert_eq!(
        s.all_users(DEMO_CONFIG_SMALL).await.len(),
        5,
        "nothing changed"
    );
}

#[tokio::test]
async fn add_overwrites_delete_skips_and_both_are_idempotent() {
    let s = Sbx::start().await;
    let before = s.all_users(DEMO_CONFIG_SMALL).await;
    let (first_id, _) = before[0].clone();
    let add = json!({"update_type": "ADD", "non_migrate_users": [
        {"user_id": first_id, "user_name": "renamed"}, {"user_id": "new-1", "user_name": "newbie"}, {"user_id": "bare"}]});
    for _ in 0..2 {
        let res = s.patch(DEMO_CONFIG_SMALL, add.clone()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers().contains_key("x-request-id"));
        assert_eq!(res.text().await.unwrap(), "null");
    }
    let after = s.all_users(DEMO_CONFIG_SMALL).await;
    assert_eq!(after.len(), before.len() + 2);
    assert!(after.contains(&(first_id.clone(), "renamed".into())));
    assert!(after.contains(&("bare".into(), String::new())));
    let del = json!({"update_type": "DELETE", "non_migrate_users": [{"user_id": "new-1"}, {"user_id": "never-there"}]});
    for _ in 0..2 {
        assert_eq!(
            s.patch(DEMO_CONFIG_SMALL, del.clone()).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(s.all_users(DEMO_CONFIG_SMALL).await.len(), before.len() + 1);
}

#[tokio::test]
async fn a_config_never_passes_1000_users() {
    let s = Sbx::start().await;
    let fill = json!({"update_type": "ADD", "non_migrate_users": users("f", 995)});
    assert_eq!(
        s.patch(DEMO_CONFIG_SMALL, fill).await.status(),
        StatusCode::OK
    );
    assert_eq!(s.all_users(DEMO_CONFIG_SMALL).await.len(), 1000);
    let one_more = json!({"update_type": "ADD", "non_migrate_users": [{"user_id": "extra", "user_name": "x"}]});
    expect_400(s.patch(DEMO_CONFIG_SMALL, one_more).await, "limit of 1000").await;
    let overwrite = json!({"update_type": "ADD", "non_migrate_users": [{"user_id": "f0", "user_name": "renamed"}]});
    assert_eq!(
        s.patch(DEMO_CONFIG_SMALL, overwrite).await.status(),
        StatusCode::OK,
        "overwrites fit"
    );
}

#[tokio::test]
async fn config_operations() {
    let s = Sbx::start().await;
    let configs = format!("{}/v1/{DEMO_PROJECT}/hotspot-session-config", s.base);
    let list: ListHotspotSessionConfigResponse = s.get_json(&format!("{configs}?limit=100")).await;
    assert_eq!(list.items.len(), 2);
    let created: Value = s
        .send(
            Method::POST,
            &configs,
            Some(TOKEN),
            Some(r#"{"hotspot_session_migration_enable":true,"hotspot_exit_session_num":3}"#),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    let res = s
        .send(
            Method::PATCH,
            &format!("{configs}/{id}"),
            Some(TOKEN),
            Some(r#"{"hotspot_session_migration_enable":false,"hotspot_exit_session_num":100}"#),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body,
        json!({"id": id, "hotspot_session_migration_enable": false, "hotspot_exit_session_num": 100})
    );
    let bad = r#"{"hotspot_session_migration_enable":false,"hotspot_exit_session_num":101}"#;
    expect_400(
        s.send(
            Method::PATCH,
            &format!("{configs}/{id}"),
            Some(TOKEN),
            Some(bad),
        )
        .await,
        "101",
    )
    .await;
    let page: ListHotspotSessionConfigResponse =
        s.get_json(&format!("{configs}?offset=2&limit=1")).await;
    assert_eq!(page.items.len(), 1);
}

#[tokio::test]
async fn state_survives_a_restart_and_is_written_atomically() {
    let dir = std::env::temp_dir().join(format!("sandbox-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    let settings = Settings {
        state_file: Some(file.clone()),
        ..Default::default()
    };
    let s = Sbx::with(settings.clone()).await;
    let add = json!({"update_type": "ADD", "non_migrate_users": [{"user_id": "kept", "user_name": "across restarts"}]});
    assert_eq!(
        s.patch(DEMO_CONFIG_SMALL, add).await.status(),
        StatusCode::OK
    );
    assert!(
        !dir.join("state.json.tmp").exists(),
        "no temporary file is left behind"
    );
    let again = Sbx::with(settings).await;
    assert!(again
        .all_users(DEMO_CONFIG_SMALL)
        .await
        .contains(&("kept".into(), "across restarts".into())));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn every_response_has_a_request_id_and_the_console_gets_security_headers() {
    let s = Sbx::start().await;
    let mut ids = Vec::new();
    for url in [
        s.base.clone() + "/",
        s.users_url(DEMO_CONFIG_SMALL),
        s.base.clone() + "/v1/x",
    ] {
        let res = s.get(&url).await;
        ids.push(res.headers()["x-request-id"].to_str().unwrap().to_string());
    }
    ids.dedup();
    assert_eq!(ids.len(), 3, "ids are unique");
    let page = s.get(&(s.base.clone() + "/")).await;
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'") && csp.contains("style-src 'self'")
    );
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
}

#[tokio::test]
async fn the_demo_offer_names_the_demo_data_and_a_token_that_works() {
    let s = Sbx::start().await;
    let res = s
        .http
        .get(format!("{}{SERVER_INFO_PATH}", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let info = ServerInfo::parse(&res.bytes().await.unwrap()).expect("a server document");
    assert_eq!(info.region, None, "the sandbox names no region");
    let demo = info.demo.expect("a valid demo offer");
    assert_eq!(demo.project_id, DEMO_PROJECT);
    assert_eq!(demo.config_id, DEMO_CONFIG_LARGE);
    // The token it names is one the sandbox accepts, and it loads the demo.
    let url = s.users_url(&demo.config_id);
    let page: ListNonMigrationUsersResponse =
        common::json(s.http.get(&url).header("X-Auth-Token", &demo.token)).await;
    assert_eq!(page.total_count, Some(DEMO_LARGE_USERS as u32));
}

#[tokio::test]
async fn the_favicon_is_served_from_the_console_build() {
    let dist = std::env::temp_dir().join(format!("hotspot-favicon-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
    std::fs::write(dist.join("favicon.svg"), "<svg/>").unwrap();
    let s = Sbx::with(Settings {
        dist: Some(dist.clone()),
        ..Default::default()
    })
    .await;
    for path in ["/favicon.ico", "/favicon.svg"] {
        let res = s
            .http
            .get(format!("{}{path}", s.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["content-type"], "image/svg+xml", "{path}");
        assert_eq!(res.text().await.unwrap(), "<svg/>");
    }
}

#[tokio::test]
async fn the_site_serves_the_builds_gzip_files_to_browsers_that_take_gzip() {
    let dist = std::env::temp_dir().join(format!("hotspot-gzip-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
    std::fs::write(dist.join("app_bg.wasm"), b"\0asm plain bytes").unwrap();
    // What the build writes beside each file: its gzip -9 form.
    std::fs::write(dist.join("app_bg.wasm.gz"), b"gzip bytes").unwrap();
    let s = Sbx::with(Settings {
        dist: Some(dist.clone()),
        ..Default::default()
    })
    .await;
    let url = format!("{}/app_bg.wasm", s.base);
    let res = s
        .http
        .get(&url)
        .header("Accept-Encoding", "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "gzip");
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert!(
        res.headers()["vary"]
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("accept-encoding"),
        "caches must keep the two forms apart: {:?}",
        res.headers().get("vary")
    );
    // Stable names (a portal embeds them): always asked again, 304 when unchanged.
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"gzip bytes");
    // A client that does not take gzip gets the file itself.
    let res = s.http.get(&url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"\0asm plain bytes");
    // A file without a gzip form is served as it is, to both.
    let res = s
        .http
        .get(format!("{}/", s.base))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(res.text().await.unwrap(), "<!doctype html>");
}

/// `fault` on the second PATCH only.
fn on_second_patch(fault: Fault) -> FaultSettings {
    FaultSettings {
        queue: vec![QueuedFault {
            fault,
            method: Some("PATCH".into()),
            query: None,
            skip: 1,
            times: 1,
        }],
        ..Default::default()
    }
}

fn queued(fault: Fault, times: u32) -> FaultSettings {
    FaultSettings {
        queue: vec![QueuedFault {
            fault,
            method: None,
            query: None,
            skip: 0,
            times,
        }],
        ..Default::default()
    }
}

#[tokio::test]
async fn status_faults_have_their_shapes() {
    let s = Sbx::start().await;
    let url = s.users_url(DEMO_CONFIG_SMALL);
    s.faults(queued(
        Fault::Status {
            status: 503,
            retry_after: Some(2),
        },
        2,
    ))
    .await;
    for _ in 0..2 {
        let res = s.get(&url).await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers()["retry-after"], "2");
        error_body(res).await;
    }
    assert_eq!(
        s.get(&url).await.status(),
        StatusCode::OK,
        "the queue is used up"
    );
    s.faults(queued(
        Fault::Status {
            status: 429,
            retry_after: Some(1),
        },
        1,
    ))
    .await;
    let res = s.get(&url).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error_body(res).await.error_code, "APIGW.0308");
    s.faults(queued(
        Fault::Status {
            status: 500,
            retry_after: None,
        },
        1,
    ))
    .await;
    assert_eq!(
        s.get(&url).await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    s.faults(queued(Fault::Html { status: 502 }, 1)).await;
    let res = s.get(&url).await;
    assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
    assert!(res.text().await.unwrap().starts_with("<html>"));
    s.faults(queued(Fault::Truncated { status: 500 }, 1)).await;
    let res = s.get(&url).await;
    assert!(
        serde_json::from_str::<Value>(&res.text().await.unwrap()).is_err(),
        "body is cut short"
    );
}

#[tokio::test]
async fn only_matching_methods_and_skips() {
    let s = Sbx::start().await;
    s.faults(on_second_patch(Fault::Status {
        status: 500,
        retry_after: None,
    }))
    .await;
    let add =
        json!({"update_type": "ADD", "non_migrate_users": [{"user_id": "a", "user_name": "b"}]});
    assert_eq!(
        s.get(&s.users_url(DEMO_CONFIG_SMALL)).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        s.patch(DEMO_CONFIG_SMALL, add.clone()).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        s.patch(DEMO_CONFIG_SMALL, add.clone()).await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        s.patch(DEMO_CONFIG_SMALL, add).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn stalls_outlast_a_client_timeout_and_drops_break_the_connection() {
    let s = Sbx::start().await;
    let short = Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    s.faults(queued(Fault::Stall { ms: 1500 }, 1)).await;
    let add = json!({"update_type": "ADD", "non_migrate_users": [{"user_id": "stalled", "user_name": "x"}]});
    let err = short
        .patch(s.users_url(DEMO_CONFIG_SMALL))
        .header("X-Auth-Token", TOKEN)
        .json(&add)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    s.faults(queued(Fault::Drop, 1)).await;
    let sent = s
        .http
        .get(s.users_url(DEMO_CONFIG_SMALL))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await;
    let dropped = match sent {
        Err(e) => e,
        Ok(res) => res
            .bytes()
            .await
            .expect_err("a dropped connection delivers no body"),
    };
    assert!(!dropped.is_timeout());
    assert_eq!(
        s.get(&s.users_url(DEMO_CONFIG_SMALL)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn latency_outlasts_a_short_client_timeout() {
    let s = Sbx::start().await;
    s.faults(FaultSettings {
        latency_ms: 800,
        ..Default::default()
    })
    .await;
    let short = Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = short
        .get(s.users_url(DEMO_CONFIG_SMALL))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout());
}

#[tokio::test]
async fn revoking_a_token_mid_run() {
    let s = Sbx::start().await;
    s.faults(on_second_patch(Fault::RevokeToken {
        token: TOKEN.into(),
    }))
    .await;
    let add =
        json!({"update_type": "ADD", "non_migrate_users": [{"user_id": "a", "user_name": "b"}]});
    assert_eq!(
        s.patch(DEMO_CONFIG_SMALL, add.clone()).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        s.patch(DEMO_CONFIG_SMALL, add).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = s
        .http
        .post(format!("{}/__admin/tokens", s.base))
        .header("X-Admin-Secret", SECRET)
        .json(&json!({"add": "t-new"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = s
        .send(
            Method::GET,
            &s.users_url(DEMO_CONFIG_SMALL),
            Some("t-new"),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn random_failures_repeat_for_a_seed() {
    let statuses = |seed| async move {
        let s = Sbx::with(Settings {
            faults: FaultSettings {
                failure_rate: 0.5,
                seed,
                failure_status: Some(503),
                ..Default::default()
            },
            ..Default::default()
        })
        .await;
        let mut out = Vec::new();
        for _ in 0..24 {
            out.push(
                s.get(&s.users_url(DEMO_CONFIG_SMALL))
                    .await
                    .status()
                    .as_u16(),
            );
        }
        out
    };
    let a = statuses(42).await;
    assert_eq!(a, statuses(42).await);
    assert!(a.contains(&503) && a.contains(&200), "{a:?}");
}

#[tokio::test]
async fn the_admin_endpoint_needs_its_secret() {
    let s = Sbx::start().await;
    let res = s
        .http
        .get(format!("{}/__admin/faults", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = s
        .http
        .get(format!("{}/__admin/faults", s.base))
        .header("X-Admin-Secret", "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (addr, _) = hotspot_users_server::sandbox::spawn(Settings::default())
        .await
        .unwrap();
    let res = s
        .http
        .put(format!("http://{addr}/__admin/faults"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_ne!(
        res.status(),
        StatusCode::NO_CONTENT,
        "disabled without a secret"
    );
}

fn sign_in_body(user: &str, password: &str, totp: Option<(&str, &str)>) -> Value {
    let mut identity = json!({"methods": ["password"], "password": {"user": {
        "domain": {"name": iam::DEMO_ACCOUNT}, "name": user, "password": password}}});
    if let Some((id, code)) = totp {
        identity["methods"] = json!(["password", "totp"]);
        identity["totp"] = json!({"user": {"id": id, "passcode": code}});
    }
    json!({"auth": {"identity": identity, "scope": {"project": {"name": "cn-north-4"}}}})
}

#[tokio::test]
async fn iam_sign_in_issues_a_token_the_api_accepts() {
    let s = Sbx::start().await;
    let url = format!("{}/v3/auth/tokens?nocatalog=true", s.base);
    let res = s
        .http
        .post(&url)
        .json(&sign_in_body(iam::DEMO_USER, iam::DEMO_PASSWORD, None))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let token = res.headers()["x-subject-token"]
        .to_str()
        .unwrap()
        .to_string();
    let body: TokenBody = res.json().await.unwrap();
    assert_eq!(body.token.project.as_ref().unwrap().id, DEMO_PROJECT);
    assert_eq!(body.token.project.as_ref().unwrap().name, "cn-north-4");
    assert_eq!(body.token.user.name, iam::DEMO_USER);
    assert_eq!(body.token.user.domain.name, iam::DEMO_ACCOUNT);
    assert!(parse_utc_ms(&body.token.expires_at).is_some());
    // The token works on the API, is checked by IAM, and lists its project.
    let page = s
        .send(
            Method::GET,
            &s.users_url(DEMO_CONFIG_SMALL),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let check = s
        .http
        .get(format!("{}/v3/auth/tokens", s.base))
        .header("X-Auth-Token", &token)
        .header("X-Subject-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(check.status(), StatusCode::OK);
    let checked: TokenBody = check.json().await.unwrap();
    assert_eq!(checked.token.user.name, iam::DEMO_USER);
    let projects: ProjectsBody = common::json(
        s.http
            .get(format!("{}/v3/auth/projects", s.base))
            .header("X-Auth-Token", &token),
    )
    .await;
    assert_eq!(projects.projects[0].id, DEMO_PROJECT);
}

#[tokio::test]
async fn iam_refusals_have_iam_s_shape() {
    let s = Sbx::start().await;
    let url = format!("{}/v3/auth/tokens", s.base);
    let post = |body: Value| s.http.post(&url).json(&body).send();
    let wrong = post(sign_in_body(iam::DEMO_USER, "nope", None))
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(
        body["error"]["message"],
        "The username or password is wrong."
    );
    assert_eq!(body["error"]["code"], 401);
    let decoded = ApiError::decode(401, None, None, body.to_string().as_bytes());
    assert_eq!(
        decoded.raw_message.as_deref(),
        Some("The username or password is wrong.")
    );
    // The MFA user needs the code.
    let no_code = post(sign_in_body(iam::DEMO_MFA_USER, iam::DEMO_PASSWORD, None))
        .await
        .unwrap();
    assert_eq!(no_code.status(), StatusCode::UNAUTHORIZED);
    let bad_code = post(sign_in_body(
        iam::DEMO_MFA_USER,
        iam::DEMO_PASSWORD,
        Some((iam::DEMO_MFA_USER_ID, "000000")),
    ))
    .await
    .unwrap();
    assert_eq!(bad_code.status(), StatusCode::UNAUTHORIZED);
    let ok = post(sign_in_body(
        iam::DEMO_MFA_USER,
        iam::DEMO_PASSWORD,
        Some((iam::DEMO_MFA_USER_ID, iam::DEMO_MFA_CODE)),
    ))
    .await
    .unwrap();
    assert_eq!(ok.status(), StatusCode::CREATED);
    // A check without a valid token, and of an unknown one.
    let check = |auth: &str, subject: &str| {
        s.http
            .get(&url)
            .header("X-Auth-Token", auth)
            .header("X-Subject-Token", subject)
            .send()
    };
    assert_eq!(
        check("nope", TOKEN).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        check(TOKEN, "nope").await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(check(TOKEN, TOKEN).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn the_whole_list_read_answers_every_user_as_one_page_unless_turned_off() {
    let sbx = Sbx::start().await;
    let info: ServerInfo = sbx
        .get_json(&format!("{}{SERVER_INFO_PATH}", sbx.base))
        .await;
    assert!(info.whole_lists);
    let whole_url = |base: &str, config: &str| {
        format!(
            "{base}/hotspot-users-server/v1/{DEMO_PROJECT}/hotspot-session-config/{config}/non-migration-users"
        )
    };
    let whole: ListNonMigrationUsersResponse =
        sbx.get_json(&whole_url(&sbx.base, DEMO_CONFIG_LARGE)).await;
    assert_eq!(whole.total_count, Some(DEMO_LARGE_USERS as u32));
    assert_eq!(whole.non_migrate_users.len(), DEMO_LARGE_USERS);
    let first: ListNonMigrationUsersResponse = sbx
        .get_json(&format!(
            "{}?offset=0&limit=100",
            sbx.users_url(DEMO_CONFIG_LARGE)
        ))
        .await;
    assert_eq!(whole.non_migrate_users[..100], first.non_migrate_users[..]);
    // Behind the same token check, and for configurations that exist.
    let res = sbx
        .send(
            Method::GET,
            &whole_url(&sbx.base, DEMO_CONFIG_LARGE),
            None,
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = sbx
        .get(&whole_url(&sbx.base, "0123456789abcdef0123456789abcdef"))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Turned off: not offered, and not answered.
    let off = Sbx::with(Settings {
        no_whole_lists: true,
        ..Settings::default()
    })
    .await;
    let info: ServerInfo = off
        .get_json(&format!("{}{SERVER_INFO_PATH}", off.base))
        .await;
    assert!(!info.whole_lists);
    let res = off.get(&whole_url(&off.base, DEMO_CONFIG_LARGE)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(res).await.error_code, "APIGW.0101");
}
