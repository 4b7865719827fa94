//! The sandbox's demo offer at [`DEMO_PATH`]: its demo project,
//! configuration and first token, which the console turns into a "Try the
//! demo data" button. Only the sandbox serves it.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hotspot_users::model::demo::Demo;
pub use hotspot_users::model::demo::DEMO_PATH;

use crate::sandbox::{seed, AppState};

/// `GET /hotspot-users-demo.json`.
pub async fn offer(State(state): State<AppState>) -> Response {
    let Some((token, _)) = state.settings.tokens.first() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let doc = Demo {
        project_id: seed::DEMO_PROJECT.into(),
        config_id: seed::DEMO_CONFIG_LARGE.into(),
        token: token.clone(),
    };
    ([(header::CACHE_CONTROL, "no-store")], Json(doc)).into_response()
}
