//! IAM's three calls as the sandbox plays them: sign-in with a password
//! (and an MFA code for one demo user), checking a token, and listing the
//! projects a token may use. Tokens issued here are accepted by the API
//! routes like any other; failures have IAM's own error shape. Bodies carry
//! every field IAM's own document requires, also those the console does
//! not read (checked by `tests/vendor.rs`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use hotspot_users::model::endpoints::region;
use hotspot_users::model::iam::{
    format_utc, AuthProject, Domain, ProjectsBody, TokenBody, TokenInfo, TokenProject,
    TokenRequest, TokenUser, PROJECTS_PATH, TOKENS_PATH,
};
use serde_json::{json, Value};

use crate::sandbox::seed::DEMO_PROJECT;
use crate::sandbox::AppState;

/// The demo account (IAM "domain") name.
pub const DEMO_ACCOUNT: &str = "demo-account";
/// The demo IAM user, signing in with a password only.
pub const DEMO_USER: &str = "demo-admin";
/// The demo IAM user that uses MFA.
pub const DEMO_MFA_USER: &str = "demo-mfa";
/// That user's IAM user id (asked with the MFA code).
pub const DEMO_MFA_USER_ID: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
/// The MFA code the sandbox accepts for it.
pub const DEMO_MFA_CODE: &str = "246810";
/// The password of both demo users.
pub const DEMO_PASSWORD: &str = "Demo-Passw0rd";
const DEMO_DOMAIN_ID: &str = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
/// The global IAM endpoint, for the `links` IAM puts in its bodies.
const IAM_URL: &str = "https://iam.myhuaweicloud.com";
/// How long issued tokens last, as IAM's do.
pub const TOKEN_TTL: Duration = Duration::from_secs(24 * 3600);

/// Who a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The IAM user name.
    pub user: String,
    /// The IAM user id.
    pub user_id: String,
    /// The region its project is named after.
    pub region: String,
}

impl Owner {
    /// The demo user, for tokens given on the command line.
    pub fn demo() -> Self {
        Owner {
            user: DEMO_USER.into(),
            user_id: "a1b2c3d4e5f60718293a4b5c6d7e8f90".into(),
            region: "cn-north-4".into(),
        }
    }
}

fn iam_error(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let body = json!({"error": {"code": status.as_u16(), "message": message, "title": title}});
    (status, Json(body)).into_response()
}

fn body_for(owner: &Owner, expires: SystemTime, methods: Vec<String>) -> TokenBody {
    let secs = |t: SystemTime| {
        t.duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    };
    let domain = Domain {
        id: DEMO_DOMAIN_ID.into(),
        name: DEMO_ACCOUNT.into(),
    };
    TokenBody {
        token: TokenInfo {
            expires_at: format_utc(secs(expires)),
            issued_at: format_utc(secs(expires) - TOKEN_TTL.as_secs() as i64),
            methods,
            project: Some(TokenProject {
                id: DEMO_PROJECT.into(),
                name: owner.region.clone(),
            }),
            user: TokenUser {
                id: owner.user_id.clone(),
                name: owner.user.clone(),
                domain,
            },
        },
    }
}

/// `body` with what IAM sends besides: an empty catalog (the console asks
/// with `nocatalog=true`), the roles, the project's account and the
/// password's expiry (empty: never).
fn wire_token(body: &TokenBody) -> Value {
    let mut wire = serde_json::to_value(body).expect("a token body serializes");
    let token = &mut wire["token"];
    token["catalog"] = json!([]);
    token["roles"] = json!([{"id": "0", "name": "te_admin"}]);
    token["user"]["password_expires_at"] = json!("");
    if token.get("project").is_some() {
        token["project"]["domain"] = token["user"]["domain"].clone();
    }
    wire
}

/// `body` with IAM's links and the fields of a region's project.
fn wire_projects(body: &ProjectsBody) -> Value {
    let mut wire = serde_json::to_value(body).expect("a projects body serializes");
    for project in wire["projects"].as_array_mut().into_iter().flatten() {
        let link = format!(
            "{IAM_URL}/v3/projects/{}",
            project["id"].as_str().unwrap_or("")
        );
        project["description"] = json!("");
        project["is_domain"] = json!(false);
        project["parent_id"] = project["domain_id"].clone();
        project["links"] = json!({ "self": link });
    }
    wire["links"] = json!({ "self": format!("{IAM_URL}{PROJECTS_PATH}") });
    wire
}

fn new_token() -> String {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("MIIsandbox{hex}")
}

/// `POST /v3/auth/tokens`: a password (and MFA code) for a token scoped to a region.
async fn sign_in(State(state): State<AppState>, body: Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<TokenRequest>(&body) else {
        return iam_error(StatusCode::BAD_REQUEST, "The request body is invalid.");
    };
    let identity = &req.auth.identity;
    let user = &identity.password.user;
    let password_ok = user.domain.name == DEMO_ACCOUNT
        && (user.name == DEMO_USER || user.name == DEMO_MFA_USER)
        && user.password == DEMO_PASSWORD;
    if !password_ok {
        return iam_error(
            StatusCode::UNAUTHORIZED,
            "The username or password is wrong.",
        );
    }
    if user.name == DEMO_MFA_USER {
        let code_ok = identity
            .totp
            .as_ref()
            .is_some_and(|t| t.user.id == DEMO_MFA_USER_ID && t.user.passcode == DEMO_MFA_CODE);
        if !code_ok {
            return iam_error(
                StatusCode::UNAUTHORIZED,
                "The verification code is invalid.",
            );
        }
    }
    let scope = &req.auth.scope.project.name;
    if region(scope).is_none() {
        return iam_error(
            StatusCode::BAD_REQUEST,
            &format!("The project '{scope}' does not exist."),
        );
    }
    let owner = Owner {
        user: user.name.clone(),
        user_id: if user.name == DEMO_MFA_USER {
            DEMO_MFA_USER_ID.into()
        } else {
            Owner::demo().user_id
        },
        region: scope.clone(),
    };
    let token = new_token();
    let expires = SystemTime::now() + TOKEN_TTL;
    state
        .tokens
        .lock()
        .expect("tokens lock")
        .issue(&token, TOKEN_TTL, owner.clone());
    let body = body_for(&owner, expires, identity.methods.clone());
    (
        StatusCode::CREATED,
        [("x-subject-token", token)],
        Json(wire_token(&body)),
    )
        .into_response()
}

fn presented(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// The owner and expiry of a valid token.
fn valid(state: &AppState, token: Option<String>) -> Option<(Owner, SystemTime)> {
    state.tokens.lock().expect("tokens lock").owner(&token?)
}

fn unauthorized() -> Response {
    iam_error(
        StatusCode::UNAUTHORIZED,
        "The token is invalid or has expired.",
    )
}

/// `GET /v3/auth/tokens`: the facts of `X-Subject-Token`, asked with `X-Auth-Token`.
async fn check(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if valid(&state, presented(&headers, "x-auth-token")).is_none() {
        return unauthorized();
    }
    match valid(&state, presented(&headers, "x-subject-token")) {
        Some((owner, expires)) => {
            Json(wire_token(&body_for(&owner, expires, vec!["token".into()]))).into_response()
        }
        None => iam_error(StatusCode::NOT_FOUND, "The token could not be found."),
    }
}

/// `GET /v3/auth/projects`: the sandbox's one project, named after the token's region.
async fn projects(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some((owner, _)) = valid(&state, presented(&headers, "x-auth-token")) else {
        return unauthorized();
    };
    Json(wire_projects(&ProjectsBody {
        projects: vec![AuthProject {
            id: DEMO_PROJECT.into(),
            name: owner.region,
            enabled: true,
            domain_id: DEMO_DOMAIN_ID.into(),
        }],
    }))
    .into_response()
}

/// IAM's routes.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route(TOKENS_PATH, get(check).post(sign_in))
        .route(PROJECTS_PATH, get(projects))
        .with_state(state)
}
