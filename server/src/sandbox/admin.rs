//! `/__admin/*`: fault and token control for demos and tests. Off unless the
//! sandbox was started with an admin secret; every call must carry it as
//! `X-Admin-Secret`.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use crate::sandbox::faults::{FaultSettings, Faults};
use crate::sandbox::AppState;

/// The admin router (empty when disabled).
pub fn routes(state: AppState) -> Router {
    if state.settings.admin_secret.is_none() {
        return Router::new();
    }
    Router::new()
        .route("/__admin/faults", get(get_faults).put(put_faults))
        .route("/__admin/tokens", post(tokens))
        .route("/__admin/journal", get(journal))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get("x-admin-secret")
        .and_then(|v| v.to_str().ok());
    if given.is_some() && given == state.settings.admin_secret.as_deref() {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "admin secret missing or wrong").into_response()
    }
}

async fn journal(State(state): State<AppState>) -> Json<Vec<crate::sandbox::JournalEntry>> {
    Json(state.journal.lock().expect("journal lock").clone())
}

async fn get_faults(State(state): State<AppState>) -> Json<FaultSettings> {
    Json(state.faults.lock().expect("faults lock").settings().clone())
}

async fn put_faults(
    State(state): State<AppState>,
    Json(settings): Json<FaultSettings>,
) -> StatusCode {
    *state.faults.lock().expect("faults lock") = Faults::new(settings);
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct TokenChange {
    #[serde(default)]
    add: Option<String>,
    #[serde(default)]
    ttl_secs: Option<u64>,
    #[serde(default)]
    revoke: Option<String>,
}

async fn tokens(State(state): State<AppState>, Json(change): Json<TokenChange>) -> StatusCode {
    let mut tokens = state.tokens.lock().expect("tokens lock");
    if let Some(t) = change.revoke {
        tokens.revoke(&t);
    }
    if let Some(t) = change.add {
        tokens.add(&t, change.ttl_secs.map(Duration::from_secs));
    }
    StatusCode::NO_CONTENT
}
