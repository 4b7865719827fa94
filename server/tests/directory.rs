//! The Workspace user directory (`GET /v2/{project_id}/users`) of a sandbox
//! in-process on an ephemeral port, checked over real HTTP: paging and
//! counts, both ways of matching names, refusals, faults, the seeded facts
//! the console's tests rely on, and persistence.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use hotspot_users::model::directory::{DirectoryUser, ListDirectoryUsersResponse};
use hotspot_users::model::ServiceErrorBody;
use hotspot_users_server::sandbox::faults::{Fault, FaultSettings, QueuedFault};
use hotspot_users_server::sandbox::seed::{
    demo_ambiguous_names, demo_case_twins, demo_renamed, demo_stale_ids, DEMO_CONFIG_LARGE,
    DEMO_CONFIG_SMALL, DEMO_DIRECTORY_USERS, DEMO_LARGE_USERS, DEMO_PROJECT,
};
use hotspot_users_server::sandbox::Settings;
use reqwest::{Response, StatusCode};
use serde_json::Value;

use common::{Sbx, TOKEN};

impl Sbx {
    fn url(&self, project: &str, query: &str) -> String {
        format!("{}/v2/{project}/users?{query}", self.base)
    }

    async fn get(&self, query: &str, token: Option<&str>) -> Response {
        let mut req = self.http.get(self.url(DEMO_PROJECT, query));
        if let Some(t) = token {
            req = req.header("X-Auth-Token", t);
        }
        req.send().await.expect("a response")
    }

    /// One answer, decoded with the console's own type.
    async fn list(&self, query: &str) -> ListDirectoryUsersResponse {
        let res = self.get(query, Some(TOKEN)).await;
        assert_eq!(res.status(), StatusCode::OK, "{query}");
        res.json().await.expect("a ListUsers body")
    }

    async fn everyone(&self) -> Vec<DirectoryUser> {
        let all = self.list("").await;
        assert_eq!(all.total_count as usize, all.users.len());
        all.users
    }
}

async fn error_body(res: Response, status: StatusCode) -> ServiceErrorBody {
    assert_eq!(res.status(), status);
    let body: ServiceErrorBody = res.json().await.expect("a service-shaped error");
    assert!(!body.error_msg.is_empty());
    body
}

fn names(users: &[DirectoryUser]) -> Vec<&str> {
    users.iter().map(|u| u.user_name.as_str()).collect()
}

#[tokio::test]
async fn pages_and_counts() {
    let s = Sbx::start().await;
    let all = s.everyone().await;
    assert_eq!(all.len(), DEMO_DIRECTORY_USERS, "no limit: every match");
    assert!(
        all.windows(2)
            .all(|w| (&w[0].user_name, &w[0].id) < (&w[1].user_name, &w[1].id)),
        "ordered by name, then id"
    );
    let mut paged = Vec::new();
    for offset in (0..DEMO_DIRECTORY_USERS).step_by(1000) {
        let page = s.list(&format!("offset={offset}&limit=1000")).await;
        assert_eq!(page.total_count as usize, DEMO_DIRECTORY_USERS);
        paged.extend(page.users);
    }
    assert_eq!(paged, all, "pages put together are the whole list");
    let tail = s.list("offset=4990&limit=100").await;
    assert_eq!((tail.total_count, tail.users.len()), (5000, 10));
    assert!(s.list("offset=9999").await.users.is_empty());
    for bad in ["limit=0", "limit=1001", "limit=x", "offset=-1"] {
        let body = error_body(s.get(bad, Some(TOKEN)).await, StatusCode::BAD_REQUEST).await;
        assert_eq!(body.error_code, "WKS.00211102");
        assert!(body.error_msg.contains(bad.split('=').next().unwrap()));
    }
    let long = "n".repeat(256);
    let res = s.get(&format!("user_name={long}"), Some(TOKEN)).await;
    assert!(error_body(res, StatusCode::BAD_REQUEST)
        .await
        .error_msg
        .contains("user_name"));
}

#[tokio::test]
async fn names_match_as_case_insensitive_substrings_by_default() {
    let s = Sbx::start().await;
    let all = s.everyone().await;
    let (name, twin) = &demo_case_twins()[0];
    let found = s
        .list(&format!("user_name={}&limit=1000", name.to_uppercase()))
        .await;
    let expected: Vec<_> = all
        .iter()
        .filter(|u| u.user_name.to_lowercase().contains(&name.to_lowercase()))
        .collect();
    assert_eq!(found.total_count as usize, expected.len());
    assert!(names(&found.users).contains(&name.as_str()));
    assert!(names(&found.users).contains(&twin.as_str()));
    let wang_wei = s.list("user_name=王伟").await;
    assert!(wang_wei.total_count > 2, "王伟 is in 王伟12 too");
    assert!(wang_wei.users.iter().all(|u| u.user_name.contains("王伟")));
    let finance = s.list("description=FINANCE&user_name=a").await;
    let expected = all
        .iter()
        .filter(|u| {
            u.description.to_lowercase().contains("finance")
                && u.user_name.to_lowercase().contains('a')
        })
        .count();
    assert!(expected > 0);
    assert_eq!(finance.total_count as usize, expected);
    let grouped = s.list("group_name=DomainUsers&limit=5").await;
    assert_eq!(
        grouped.total_count as usize, DEMO_DIRECTORY_USERS,
        "group_name is ignored"
    );
}

#[tokio::test]
async fn exact_mode_compares_names_exactly() {
    let s = Sbx::with(Settings {
        directory_exact_names: true,
        ..Default::default()
    })
    .await;
    for name in demo_ambiguous_names() {
        let found = s.list(&format!("user_name={name}")).await;
        assert_eq!(names(&found.users), [name.as_str(), name.as_str()]);
        assert_ne!(found.users[0].id, found.users[1].id);
    }
    for (name, twin) in demo_case_twins() {
        assert_eq!(
            names(&s.list(&format!("user_name={name}")).await.users),
            [&name]
        );
        assert_eq!(
            names(&s.list(&format!("user_name={twin}")).await.users),
            [&twin]
        );
        let shouted = s.list(&format!("user_name={}", name.to_uppercase())).await;
        assert_eq!(shouted.total_count, 0, "case counts");
    }
    let part = s.list("user_name=alice").await;
    assert_eq!(part.total_count, 0, "no substrings");
}

#[tokio::test]
async fn unknown_projects_404_and_other_methods_405() {
    let s = Sbx::start().await;
    let res = s
        .http
        .get(s.url("0000aaaa", "limit=1"))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap();
    let body = error_body(res, StatusCode::NOT_FOUND).await;
    assert_eq!(body.error_code, "WKS.00210404");
    let res = s
        .http
        .post(s.url(DEMO_PROJECT, ""))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap();
    error_body(res, StatusCode::METHOD_NOT_ALLOWED).await;
}

#[tokio::test]
async fn tokens_missing_unknown_or_expired_get_a_gateway_401() {
    let s = Sbx::start().await;
    for (token, needle) in [
        (None, "not found"),
        (Some("nope"), "verify"),
        (Some("t-expired"), "expires"),
    ] {
        let res = s.get("limit=1", token).await;
        let header_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
        let body = error_body(res, StatusCode::UNAUTHORIZED).await;
        assert_eq!(body.error_code, "APIGW.0301");
        assert!(body.error_msg.contains(needle), "{}", body.error_msg);
        assert_eq!(body.request_id.as_deref(), Some(header_id.as_str()));
    }
}

#[tokio::test]
async fn a_queued_fault_hits_name_searches() {
    let fault = QueuedFault {
        fault: Fault::Status {
            status: 503,
            retry_after: Some(1),
        },
        method: None,
        query: Some("user_name=".into()),
        skip: 0,
        times: 1,
    };
    let s = Sbx::with(Settings {
        faults: FaultSettings {
            queue: vec![fault],
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    assert_eq!(
        s.get("limit=1", Some(TOKEN)).await.status(),
        StatusCode::OK,
        "not a name search"
    );
    let res = s.get("user_name=li&limit=1", Some(TOKEN)).await;
    assert_eq!(res.headers()["retry-after"], "1");
    error_body(res, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(
        s.get("user_name=li&limit=1", Some(TOKEN)).await.status(),
        StatusCode::OK,
        "the queue is used up"
    );
}

#[tokio::test]
async fn the_seeded_facts_hold_against_the_configurations() {
    let s = Sbx::start().await;
    let all = s.everyone().await;
    let by_id: BTreeMap<_, _> = all.iter().map(|u| (u.id.as_str(), u)).collect();
    let large = s.all_users(DEMO_CONFIG_LARGE).await;
    assert_eq!(large.len(), DEMO_LARGE_USERS);
    let stale: BTreeSet<_> = large
        .iter()
        .filter(|(id, _)| !by_id.contains_key(id.as_str()))
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(stale, demo_stale_ids().into_iter().collect());
    assert_eq!(stale.len(), 4);
    let renamed: BTreeSet<_> = large
        .iter()
        .filter_map(|(id, name)| {
            let now = &by_id.get(id.as_str())?.user_name;
            (now != name).then(|| (id.clone(), name.clone(), now.clone()))
        })
        .collect();
    assert_eq!(renamed, demo_renamed().into_iter().collect());
    assert_eq!(renamed.len(), 3);
    for (id, name) in s.all_users(DEMO_CONFIG_SMALL).await {
        assert_eq!(by_id[id.as_str()].user_name, name, "small config unchanged");
    }
    let mut count: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for u in &all {
        count.entry(&u.user_name).or_default().insert(&u.id);
    }
    let shared: Vec<_> = count.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert_eq!(shared.len(), demo_ambiguous_names().len());
    assert!(shared.len() >= 2);
    for (name, ids) in shared {
        assert!(demo_ambiguous_names().contains(&name.to_string()));
        assert_eq!(ids.len(), 2);
    }
    assert!(all.iter().any(|u| u.disabled) && all.iter().any(|u| u.locked));
    assert!(all
        .iter()
        .any(|u| u.user_name.chars().any(|c| c > '\u{2e80}')));
}

fn temp_state(tag: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("sandbox-directory-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    (dir, file)
}

fn edit_state(file: &Path, change: impl FnOnce(&mut Value)) {
    let mut state: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    change(&mut state);
    std::fs::write(file, serde_json::to_vec(&state).unwrap()).unwrap();
}

#[tokio::test]
async fn the_directory_is_kept_in_the_state_file() {
    let (dir, file) = temp_state("persist");
    let settings = Settings {
        state_file: Some(file.clone()),
        ..Default::default()
    };
    let first = Sbx::with(settings.clone()).await.everyone().await;
    assert_eq!(first.len(), DEMO_DIRECTORY_USERS);
    // A change made to the file shows: the directory is loaded, not seeded again.
    edit_state(&file, |s| {
        s["directory"][DEMO_PROJECT][0]["user_name"] = "edited.in.file".into()
    });
    let again = Sbx::with(settings.clone()).await;
    let edited = again.list("user_name=edited.in.file").await;
    assert_eq!(edited.users.len(), 1);
    assert_eq!(edited.users[0].id, first[0].id);
    // A state file from before directories loads, and gets the demo directory.
    edit_state(&file, |s| {
        s.as_object_mut().unwrap().remove("directory");
    });
    let old = Sbx::with(settings).await;
    assert_eq!(old.everyone().await, first);
    assert_eq!(old.all_users(DEMO_CONFIG_SMALL).await.len(), 5);
    let saved: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert!(saved["directory"][DEMO_PROJECT].is_array(), "saved at once");
    std::fs::remove_dir_all(&dir).unwrap();
}
