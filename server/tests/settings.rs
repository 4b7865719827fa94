//! Contract tests of the configuration's create and update operations
//! (`POST /v1/{project_id}/hotspot-session-config` and
//! `PATCH /v1/{project_id}/hotspot-session-config/{config_id}`): a sandbox
//! in-process on an ephemeral port, checked over real HTTP for every rule,
//! status code and body shape, for persistence, the token check and faults.

mod common;

use hotspot_users::model::{
    HotspotSessionMigrationConfig, ListHotspotSessionConfigResponse, ServiceErrorBody,
};
use hotspot_users_server::sandbox::faults::{Fault, FaultSettings, QueuedFault};
use hotspot_users_server::sandbox::seed::{
    DEMO_CONFIG_LARGE, DEMO_CONFIG_SMALL, DEMO_LARGE_USERS, DEMO_PROJECT,
};
use hotspot_users_server::sandbox::Settings;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use common::{users, Sbx, SECRET, TOKEN};

/// The exact refusal of a count of 101 (the console's e2e may show it).
const COUNT_101: &str = "hotspot_exit_session_num must be between 0 and 100, not 101.";
/// The exact refusal of a body without the count.
const COUNT_MISSING: &str = "hotspot_exit_session_num is required.";
/// The exact refusal of a body without the switch.
const ENABLE_MISSING: &str = "hotspot_session_migration_enable is required.";

impl Sbx {
    fn configs_url(&self, project: &str) -> String {
        format!("{}/v1/{project}/hotspot-session-config", self.base)
    }

    fn config_url(&self, project: &str, config: &str) -> String {
        format!("{}/{config}", self.configs_url(project))
    }

    /// `POST` a create body (any text, valid JSON or not) to the demo project.
    async fn create(&self, body: &str) -> Response {
        self.send(
            Method::POST,
            &self.configs_url(DEMO_PROJECT),
            Some(TOKEN),
            Some(body),
        )
        .await
    }

    /// Creates a configuration and returns its id.
    async fn created(&self, body: Value) -> String {
        let res = self.create(&body.to_string()).await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: Value = res.json().await.unwrap();
        body["id"].as_str().expect("an id").to_string()
    }

    /// `PATCH` an update body to a demo project's configuration.
    async fn update(&self, config: &str, body: &str) -> Response {
        self.send(
            Method::PATCH,
            &self.config_url(DEMO_PROJECT, config),
            Some(TOKEN),
            Some(body),
        )
        .await
    }

    /// Every configuration of the demo project.
    async fn configs(&self) -> Vec<HotspotSessionMigrationConfig> {
        let list: ListHotspotSessionConfigResponse = common::json(
            self.http
                .get(format!("{}?limit=100", self.configs_url(DEMO_PROJECT)))
                .header("X-Auth-Token", TOKEN),
        )
        .await;
        list.items
    }

    async fn config(&self, id: &str) -> HotspotSessionMigrationConfig {
        self.configs()
            .await
            .into_iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id} is listed"))
    }
}

async fn error_body(res: Response) -> ServiceErrorBody {
    let body: ServiceErrorBody = res.json().await.expect("service-shaped error body");
    assert!(!body.error_msg.is_empty(), "error_msg is present");
    assert!(body.error_msg.chars().count() <= 255, "{}", body.error_msg);
    body
}

/// A 400 with the invalid-parameter code whose message contains `needle`;
/// returns the message.
async fn expect_400(res: Response, needle: &str) -> String {
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "for '{needle}'");
    let body = error_body(res).await;
    assert_eq!(body.error_code, "WKS.00211102");
    assert!(
        body.error_msg.contains(needle),
        "'{}' lacks '{needle}'",
        body.error_msg
    );
    body.error_msg
}

fn scalars(enable: bool, n: i64) -> String {
    json!({"hotspot_session_migration_enable": enable, "hotspot_exit_session_num": n}).to_string()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(i, n)| (i.to_string(), n.to_string()))
        .collect()
}

#[tokio::test]
async fn create_returns_the_config_which_is_then_listed_with_its_users() {
    let s = Sbx::start().await;
    let before = s.configs().await.len();
    let res = s
        .create(
            r#"{"hotspot_session_migration_enable":true,"hotspot_exit_session_num":3,
                "non_migrate_users":[{"user_id":"u2","user_name":"bob"},{"user_id":"u1","user_name":"alice"},{"user_id":"u3"}]}"#,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().contains_key("x-request-id"));
    let body: Value = res.json().await.unwrap();
    let id = body["id"].as_str().expect("an id").to_string();
    assert!((1..=128).contains(&id.len()), "{id}");
    assert_eq!(
        body,
        json!({"id": id, "hotspot_session_migration_enable": true, "hotspot_exit_session_num": 3,
            "non_migrate_users": [{"user_id": "u1", "user_name": "alice"},
                {"user_id": "u2", "user_name": "bob"}, {"user_id": "u3"}]}),
        "the vendor's response fields, no more"
    );
    let configs = s.configs().await;
    assert_eq!(configs.len(), before + 1);
    let listed = s.config(&id).await;
    assert_eq!(listed.project_id.as_deref(), Some(DEMO_PROJECT));
    assert!(listed.hotspot_session_migration_enable);
    assert_eq!(listed.hotspot_exit_session_num, 3);
    assert_eq!(listed.non_migrate_users.len(), 3);
    assert_eq!(
        s.all_users(&id).await,
        pairs(&[("u1", "alice"), ("u2", "bob"), ("u3", "")])
    );
    // The users are optional; each create gets its own id; 0 and 100 are in range.
    let bare = s
        .created(json!({"hotspot_session_migration_enable": false, "hotspot_exit_session_num": 0}))
        .await;
    let empty = s
        .created(json!({"hotspot_session_migration_enable": false, "hotspot_exit_session_num": 100, "non_migrate_users": []}))
        .await;
    assert!(bare != id && empty != id && bare != empty);
    assert!(s.all_users(&bare).await.is_empty());
    assert_eq!(s.config(&empty).await.hotspot_exit_session_num, 100);
    assert!(!s.config(&bare).await.hotspot_session_migration_enable);
    // The demo configurations are untouched.
    assert_eq!(s.all_users(DEMO_CONFIG_LARGE).await.len(), DEMO_LARGE_USERS);
}

#[tokio::test]
async fn create_takes_up_to_1000_initial_users() {
    let s = Sbx::start().await;
    let id = s
        .created(json!({"hotspot_session_migration_enable": true, "hotspot_exit_session_num": 1, "non_migrate_users": users("m", 1000)}))
        .await;
    assert_eq!(s.all_users(&id).await.len(), 1000);
    assert_eq!(s.config(&id).await.non_migrate_users.len(), 1000);
    let before = s.configs().await.len();
    let too_many = json!({"hotspot_session_migration_enable": true, "hotspot_exit_session_num": 1, "non_migrate_users": users("m", 1001)});
    let msg = expect_400(s.create(&too_many.to_string()).await, "non_migrate_users").await;
    assert_eq!(
        msg,
        "non_migrate_users has 1001 items; at most 1000 are allowed."
    );
    assert_eq!(s.configs().await.len(), before, "nothing was created");
}

#[tokio::test]
async fn a_count_outside_0_to_100_is_refused_naming_the_field_and_the_rule() {
    let s = Sbx::start().await;
    let before = s.configs().await;
    for (n, msg) in [
        (101, COUNT_101.to_string()),
        (
            -1,
            "hotspot_exit_session_num must be between 0 and 100, not -1.".into(),
        ),
        (
            1_000_000,
            "hotspot_exit_session_num must be between 0 and 100, not 1000000.".into(),
        ),
    ] {
        let got = expect_400(s.create(&scalars(true, n)).await, "").await;
        assert_eq!(got, msg, "create with {n}");
        let got = expect_400(s.update(DEMO_CONFIG_SMALL, &scalars(true, n)).await, "").await;
        assert_eq!(got, msg, "update with {n}");
    }
    assert_eq!(s.configs().await, before, "nothing was created or changed");
}

#[tokio::test]
async fn a_missing_required_field_is_named() {
    let s = Sbx::start().await;
    let before = s.configs().await;
    for (body, msg) in [
        (
            r#"{"hotspot_session_migration_enable":true}"#,
            COUNT_MISSING,
        ),
        (
            r#"{"hotspot_session_migration_enable":false,"non_migrate_users":[]}"#,
            COUNT_MISSING,
        ),
        (r#"{"hotspot_exit_session_num":3}"#, ENABLE_MISSING),
        (r#"{}"#, ENABLE_MISSING),
    ] {
        assert_eq!(expect_400(s.create(body).await, "").await, msg, "{body}");
        assert_eq!(
            expect_400(s.update(DEMO_CONFIG_SMALL, body).await, "").await,
            msg,
            "{body}"
        );
    }
    assert_eq!(s.configs().await, before, "nothing was created or changed");
}

#[tokio::test]
async fn wrong_types_and_bodies_are_refused() {
    let s = Sbx::start().await;
    let before = s.configs().await;
    let both = [
        ("{not json", "The request body is not valid JSON"),
        ("", "The request body is not valid JSON"),
        ("[]", "The request body must be a JSON object, not []."),
        ("3", "The request body must be a JSON object, not 3."),
        (
            r#"{"hotspot_session_migration_enable":"true","hotspot_exit_session_num":3}"#,
            r#"hotspot_session_migration_enable must be true or false, not "true"."#,
        ),
        (
            r#"{"hotspot_session_migration_enable":1,"hotspot_exit_session_num":3}"#,
            "hotspot_session_migration_enable must be true or false, not 1.",
        ),
        (
            r#"{"hotspot_session_migration_enable":null,"hotspot_exit_session_num":3}"#,
            "hotspot_session_migration_enable must be true or false, not null.",
        ),
        (
            r#"{"hotspot_session_migration_enable":true,"hotspot_exit_session_num":"3"}"#,
            r#"hotspot_exit_session_num must be a whole number between 0 and 100, not "3"."#,
        ),
        (
            r#"{"hotspot_session_migration_enable":true,"hotspot_exit_session_num":3.5}"#,
            "hotspot_exit_session_num must be a whole number between 0 and 100, not 3.5.",
        ),
        (
            r#"{"hotspot_session_migration_enable":true,"hotspot_exit_session_num":true}"#,
            "hotspot_exit_session_num must be a whole number between 0 and 100, not true.",
        ),
        (
            r#"{"hotspot_session_migration_enable":true,"hotspot_exit_session_num":null}"#,
            "hotspot_exit_session_num must be a whole number between 0 and 100, not null.",
        ),
    ];
    for (body, msg) in both {
        let got = expect_400(s.create(body).await, msg).await;
        assert!(got.starts_with(msg), "create {body}: {got}");
        let got = expect_400(s.update(DEMO_CONFIG_SMALL, body).await, msg).await;
        assert!(got.starts_with(msg), "update {body}: {got}");
    }
    // A long value is described, not echoed: error_msg stays short.
    let long = json!({"hotspot_session_migration_enable": "x".repeat(1000), "hotspot_exit_session_num": 3});
    let got = expect_400(s.create(&long.to_string()).await, "").await;
    assert_eq!(
        got,
        "hotspot_session_migration_enable must be true or false, not a string of 1000 characters."
    );
    let create_only = [
        (
            json!({"non_migrate_users": {"user_id": "u1"}}),
            "non_migrate_users must be an array of users, not {\"user_id\":\"u1\"}.",
        ),
        (
            json!({"non_migrate_users": null}),
            "non_migrate_users must be an array of users, not null.",
        ),
        (
            json!({"non_migrate_users": ["u1"]}),
            "non_migrate_users[0] must be an object with user_id and user_name, not \"u1\".",
        ),
        (
            json!({"non_migrate_users": [{"user_id": "ok"}, {"user_id": 5}]}),
            "non_migrate_users[1].user_id must be a string, not 5.",
        ),
        (
            json!({"non_migrate_users": [{"user_id": "u1", "user_name": ["x"]}]}),
            "non_migrate_users[0].user_name must be a string, not [\"x\"].",
        ),
    ];
    for (mut body, msg) in create_only {
        body["hotspot_session_migration_enable"] = json!(true);
        body["hotspot_exit_session_num"] = json!(3);
        let got = expect_400(s.create(&body.to_string()).await, "").await;
        assert_eq!(got, msg, "{body}");
    }
    assert_eq!(s.configs().await, before, "nothing was created or changed");
}

#[tokio::test]
async fn invalid_initial_user_ids_and_names_are_refused() {
    let s = Sbx::start().await;
    let before = s.configs().await.len();
    let cases = [
        (
            json!([{"user_name": "no id"}]),
            "non_migrate_users[0].user_id is required.",
        ),
        (
            json!([{"user_id": "a"}, {"user_id": "   "}]),
            "non_migrate_users[1]",
        ),
        (json!([{"user_id": ""}]), "non_migrate_users[0]"),
        (json!([{"user_id": "u".repeat(129)}]), "129"),
        (
            json!([{"user_id": "u", "user_name": "n".repeat(129)}]),
            "129",
        ),
        (
            json!([{"user_id": "u", "user_name": ""}]),
            "non_migrate_users[0]",
        ),
        (json!([{"user_id": "a\u{0}b"}]), "non_migrate_users[0]"),
        (
            json!([{"user_id": "a", "user_name": "x\u{200B}y"}]),
            "non_migrate_users[0]",
        ),
    ];
    for (list, needle) in cases {
        let body = json!({"hotspot_session_migration_enable": true, "hotspot_exit_session_num": 3, "non_migrate_users": list});
        expect_400(s.create(&body.to_string()).await, needle).await;
    }
    assert_eq!(s.configs().await.len(), before, "nothing was created");
}

#[tokio::test]
async fn update_changes_only_the_two_scalars() {
    let s = Sbx::start().await;
    let id = s
        .created(json!({"hotspot_session_migration_enable": true, "hotspot_exit_session_num": 3,
            "non_migrate_users": [{"user_id": "u1", "user_name": "alice"}, {"user_id": "u2", "user_name": "bob"}]}))
        .await;
    let users = s.all_users(&id).await;
    let res = s.update(&id, &scalars(false, 100)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().contains_key("x-request-id"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        body,
        json!({"id": id, "hotspot_session_migration_enable": false, "hotspot_exit_session_num": 100})
    );
    let listed = s.config(&id).await;
    assert!(!listed.hotspot_session_migration_enable);
    assert_eq!(listed.hotspot_exit_session_num, 100);
    assert_eq!(s.all_users(&id).await, users, "the users are left alone");
    // Users in a PATCH body are not the operation's: they are ignored.
    let with_users = json!({"hotspot_session_migration_enable": true, "hotspot_exit_session_num": 0,
        "non_migrate_users": [{"user_id": "intruder", "user_name": "x"}]});
    let res = s.update(&id, &with_users.to_string()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(s.all_users(&id).await, users);
    assert_eq!(s.config(&id).await.hotspot_exit_session_num, 0);
    // The same PATCH twice is the same state.
    for _ in 0..2 {
        let res = s.update(DEMO_CONFIG_LARGE, &scalars(false, 7)).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let large = s.config(DEMO_CONFIG_LARGE).await;
    assert_eq!(
        (
            large.hotspot_session_migration_enable,
            large.hotspot_exit_session_num
        ),
        (false, 7)
    );
    assert_eq!(s.all_users(DEMO_CONFIG_LARGE).await.len(), DEMO_LARGE_USERS);
}

#[tokio::test]
async fn unknown_projects_and_configs_404_bad_ids_400_other_methods_405() {
    let s = Sbx::start().await;
    let res = s.update("no-such-config", &scalars(true, 3)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let body = error_body(res).await;
    assert_eq!(body.error_code, "WKS.00210404");
    assert!(
        body.error_msg.contains("no-such-config"),
        "{}",
        body.error_msg
    );
    let elsewhere = s.config_url("other-project", DEMO_CONFIG_SMALL);
    let res = s
        .send(
            Method::PATCH,
            &elsewhere,
            Some(TOKEN),
            Some(&scalars(true, 3)),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(error_body(res).await.error_msg.contains("other-project"));
    let res = s
        .send(
            Method::POST,
            &s.configs_url("other-project"),
            Some(TOKEN),
            Some(&scalars(true, 3)),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_body(res).await.error_code, "WKS.00210404");
    // A path segment longer than 128 characters is an invalid parameter.
    let long = "c".repeat(129);
    expect_400(s.update(&long, &scalars(true, 3)).await, "129").await;
    let res = s
        .send(
            Method::POST,
            &s.configs_url(&"p".repeat(129)),
            Some(TOKEN),
            Some(&scalars(true, 3)),
        )
        .await;
    expect_400(res, "129").await;
    for (method, url) in [
        (
            Method::DELETE,
            s.config_url(DEMO_PROJECT, DEMO_CONFIG_SMALL),
        ),
        (Method::POST, s.config_url(DEMO_PROJECT, DEMO_CONFIG_SMALL)),
        (Method::PUT, s.configs_url(DEMO_PROJECT)),
        (Method::PATCH, s.configs_url(DEMO_PROJECT)),
    ] {
        let res = s
            .send(method.clone(), &url, Some(TOKEN), Some(&scalars(true, 3)))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {url}"
        );
        assert_eq!(error_body(res).await.error_code, "WKS.00210405");
    }
}

#[tokio::test]
async fn create_and_update_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("sandbox-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    let settings = Settings {
        state_file: Some(file.clone()),
        ..Default::default()
    };
    let s = Sbx::with(settings.clone()).await;
    let id = s
        .created(
            json!({"hotspot_session_migration_enable": true, "hotspot_exit_session_num": 42,
            "non_migrate_users": [{"user_id": "kept", "user_name": "across restarts"}]}),
        )
        .await;
    let res = s.update(DEMO_CONFIG_SMALL, &scalars(true, 9)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let small_users = s.all_users(DEMO_CONFIG_SMALL).await;
    assert!(
        !dir.join("state.json.tmp").exists(),
        "no temporary file is left behind"
    );
    let again = Sbx::with(settings).await;
    let created = again.config(&id).await;
    assert!(created.hotspot_session_migration_enable);
    assert_eq!(created.hotspot_exit_session_num, 42);
    assert_eq!(
        again.all_users(&id).await,
        pairs(&[("kept", "across restarts")])
    );
    let small = again.config(DEMO_CONFIG_SMALL).await;
    assert_eq!(
        (
            small.hotspot_session_migration_enable,
            small.hotspot_exit_session_num
        ),
        (true, 9)
    );
    assert_eq!(again.all_users(DEMO_CONFIG_SMALL).await, small_users);
    // A new id after the restart does not reuse the saved one.
    let next = again
        .created(json!({"hotspot_session_migration_enable": false, "hotspot_exit_session_num": 1}))
        .await;
    assert_ne!(next, id);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn tokens_missing_unknown_or_expired_get_a_gateway_401() {
    let s = Sbx::start().await;
    let before = s.configs().await;
    for (token, needle) in [
        (None, "not found"),
        (Some("nope"), "verify"),
        (Some("t-expired"), "expires"),
    ] {
        for (method, url) in [
            (Method::POST, s.configs_url(DEMO_PROJECT)),
            (Method::PATCH, s.config_url(DEMO_PROJECT, DEMO_CONFIG_SMALL)),
        ] {
            let res = s
                .send(method.clone(), &url, token, Some(&scalars(true, 50)))
                .await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{method} {token:?}");
            let header_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
            let body = error_body(res).await;
            assert_eq!(body.error_code, "APIGW.0301");
            assert!(body.error_msg.contains(needle), "{}", body.error_msg);
            assert_eq!(body.request_id.as_deref(), Some(header_id.as_str()));
        }
    }
    // Refused before the body is read: even an invalid one gets the 401.
    let res = s
        .send(Method::POST, &s.configs_url(DEMO_PROJECT), None, Some("{"))
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(s.configs().await, before, "nothing was created or changed");
}

fn on(method: &str, fault: Fault) -> FaultSettings {
    FaultSettings {
        queue: vec![QueuedFault {
            fault,
            method: Some(method.into()),
            query: None,
            skip: 0,
            times: 1,
        }],
        ..Default::default()
    }
}

#[tokio::test]
async fn faults_apply_to_create_and_update() {
    let s = Sbx::start().await;
    let before = s.configs().await;
    let body = json!({"hotspot_session_migration_enable": true, "hotspot_exit_session_num": 5});
    s.faults(on(
        "POST",
        Fault::Status {
            status: 503,
            retry_after: Some(2),
        },
    ))
    .await;
    let res = s.create(&body.to_string()).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.headers()["retry-after"], "2");
    assert_eq!(error_body(res).await.error_code, "WKS.00210500");
    assert_eq!(
        s.configs().await,
        before,
        "a faulted create creates nothing"
    );
    s.faults(on(
        "PATCH",
        Fault::Status {
            status: 500,
            retry_after: None,
        },
    ))
    .await;
    let res = s.update(DEMO_CONFIG_SMALL, &scalars(true, 77)).await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        s.configs().await,
        before,
        "a faulted update changes nothing"
    );
    s.faults(on("POST", Fault::Html { status: 502 })).await;
    let res = s.create(&body.to_string()).await;
    assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
    assert!(res.text().await.unwrap().starts_with("<html>"));
    s.faults(on("PATCH", Fault::Truncated { status: 500 }))
        .await;
    let res = s.update(DEMO_CONFIG_SMALL, &scalars(true, 77)).await;
    assert!(serde_json::from_str::<Value>(&res.text().await.unwrap()).is_err());
    assert_eq!(s.configs().await, before, "no fault let a change through");
    // Each queued fault was used up: the next requests go through.
    let id = s.created(body.clone()).await;
    let res = s.update(&id, &scalars(false, 77)).await;
    assert_eq!(res.status(), StatusCode::OK);
    // A token revoked on the way in gets the 401, and nothing is created.
    s.faults(on(
        "POST",
        Fault::RevokeToken {
            token: TOKEN.into(),
        },
    ))
    .await;
    let res = s.create(&body.to_string()).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_body(res).await.error_code, "APIGW.0301");
    let res = s
        .http
        .post(format!("{}/__admin/tokens", s.base))
        .header("X-Admin-Secret", SECRET)
        .json(&json!({"add": TOKEN}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(s.configs().await.len(), before.len() + 1);
}
