//! The five `hotspot-session-config` operations at their exact paths.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch};
use axum::{Json, Router};
use hotspot_users::model::endpoints::WHOLE_LIST_ROUTE;
use hotspot_users::model::{
    ids, ListHotspotSessionConfigResponse, ListNonMigrationUsersResponse,
    UpdateHotspotSessionConfigResponse, UpdateNonMigrationUsersRequest, UserInfo,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::sandbox::error::SandboxError;
use crate::sandbox::store::validate_users;
use crate::sandbox::{gate, AppState};

type Result<T> = std::result::Result<T, SandboxError>;

impl From<std::io::Error> for SandboxError {
    fn from(e: std::io::Error) -> Self {
        SandboxError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "WKS.00210500",
            msg: format!("The state could not be saved: {e}"),
        }
    }
}

/// The API router, behind faults and the token check.
pub fn routes(state: AppState) -> Router {
    let not_allowed = || async { SandboxError::method_not_allowed() };
    let router = Router::new()
        .route(
            "/v1/{project_id}/hotspot-session-config",
            get(list_configs).post(create_config).fallback(not_allowed),
        )
        .route(
            "/v1/{project_id}/hotspot-session-config/{config_id}",
            patch(update_config).fallback(not_allowed),
        )
        .route(
            "/v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users",
            get(list_users).patch(update_users).fallback(not_allowed),
        );
    // The console's whole-list read, as the gateway answers it: behind the
    // same faults, latency and token check as the API.
    let router = if state.settings.no_whole_lists {
        router
    } else {
        router.route(WHOLE_LIST_ROUTE, get(list_whole).fallback(not_allowed))
    };
    gate::api_layers(router, state)
}

/// 404 for a path under `/v1/` that is no operation, as the gateway answers.
pub async fn unknown_api() -> Response {
    let body = hotspot_users::model::ServiceErrorBody {
        error_code: "APIGW.0101".into(),
        error_msg: "The API does not exist or has not been published in the environment".into(),
        request_id: None,
    };
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

fn segment(field: ids::Field, value: &str) -> Result<()> {
    ids::validate(field, value)
        .map(drop)
        .map_err(|e| SandboxError::invalid(e.message()))
}

/// Checks the path's project id and, when given, configuration id.
pub(crate) fn ids_ok(project: &str, config: Option<&str>) -> Result<()> {
    segment(ids::Field::ProjectId, project)?;
    config.map_or(Ok(()), |c| segment(ids::Field::ConfigId, c))
}

/// `offset`: a whole number >= 0, 0 when absent.
pub(crate) fn offset(q: &HashMap<String, String>) -> Result<usize> {
    match q.get("offset") {
        None => Ok(0),
        Some(v) => v.parse::<usize>().map_err(|_| {
            SandboxError::invalid(format!("offset must be a whole number >= 0, not '{v}'."))
        }),
    }
}

/// `limit`: 1..=`max`, `None` when absent.
pub(crate) fn limit(q: &HashMap<String, String>, max: usize) -> Result<Option<usize>> {
    match q.get("limit") {
        None => Ok(None),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(Some(n)),
            _ => Err(SandboxError::invalid(format!(
                "limit must be between 1 and {max}, not '{v}'."
            ))),
        },
    }
}

/// `offset` (>= 0, default 0) and `limit` (1..=100, default 10).
fn paging(q: &HashMap<String, String>) -> Result<(usize, usize)> {
    Ok((offset(q)?, limit(q, 100)?.unwrap_or(10)))
}

fn json_body<T: DeserializeOwned>(body: &Bytes) -> Result<T> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| SandboxError::invalid(format!("The request body is not valid JSON: {e}.")))?;
    serde_json::from_value(value)
        .map_err(|e| SandboxError::invalid(format!("The request body is invalid: {e}.")))
}

async fn list_users(
    State(state): State<AppState>,
    Path((project, config)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<ListNonMigrationUsersResponse>> {
    ids_ok(&project, Some(&config))?;
    let (offset, limit) = paging(&q)?;
    let name = q
        .get("user_name")
        .map(String::as_str)
        .filter(|n| !n.is_empty());
    if name.is_some_and(|n| n.chars().count() > ids::MAX_LEN) {
        return Err(SandboxError::invalid(
            "user_name must be at most 128 characters.",
        ));
    }
    let (total, users) = state
        .store
        .lock()
        .expect("store lock")
        .list_users(&project, &config, name, offset, limit)?;
    Ok(Json(ListNonMigrationUsersResponse {
        total_count: Some(total as u32),
        non_migrate_users: users,
    }))
}

/// Every user of a configuration in one answer, shaped like a page of
/// `GET .../non-migration-users` (`total_count` is the number of users).
async fn list_whole(
    State(state): State<AppState>,
    Path((project, config)): Path<(String, String)>,
) -> Result<Json<ListNonMigrationUsersResponse>> {
    ids_ok(&project, Some(&config))?;
    let (total, users) = state.store.lock().expect("store lock").list_users(
        &project,
        &config,
        None,
        0,
        usize::MAX,
    )?;
    Ok(Json(ListNonMigrationUsersResponse {
        total_count: Some(total as u32),
        non_migrate_users: users,
    }))
}

async fn update_users(
    State(state): State<AppState>,
    Path((project, config)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response> {
    ids_ok(&project, Some(&config))?;
    let req: UpdateNonMigrationUsersRequest = json_body(&body)?;
    let users = validate_users(&req.non_migrate_users)?;
    let entry = crate::sandbox::JournalEntry {
        project: project.clone(),
        config: config.clone(),
        update_type: req.update_type,
        users: users.clone(),
    };
    state.mutate_logged(Some(entry), |s| {
        s.update_users(&project, &config, req.update_type, users)
    })?;
    Ok((
        StatusCode::OK,
        [("content-type", "application/json")],
        "null",
    )
        .into_response())
}

async fn list_configs(
    State(state): State<AppState>,
    Path(project): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<ListHotspotSessionConfigResponse>> {
    ids_ok(&project, None)?;
    let (offset, limit) = paging(&q)?;
    let items = state
        .store
        .lock()
        .expect("store lock")
        .list_configs(&project, offset, limit)?;
    Ok(Json(ListHotspotSessionConfigResponse { items }))
}

/// `hotspot_session_migration_enable`, required in both config bodies.
const ENABLE: &str = "hotspot_session_migration_enable";
/// `hotspot_exit_session_num`, required in both config bodies.
const EXIT_NUM: &str = "hotspot_exit_session_num";
/// `non_migrate_users`, optional in the create body.
const USERS: &str = "non_migrate_users";
/// The most sessions `hotspot_exit_session_num` may name.
const MAX_EXIT_NUM: u64 = 100;

/// A JSON value for a message: as written when short, else its kind, so
/// that `error_msg` stays within its 255 characters.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 40 {
        return text;
    }
    match value {
        Value::String(s) => format!("a string of {} characters", s.chars().count()),
        Value::Array(a) => format!("an array of {} items", a.len()),
        Value::Object(_) => "an object".into(),
        _ => "a number".into(),
    }
}

/// The body of a config POST or PATCH: a JSON object.
fn object_body(body: &Bytes) -> Result<Map<String, Value>> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| SandboxError::invalid(format!("The request body is not valid JSON: {e}.")))?;
    match value {
        Value::Object(fields) => Ok(fields),
        other => Err(SandboxError::invalid(format!(
            "The request body must be a JSON object, not {}.",
            shown(&other)
        ))),
    }
}

fn required<'a>(fields: &'a Map<String, Value>, name: &str) -> Result<&'a Value> {
    fields
        .get(name)
        .ok_or_else(|| SandboxError::invalid(format!("{name} is required.")))
}

/// `hotspot_exit_session_num`: a whole number in 0..=100.
fn exit_num(value: &Value) -> Result<u32> {
    let Value::Number(n) = value else {
        return Err(SandboxError::invalid(format!(
            "{EXIT_NUM} must be a whole number between 0 and {MAX_EXIT_NUM}, not {}.",
            shown(value)
        )));
    };
    match (n.as_u64(), n.is_i64()) {
        (Some(k), _) if k <= MAX_EXIT_NUM => Ok(k as u32),
        (Some(_), _) | (None, true) => Err(SandboxError::invalid(format!(
            "{EXIT_NUM} must be between 0 and {MAX_EXIT_NUM}, not {n}."
        ))),
        (None, false) => Err(SandboxError::invalid(format!(
            "{EXIT_NUM} must be a whole number between 0 and {MAX_EXIT_NUM}, not {}.",
            shown(value)
        ))),
    }
}

/// The two scalars both config bodies require: (enable, exit num).
fn config_scalars(fields: &Map<String, Value>) -> Result<(bool, u32)> {
    let enable = match required(fields, ENABLE)? {
        Value::Bool(b) => *b,
        other => {
            return Err(SandboxError::invalid(format!(
                "{ENABLE} must be true or false, not {}.",
                shown(other)
            )))
        }
    };
    Ok((enable, exit_num(required(fields, EXIT_NUM)?)?))
}

/// The create body's optional `non_migrate_users`, each entry an object
/// whose `user_id` and `user_name` are strings when present.
fn initial_users(fields: &Map<String, Value>) -> Result<Vec<UserInfo>> {
    let Some(value) = fields.get(USERS) else {
        return Ok(Vec::new());
    };
    let Value::Array(items) = value else {
        return Err(SandboxError::invalid(format!(
            "{USERS} must be an array of users, not {}.",
            shown(value)
        )));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let Value::Object(user) = item else {
                return Err(SandboxError::invalid(format!(
                    "{USERS}[{i}] must be an object with user_id and user_name, not {}.",
                    shown(item)
                )));
            };
            let text = |key: &str| match user.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(SandboxError::invalid(format!(
                    "{USERS}[{i}].{key} must be a string, not {}.",
                    shown(other)
                ))),
            };
            Ok(UserInfo {
                user_id: text("user_id")?,
                user_name: text("user_name")?,
            })
        })
        .collect()
}

async fn create_config(
    State(state): State<AppState>,
    Path(project): Path<String>,
    body: Bytes,
) -> Result<Response> {
    ids_ok(&project, None)?;
    let fields = object_body(&body)?;
    let (enable, n) = config_scalars(&fields)?;
    let users = validate_users(&initial_users(&fields)?)?;
    let id = state.mutate(|s| s.create_config(&project, enable, n, users))?;
    let mut view = state
        .store
        .lock()
        .expect("store lock")
        .view(&project, &id)?;
    // The vendor's `CreateHotspotSessionConfigResp` has no `project_id`
    // (the list's items do): the created config without it.
    view.project_id = None;
    Ok(Json(view).into_response())
}

async fn update_config(
    State(state): State<AppState>,
    Path((project, config)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<UpdateHotspotSessionConfigResponse>> {
    ids_ok(&project, Some(&config))?;
    // Only the two scalars count; anything else in the body (users
    // included) is ignored, as serde ignores unknown fields elsewhere.
    let (enable, n) = config_scalars(&object_body(&body)?)?;
    state.mutate(|s| s.update_config(&project, &config, enable, n))?;
    Ok(Json(UpdateHotspotSessionConfigResponse {
        id: config,
        hotspot_session_migration_enable: enable,
        hotspot_exit_session_num: n,
    }))
}
