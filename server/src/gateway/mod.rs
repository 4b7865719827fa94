//! The gateway backend: the console's same-origin door to a Huawei Cloud
//! region. A request goes through named phases, each a small function:
//! guard (Host, cross-site) → decide (the allowlist, [`decide`]) → choose
//! the peer ([`peer`]) → filter request headers → forward → filter response
//! headers ([`headers`]) → one access line ([`access`]). It keeps no state
//! between requests: more traffic means more copies behind a load balancer.

pub mod access;
pub mod decide;
pub mod headers;
pub mod peer;
pub mod whole;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::future::IntoFuture;

use axum::{Json, Router};
use hotspot_users::model::server_info::{ServerInfo, SERVER_INFO_PATH};
use hotspot_users::model::ServiceErrorBody;

use crate::gateway::access::AccessLog;
use crate::gateway::decide::{decide, forwarded, Route};
use crate::gateway::peer::Peers;

/// Request bodies larger than this get 413 from the gateway: 1000 users of
/// 128-character ids and names (4 bytes a character at worst) fit twice.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// How a gateway starts.
#[derive(Clone)]
pub struct Settings {
    /// The region, e.g. `cn-north-4`.
    pub region: String,
    /// Replaces the Workspace hosts (App Streaming and the directory).
    pub upstream: Option<String>,
    /// Replaces the IAM host.
    pub iam_upstream: Option<String>,
    /// PEM file of one or more extra trusted CA certificates.
    pub ca_file: Option<PathBuf>,
    /// Time limit of one upstream call.
    pub timeout: Duration,
    /// `Host` header values accepted (the listen address is added by the caller).
    pub hosts: Vec<String>,
    /// The console's build.
    pub dist: Option<PathBuf>,
    /// Where access lines go.
    pub log: AccessLog,
}

/// A running gateway's shared, read-only parts.
pub struct Gateway {
    region: String,
    client: reqwest::Client,
    peers: Peers,
    timeout: Duration,
    hosts: Vec<String>,
    log: AccessLog,
}

impl Gateway {
    /// Builds the HTTP client (certificates verified; `ca_file` added) and the peers.
    pub fn new(settings: &Settings) -> Result<Arc<Self>, String> {
        let peers = Peers::new(
            &settings.region,
            settings.upstream.as_deref(),
            settings.iam_upstream.as_deref(),
        )?;
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .timeout(settings.timeout);
        if let Some(path) = &settings.ca_file {
            let pem =
                std::fs::read(path).map_err(|e| format!("--ca-file {}: {e}", path.display()))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| format!("--ca-file {}: not PEM certificates: {e}", path.display()))?;
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        let client = builder
            .build()
            .map_err(|e| format!("the HTTP client could not start: {e}"))?;
        Ok(Arc::new(Self {
            region: settings.region.clone(),
            client,
            peers,
            timeout: settings.timeout,
            hosts: settings
                .hosts
                .iter()
                .map(|h| h.to_ascii_lowercase())
                .collect(),
            log: settings.log.clone(),
        }))
    }
}

/// The gateway's own error, in the API's shape so the console shows it like any other.
fn refuse(status: StatusCode, code: &str, message: String, request_id: &str) -> Response {
    let body = ServiceErrorBody {
        error_code: code.into(),
        error_msg: message,
        request_id: Some(request_id.to_string()),
    };
    let mut res = (status, Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(request_id) {
        res.headers_mut().insert("x-request-id", v);
    }
    res
}

fn new_request_id() -> String {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Guard: requests whose `Host` is not ours are refused (DNS rebinding).
async fn check_host(State(gw): State<Arc<Gateway>>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    match host {
        Some(h) if gw.hosts.contains(&h) => next.run(req).await,
        _ => {
            let id = new_request_id();
            gw.log
                .line(req.method().as_str(), "-", 421, Duration::ZERO, &id);
            refuse(
                StatusCode::MISDIRECTED_REQUEST,
                "HUGW.0421",
                "This gateway answers only to the host names it listens on (see --host).".into(),
                &id,
            )
        }
    }
}

/// Forwards one API request, or refuses it.
async fn forward(State(gw): State<Arc<Gateway>>, req: Request) -> Response {
    let started = Instant::now();
    let request_id = headers::incoming_request_id(req.headers()).unwrap_or_else(new_request_id);
    let method = req.method().clone();
    let finish = |template: &str, res: Response| {
        gw.log.line(
            method.as_str(),
            template,
            res.status().as_u16(),
            started.elapsed(),
            &request_id,
        );
        res
    };
    let cross_site = req
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"));
    if cross_site {
        let msg =
            "Cross-site requests are refused: open the console from this gateway's own address.";
        return finish(
            "-",
            refuse(StatusCode::FORBIDDEN, "HUGW.0403", msg.into(), &request_id),
        );
    }
    if let Some(path) = whole::api_path(req.uri().path()) {
        let path = path.to_string();
        return match decide(&method, &path).filter(whole::is_list) {
            Some(route) => {
                let res = whole::read(&gw, route, &path, req.headers(), &request_id).await;
                finish(whole::TEMPLATE, res)
            }
            None => {
                let msg = format!(
                    "This gateway reads whole lists only at GET {}.",
                    whole::TEMPLATE
                );
                finish(
                    "-",
                    refuse(StatusCode::NOT_FOUND, "HUGW.0404", msg, &request_id),
                )
            }
        };
    }
    let Some(route) = decide(&method, req.uri().path()) else {
        let msg = format!("This gateway forwards only: {}.", forwarded());
        return finish(
            "-",
            refuse(StatusCode::NOT_FOUND, "HUGW.0404", msg, &request_id),
        );
    };
    let res = send(&gw, route, req, &request_id).await;
    finish(route.template, res)
}

async fn send(gw: &Gateway, route: Route, req: Request, request_id: &str) -> Response {
    let base = gw.peers.base(route.service);
    let url = match req.uri().query() {
        Some(q) => format!("{base}{}?{q}", req.uri().path()),
        None => format!("{base}{}", req.uri().path()),
    };
    let outgoing = headers::upstream_request(&route, req.headers(), request_id);
    let method = req.method().clone();
    let body = match to_bytes(req.into_body(), BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            let msg = format!(
                "The request body is larger than {} MiB; send fewer users per request.",
                BODY_LIMIT / (1024 * 1024)
            );
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, "HUGW.0413", msg, request_id);
        }
    };
    match call(gw, route, method, url, outgoing, body, request_id).await {
        Ok(answer) => answer.into_response(),
        Err(refused) => refused,
    }
}

/// What the upstream answered, its headers already filtered for the console.
struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: bytes::Bytes,
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let mut out = Response::new(Body::from(self.body));
        *out.status_mut() = self.status;
        *out.headers_mut() = self.headers;
        out
    }
}

/// One upstream call; `Err` is the gateway's own answer when the upstream
/// could not be reached or did not answer in time.
async fn call(
    gw: &Gateway,
    route: Route,
    method: axum::http::Method,
    url: String,
    outgoing: axum::http::HeaderMap,
    body: bytes::Bytes,
    request_id: &str,
) -> Result<Answer, Response> {
    let base = gw.peers.base(route.service);
    let failed = |e: reqwest::Error| {
        let host = reqwest::Url::parse(base)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| base.to_string());
        if e.is_timeout() {
            let msg = format!("No answer from {host} within {} s.", gw.timeout.as_secs());
            refuse(StatusCode::GATEWAY_TIMEOUT, "HUGW.0504", msg, request_id)
        } else {
            let msg = format!("{host} could not be reached: {}", cause(&e));
            refuse(StatusCode::BAD_GATEWAY, "HUGW.0502", msg, request_id)
        }
    };
    let res = gw
        .client
        .request(method, url)
        .headers(outgoing)
        .body(body)
        .send()
        .await
        .map_err(failed)?;
    let status = res.status();
    let headers = headers::console_response(&route, res.headers(), request_id);
    let body = res.bytes().await.map_err(failed)?;
    Ok(Answer {
        status,
        headers,
        body,
    })
}

/// The innermost cause of a client error ("invalid peer certificate:
/// UnknownIssuer", "Connection refused"), which says what to fix.
fn cause(e: &reqwest::Error) -> String {
    let mut source: &dyn std::error::Error = e;
    while let Some(next) = source.source() {
        source = next;
    }
    source.to_string()
}

/// The gateway: API forwarding, the console's site, and the Host guard over both.
pub fn app(gw: Arc<Gateway>, dist: Option<PathBuf>) -> Router {
    let api_or_site = {
        let gw = gw.clone();
        let site = crate::site::files(dist);
        move |req: Request| {
            let gw = gw.clone();
            let site = site.clone();
            async move {
                if crate::site::is_api(req.uri().path()) {
                    forward(State(gw), req).await
                } else {
                    // The console's own files: the path is logged, never a query.
                    let (started, id) = (Instant::now(), new_request_id());
                    let (method, path) = (req.method().to_string(), req.uri().path().to_string());
                    let res = site.respond(req).await;
                    gw.log.line(
                        &method,
                        &path,
                        res.status().as_u16(),
                        started.elapsed(),
                        &id,
                    );
                    res
                }
            }
        }
    };
    // The console asks for the gateway's region, to scope sign-in to it.
    let info = ServerInfo {
        demo: None,
        region: Some(gw.region.clone()),
        whole_lists: true,
    };
    let router = Router::new()
        .route(
            SERVER_INFO_PATH,
            axum::routing::get(move || {
                let info = info.clone();
                async move { ([(header::CACHE_CONTROL, "no-store")], Json(info)) }
            }),
        )
        .fallback(api_or_site);
    crate::site::with_security_headers(router).layer(middleware::from_fn_with_state(gw, check_host))
}

/// Serves until `shutdown` resolves, then stops accepting and lets the
/// requests in flight (a PATCH) finish, for up to `drain`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    gw: Arc<Gateway>,
    dist: Option<PathBuf>,
    drain: Duration,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, app(gw, dist)).with_graceful_shutdown(async move {
        let _ = stopped.await;
    });
    let running = tokio::spawn(server.into_future());
    shutdown.await;
    let _ = stop.send(());
    match tokio::time::timeout(drain, running).await {
        Ok(done) => done.map_err(std::io::Error::other)?,
        Err(_) => {
            eprintln!(
                "requests still running after {} s: stopping anyway",
                drain.as_secs()
            );
            Ok(())
        }
    }
}
