//! The console's site, shared by both backends: the build's static files
//! (and `/favicon.ico`), under strict security headers, so the console and
//! the API it calls share one origin.

use std::path::PathBuf;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use tower::ServiceExt;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The Content-Security-Policy the console must live with.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

const NO_DIST: &str = "<!doctype html><title>hotspot-users</title><p>The API is served under /v1/. \
Start the server with --dist pointing at the console's build (trunk build --release) to serve the console here.</p>";

/// Paths of the APIs behind the site (the cloud's services, and the
/// server's own whole-list read), never files.
pub fn is_api(path: &str) -> bool {
    ["/v1/", "/v2/", "/v3/"].iter().any(|p| path.starts_with(p))
        || path
            .strip_prefix(hotspot_users::model::endpoints::WHOLE_LISTS_PREFIX)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The console's build folder, or a note where none was given.
#[derive(Clone)]
pub struct Files {
    dist: Option<PathBuf>,
}

/// The site of `dist`.
pub fn files(dist: Option<PathBuf>) -> Files {
    Files { dist }
}

impl Files {
    /// Answers a request for a file of the site.
    pub async fn respond(&self, req: Request) -> Response {
        let Some(dist) = &self.dist else {
            return if req.uri().path() == "/" {
                Html(NO_DIST).into_response()
            } else {
                StatusCode::NOT_FOUND.into_response()
            };
        };
        // Browsers ask for /favicon.ico whatever the page says: the build's SVG icon.
        if req.uri().path() == "/favicon.ico" {
            return match tokio::fs::read(dist.join("favicon.svg")).await {
                Ok(svg) => ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response(),
                Err(_) => StatusCode::NOT_FOUND.into_response(),
            };
        }
        // The release build writes a gzip -9 form beside each file
        // (scripts/precompress.mjs): what the size budget counts is what
        // goes over the wire. Names are stable (a portal embeds them), so
        // browsers ask again every time and get 304 when nothing changed.
        let mut res = ServeDir::new(dist)
            .precompressed_gzip()
            .oneshot(req)
            .await
            .into_response();
        let headers = res.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        if !headers.contains_key(header::VARY) {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        res
    }
}

/// `router` with the console's security headers on every response.
pub fn with_security_headers(router: Router) -> Router {
    router
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
