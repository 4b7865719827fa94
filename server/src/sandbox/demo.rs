//! The sandbox's part of the server document at [`SERVER_INFO_PATH`]: its
//! demo project, configuration and first token, which the console turns
//! into a "Try the demo data" button. Only the sandbox offers it.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hotspot_users::model::demo::Demo;
use hotspot_users::model::server_info::ServerInfo;
pub use hotspot_users::model::server_info::SERVER_INFO_PATH;

use crate::sandbox::{seed, AppState};

/// `GET /hotspot-users-server.json`.
pub async fn offer(State(state): State<AppState>) -> Response {
    let Some((token, _)) = state.settings.tokens.first() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let doc = Demo {
        project_id: seed::DEMO_PROJECT.into(),
        config_id: seed::DEMO_CONFIG_LARGE.into(),
        token: token.clone(),
    };
    let info = ServerInfo {
        demo: Some(doc),
        region: None,
    };
    ([(header::CACHE_CONTROL, "no-store")], Json(info)).into_response()
}
