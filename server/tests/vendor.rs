//! The vendor as the oracle: the sandbox's answers checked against Huawei
//! Cloud's own OpenAPI documents, one JSON file per operation, published on
//! crates.io as `huawei-cloud-api-definitions-Workspace`, `-WorkspaceApp`
//! and `-IAM`. All are dev-dependencies of this crate, so cargo fetches them with the rest
//! (on CI too); the test finds their folder with `cargo metadata` (the
//! package's `manifest_path`) and reads `src/<Operation>.json` there.
//!
//! A field the sandbox sends must be in the document's response schema with
//! a compatible type (and, for strings, within its lengths, enum and
//! pattern); a field the document requires must be there. Integer bounds are
//! not checked: the documents' are copies of string lengths
//! (`total_desktops` 1..=55) that the vendor's own examples break.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use hotspot_users::model::{CreateHotspotSessionConfigRequest, UserInfo};
use hotspot_users_server::sandbox::iam;
use hotspot_users_server::sandbox::seed::{DEMO_DIRECTORY_USERS, DEMO_PROJECT};
use hotspot_users_server::sandbox::Settings;
use reqwest::{Client, Response};
use serde_json::{json, Value};

const TOKEN: &str = "t-vendor";
const WORKSPACE: &str = "huawei-cloud-api-definitions-Workspace";
const WORKSPACE_APP: &str = "huawei-cloud-api-definitions-WorkspaceApp";
const IAM: &str = "huawei-cloud-api-definitions-IAM";

/// `cargo metadata` of this crate, run once.
fn metadata() -> &'static Value {
    static META: OnceLock<Value> = OnceLock::new();
    META.get_or_init(|| {
        let out = Command::new(env!("CARGO"))
            .args(["metadata", "--format-version", "1", "--manifest-path"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "cargo metadata: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("cargo metadata's JSON")
    })
}

/// The folder of a package of this crate's dependency graph.
fn package_dir(name: &str) -> PathBuf {
    let packages = metadata()["packages"].as_array().expect("packages");
    let manifest = packages
        .iter()
        .find(|p| p["name"] == name)
        .and_then(|p| p["manifest_path"].as_str())
        .unwrap_or_else(|| panic!("{name} is a dev-dependency of this crate"));
    Path::new(manifest)
        .parent()
        .expect("a folder")
        .to_path_buf()
}

/// One operation's document.
struct Doc {
    root: Value,
    path: String,
    method: String,
}

impl Doc {
    fn load(package: &str, operation: &str) -> Self {
        let file = package_dir(package)
            .join("src")
            .join(format!("{operation}.json"));
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let root: Value = serde_json::from_slice(&bytes).expect("the document is JSON");
        let (path, item) = root["paths"]
            .as_object()
            .and_then(|p| p.iter().next())
            .expect("one path");
        let method = item
            .as_object()
            .and_then(|m| m.keys().next())
            .expect("one method");
        Doc {
            path: path.clone(),
            method: method.clone(),
            root: root.clone(),
        }
    }

    fn operation(&self) -> &Value {
        &self.root["paths"][&self.path][&self.method]
    }

    fn response(&self, status: u16) -> &Value {
        &self.operation()["responses"][status.to_string()]
    }

    /// The schema of the `in: body` parameter, `$ref` followed.
    fn request(&self) -> &Value {
        let body = self.operation()["parameters"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["in"] == "body"))
            .expect("a body parameter");
        self.resolve(&body["schema"])
    }

    /// `schema` with its `$ref` (`#/definitions/X`) followed.
    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema["$ref"].as_str() {
            Some(r) => {
                let name = r.strip_prefix("#/definitions/").expect("a local $ref");
                self.resolve(&self.root["definitions"][name])
            }
            None => schema,
        }
    }

    /// Where `value` breaks `schema` (none when it conforms).
    fn problems(&self, schema: &Value, value: &Value) -> Vec<String> {
        let mut out = Vec::new();
        self.check(schema, value, "$", &mut out);
        out
    }

    fn check(&self, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
        let schema = self.resolve(schema);
        let kind = schema["type"]
            .as_str()
            .or_else(|| schema.get("properties").map(|_| "object"));
        match kind {
            Some("object") => self.check_object(schema, value, at, out),
            Some("array") => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.check(&schema["items"], item, &format!("{at}[{i}]"), out);
                    }
                }
                None => out.push(format!("{at}: an array in the document, not {value}")),
            },
            Some("string") => check_string(schema, value, at, out),
            Some(t @ ("integer" | "number" | "boolean")) => {
                let ok = match t {
                    "integer" => value.is_i64() || value.is_u64(),
                    "number" => value.is_number(),
                    _ => value.is_boolean(),
                };
                if !ok {
                    out.push(format!("{at}: {t} in the document, not {value}"));
                }
            }
            _ => {}
        }
    }

    fn check_object(&self, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
        let Some(fields) = value.as_object() else {
            return out.push(format!("{at}: an object in the document, not {value}"));
        };
        let properties = &schema["properties"];
        for (name, field) in fields {
            match properties.get(name) {
                Some(s) => self.check(s, field, &format!("{at}.{name}"), out),
                None => out.push(format!("{at}.{name}: not in the document")),
            }
        }
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().expect("a field name");
            if !fields.contains_key(name) {
                out.push(format!("{at}.{name}: required by the document, missing"));
            }
        }
    }
}

fn check_string(schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    let Some(s) = value.as_str() else {
        return out.push(format!("{at}: a string in the document, not {value}"));
    };
    let len = s.chars().count() as u64;
    let min = schema["minLength"].as_u64().unwrap_or(0);
    let max = schema["maxLength"].as_u64().unwrap_or(u64::MAX);
    if !(min..=max).contains(&len) {
        out.push(format!("{at}: {len} characters, not {min}..={max}: {s:?}"));
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.iter().any(|a| a == value) {
            out.push(format!("{at}: {s:?} is none of {allowed:?}"));
        }
    }
    if let Some(pattern) = schema["pattern"].as_str() {
        let re = regress::Regex::new(pattern).expect("the document's pattern compiles");
        if re.find(s).is_none() {
            out.push(format!("{at}: {s:?} does not match {pattern}"));
        }
    }
}

fn assert_conforms(doc: &Doc, status: u16, body: &Value) {
    let schema = &doc.response(status)["schema"];
    assert!(schema.is_object(), "the document describes {status}");
    let problems = doc.problems(schema, body);
    assert!(
        problems.is_empty(),
        "{} {} {status}:\n{}",
        doc.method,
        doc.path,
        problems[..problems.len().min(20)].join("\n")
    );
}

async fn sandbox() -> (String, Client) {
    let (addr, _) = hotspot_users_server::sandbox::spawn(Settings {
        tokens: vec![(TOKEN.into(), None)],
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    (format!("http://{addr}"), Client::new())
}

async fn body(res: Response, status: u16) -> Value {
    assert_eq!(res.status().as_u16(), status);
    res.json().await.expect("a JSON body")
}

#[test]
fn the_checker_passes_the_vendor_s_example_and_catches_strangers() {
    let doc = Doc::load(WORKSPACE, "ListUsers");
    let mut example = doc.response(200)["examples"]["application/json"].clone();
    assert!(doc
        .problems(&doc.response(200)["schema"], &example)
        .is_empty());
    example["users"][0]["nickname"] = json!("al");
    example["users"][0]["locked"] = json!("no");
    example["users"][1]["user_email"] = json!("not an address");
    example["users"][1]["active_type"] = json!("SELF_ACTIVATE");
    example["total_count"] = json!(1.5);
    let problems = doc.problems(&doc.response(200)["schema"], &example);
    assert_eq!(problems.len(), 5, "{problems:#?}");
    let iam = Doc::load(IAM, "KeystoneListAuthProjects");
    let problems = iam.problems(&iam.response(200)["schema"], &json!({"projects": []}));
    assert_eq!(problems, ["$.links: required by the document, missing"]);
}

#[tokio::test]
async fn list_users_answers_as_the_vendor_documents() {
    let doc = Doc::load(WORKSPACE, "ListUsers");
    assert_eq!(
        (doc.method.as_str(), doc.path.as_str()),
        ("get", "/v2/{project_id}/users")
    );
    let documented: Vec<_> = doc.operation()["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for read in ["user_name", "offset", "limit", "description", "group_name"] {
        assert!(documented.contains(&read), "{read} is a documented query");
    }
    let (base, http) = sandbox().await;
    let get = |query: &str| {
        http.get(format!("{base}/v2/{DEMO_PROJECT}/users?{query}"))
            .header("X-Auth-Token", TOKEN)
            .send()
    };
    let all = body(get("").await.unwrap(), 200).await;
    assert_eq!(all["users"].as_array().unwrap().len(), DEMO_DIRECTORY_USERS);
    assert_conforms(&doc, 200, &all);
    assert_conforms(
        &doc,
        200,
        &body(get("user_name=nobody").await.unwrap(), 200).await,
    );
    assert_conforms(&doc, 400, &body(get("limit=0").await.unwrap(), 400).await);
    let unknown = http
        .get(format!("{base}/v2/0000aaaa/users"))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap();
    assert_conforms(&doc, 404, &body(unknown, 404).await);
}

fn sign_in() -> Value {
    json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "domain": {"name": iam::DEMO_ACCOUNT}, "name": iam::DEMO_USER,
        "password": iam::DEMO_PASSWORD}}},
        "scope": {"project": {"name": "cn-north-4"}}}})
}

fn assert_headers(doc: &Doc, status: u16, res: &Response) {
    for name in doc.response(status)["headers"]
        .as_object()
        .into_iter()
        .flatten()
    {
        assert!(
            res.headers().contains_key(name.0.as_str()),
            "{} is sent",
            name.0
        );
    }
}

#[tokio::test]
async fn iam_answers_as_the_vendor_documents() {
    let (base, http) = sandbox().await;
    let doc = Doc::load(IAM, "KeystoneCreateUserTokenByPassword");
    let res = http
        .post(format!("{base}/v3/auth/tokens?nocatalog=true"))
        .json(&sign_in())
        .send()
        .await
        .unwrap();
    assert_headers(&doc, 201, &res);
    let token = res.headers()["x-subject-token"]
        .to_str()
        .unwrap()
        .to_string();
    assert_conforms(&doc, 201, &body(res, 201).await);
    let doc = Doc::load(IAM, "KeystoneValidateToken");
    let res = http
        .get(format!("{base}/v3/auth/tokens?nocatalog=true"))
        .header("X-Auth-Token", &token)
        .header("X-Subject-Token", &token)
        .send()
        .await
        .unwrap();
    assert_conforms(&doc, 200, &body(res, 200).await);
    let doc = Doc::load(IAM, "KeystoneListAuthProjects");
    let res = http
        .get(format!("{base}/v3/auth/projects"))
        .header("X-Auth-Token", &token)
        .send()
        .await
        .unwrap();
    assert_conforms(&doc, 200, &body(res, 200).await);
}

/// `POST /v1/{project_id}/hotspot-session-config`: the console's body
/// against the document's request schema, the sandbox's rules against the
/// document's bounds, and the sandbox's 200 and 400 against its responses.
///
/// `UpdateHotspotSessionConfig` (`PATCH .../hotspot-session-config/{config_id}`)
/// and `UpdateNonMigrationUsers` are not in the vendor's crate (see the
/// API contract): their shapes are checked by tests/settings.rs and
/// tests/contract.rs against the contract only.
#[tokio::test]
async fn create_config_answers_as_the_vendor_documents() {
    let doc = Doc::load(WORKSPACE_APP, "CreateHotspotSessionConfig");
    assert_eq!(
        (doc.method.as_str(), doc.path.as_str()),
        ("post", "/v1/{project_id}/hotspot-session-config")
    );
    for absent in ["UpdateHotspotSessionConfig", "UpdateNonMigrationUsers"] {
        let file = package_dir(WORKSPACE_APP)
            .join("src")
            .join(format!("{absent}.json"));
        assert!(
            !file.exists(),
            "{absent} is published now: check the sandbox's PATCH against it"
        );
    }
    // The console's body: the literal one and the model's serialization.
    let request = doc.request();
    let console = json!({"hotspot_session_migration_enable": true, "hotspot_exit_session_num": 3,
        "non_migrate_users": [{"user_id": "u1", "user_name": "a"}]});
    let typed = |users: Vec<UserInfo>| {
        serde_json::to_value(CreateHotspotSessionConfigRequest {
            hotspot_session_migration_enable: true,
            hotspot_exit_session_num: 3,
            non_migrate_users: users,
        })
        .unwrap()
    };
    assert_eq!(typed(vec![UserInfo::new("u1", "a")]), console);
    let example = doc.operation()["x-request-examples-1"].clone();
    for body in [&console, &typed(vec![]), &example] {
        let problems = doc.problems(request, body);
        assert!(problems.is_empty(), "{body}: {problems:#?}");
    }
    let strangers =
        json!({"hotspot_session_migration_enable": "yes", "non_migrate_users": [{"user_id": ""}]});
    assert_eq!(
        doc.problems(request, &strangers).len(),
        3,
        "the checker sees a string switch, an empty id and a missing count"
    );
    // The document's rules are the sandbox's.
    let props = &request["properties"];
    let count = &props["hotspot_exit_session_num"];
    let (min, max) = (count["minimum"].as_i64(), count["maximum"].as_i64());
    assert_eq!((min, max), (Some(0), Some(100)));
    assert_eq!(props["non_migrate_users"]["maxItems"], 1000);
    let mut required: Vec<_> = request["required"]
        .as_array()
        .expect("required fields")
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    required.sort_unstable();
    assert_eq!(
        required,
        [
            "hotspot_exit_session_num",
            "hotspot_session_migration_enable"
        ]
    );
    let (base, http) = sandbox().await;
    let url = format!("{base}/v1/{DEMO_PROJECT}/hotspot-session-config");
    let post = |body: &Value| {
        http.post(&url)
            .header("X-Auth-Token", TOKEN)
            .json(body)
            .send()
    };
    let created = body(post(&console).await.unwrap(), 200).await;
    assert_conforms(&doc, 200, &created);
    assert!(created["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert_eq!(created["non_migrate_users"], console["non_migrate_users"]);
    assert_conforms(&doc, 200, &body(post(&example).await.unwrap(), 200).await);
    // The sandbox's create used to add `project_id`, which the document's
    // response lacks (its list items have it): the checker would say so.
    let mut with_project = created.clone();
    with_project["project_id"] = json!(DEMO_PROJECT);
    assert_eq!(
        doc.problems(&doc.response(200)["schema"], &with_project),
        ["$.project_id: not in the document"]
    );
    for n in [min.unwrap(), max.unwrap()] {
        let edge =
            json!({"hotspot_session_migration_enable": false, "hotspot_exit_session_num": n});
        assert_conforms(&doc, 200, &body(post(&edge).await.unwrap(), 200).await);
    }
    let refused = [
        json!({"hotspot_session_migration_enable": false, "hotspot_exit_session_num": max.unwrap() + 1}),
        json!({"hotspot_session_migration_enable": false, "hotspot_exit_session_num": min.unwrap() - 1}),
        json!({"hotspot_session_migration_enable": false}),
        json!({"hotspot_exit_session_num": 1}),
        json!({"hotspot_session_migration_enable": false, "hotspot_exit_session_num": 1,
            "non_migrate_users": (0..1001).map(|i| json!({"user_id": format!("u{i}")})).collect::<Vec<_>>()}),
    ];
    for bad in refused {
        let res = post(&bad).await.unwrap();
        assert_conforms(&doc, 400, &body(res, 400).await);
    }
    // Every config the sandbox lists, the created ones included, as the
    // list's document describes it.
    let list_doc = Doc::load(WORKSPACE_APP, "ListHotspotSessionConfig");
    let listed = http
        .get(format!("{url}?limit=100"))
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .unwrap();
    let listed = body(listed, 200).await;
    assert!(listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == created["id"] && c["project_id"] == DEMO_PROJECT));
    assert_conforms(&list_doc, 200, &listed);
}
