//! Serves the console's build at `/` with strict security headers, as a
//! portal's reverse proxy would, so the console and the API share an origin.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use hotspot_users::model::demo::{Demo, DEMO_PATH};
use tower::ServiceExt;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{seed, AppState};

/// The Content-Security-Policy the console must live with.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

const NO_DIST: &str = "<!doctype html><title>hotspot-users sandbox</title><p>The sandbox API is running under /v1/. \
Start it with --dist pointing at the console's build (trunk build --release) to serve the console here.</p>";

/// The sandbox's demo offer: its demo project, configuration and first
/// token, which the console turns into a "Try the demo data" button.
async fn demo(State(state): State<AppState>) -> Response {
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

/// The console routes (static files, or a note when no build was given).
pub fn routes(state: AppState) -> Router {
    let router = match &state.settings.dist {
        Some(dist) => {
            let files = ServeDir::new(dist);
            // Browsers ask for /favicon.ico whatever the page says: the build's SVG icon.
            let icon = dist.join("favicon.svg");
            Router::new()
                .route(
                    "/favicon.ico",
                    get(move || async move {
                        match tokio::fs::read(&icon).await {
                            Ok(svg) => {
                                ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
                            }
                            Err(_) => StatusCode::NOT_FOUND.into_response(),
                        }
                    }),
                )
                .fallback(move |req: Request| async move {
                    if req.uri().path().starts_with("/v1/") {
                        crate::api::unknown_api().await
                    } else {
                        files.oneshot(req).await.into_response()
                    }
                })
        }
        None => Router::new()
            .route("/", get(|| async { Html(NO_DIST) }))
            .fallback(crate::api::unknown_api),
    };
    router
        .route(DEMO_PATH, get(demo))
        .with_state(state)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}
