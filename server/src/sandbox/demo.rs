//! The sandbox's part of the server document at [`SERVER_INFO_PATH`]: its
//! demo project, configuration and first token, which the console turns
//! into a "Try the demo data" button (only the sandbox offers it), and
//! whether it answers whole-list reads.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use hotspot_users::model::demo::Demo;
use hotspot_users::model::server_info::ServerInfo;
pub use hotspot_users::model::server_info::SERVER_INFO_PATH;

use crate::sandbox::{seed, AppState};

/// `GET /hotspot-users-server.json`.
pub async fn offer(State(state): State<AppState>) -> Response {
    let demo = state.settings.tokens.first().map(|(token, _)| Demo {
        project_id: seed::DEMO_PROJECT.into(),
        config_id: seed::DEMO_CONFIG_LARGE.into(),
        token: token.clone(),
    });
    let info = ServerInfo {
        demo,
        region: None,
        whole_lists: !state.settings.no_whole_lists,
    };
    ([(header::CACHE_CONTROL, "no-store")], Json(info)).into_response()
}
