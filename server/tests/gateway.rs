//! The gateway against a fake upstream on loopback over real TLS, with a CA
//! generated for the test: the allowlist, header filtering both ways, the
//! body cap, upstream failures (unreachable, untrusted certificate, stall),
//! the Host and cross-site guards, what its access log never says, and the
//! whole-list read it answers by paging a real sandbox served over TLS.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use hotspot_users::model::server_info::ServerInfo;
use hotspot_users_server::gateway::{self, access::AccessLog, Gateway, Settings};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, SanType};
use reqwest::Client;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tower::ServiceExt;

/// One request as the upstream saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    uri: String,
    headers: HeaderMap,
}

/// A test CA and a certificate it signed for 127.0.0.1.
struct Pki {
    ca_pem: String,
    cert: CertificateDer<'static>,
    key: PrivateKeyDer<'static>,
}

fn pki() -> Pki {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "hotspot-users test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let mut leaf_params = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    leaf_params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();
    Pki {
        ca_pem: ca.pem(),
        cert: leaf.der().clone(),
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
    }
}

/// The fake cloud: records every request; answers like the service would,
/// plus headers the gateway must not pass back; `/v1/stall/...` never answers in time.
async fn upstream(pki: &Pki) -> (SocketAddr, Arc<Mutex<Vec<Seen>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let app = Router::new().fallback(move |req: Request| {
        let record = record.clone();
        async move {
            record.lock().unwrap().push(Seen {
                method: req.method().to_string(),
                uri: req.uri().to_string(),
                headers: req.headers().clone(),
            });
            if req.uri().path().starts_with("/v1/stall/") {
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
            if req.uri().path().starts_with("/v1/slow/") {
                tokio::time::sleep(Duration::from_millis(800)).await;
            }
            let issue = req.method() == "POST" && req.uri().path() == "/v3/auth/tokens";
            let status = if issue {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            let _ = to_bytes(req.into_body(), usize::MAX).await;
            (
                status,
                [
                    ("content-type", "application/json"),
                    ("x-request-id", "upstream-rid-1"),
                    ("retry-after", "3"),
                    ("set-cookie", "HWWAFSESID=abc; Path=/"),
                    ("x-subject-token", "subject-token-from-iam"),
                    ("server", "api-gateway"),
                    ("access-control-allow-origin", "*"),
                ],
                r#"{"items":[]}"#,
            )
                .into_response()
        }
    });
    (serve_tls(pki, app).await, seen)
}

/// Serves `app` over TLS with the test CA's certificate for 127.0.0.1.
async fn serve_tls(pki: &Pki, app: Router) -> SocketAddr {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![pki.cert.clone()], pki.key.clone_key())
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let (acceptor, app) = (acceptor.clone(), app.clone());
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let service = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        app.clone().oneshot(req.map(Body::new))
                    },
                );
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    addr
}

struct Gw {
    base: String,
    lines: Arc<Mutex<Vec<String>>>,
}

async fn gateway(upstream: &str, ca_pem: Option<&str>, timeout: Duration) -> Gw {
    let ca_file = ca_pem.map(|pem| {
        let path = std::env::temp_dir().join(format!(
            "hotspot-gw-ca-{}-{}.pem",
            std::process::id(),
            rand_suffix()
        ));
        std::fs::write(&path, pem).unwrap();
        path
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    let settings = Settings {
        region: "cn-north-4".into(),
        upstream: Some(upstream.into()),
        iam_upstream: Some(upstream.into()),
        ca_file,
        timeout,
        hosts: vec![addr.to_string()],
        dist: None,
        log: AccessLog::to(move |l| sink.lock().unwrap().push(l)),
    };
    let gw = Gateway::new(&settings).expect("the gateway starts");
    tokio::spawn(async move {
        axum::serve(listener, gateway::app(gw, None)).await.unwrap();
    });
    Gw {
        base: format!("http://{addr}"),
        lines,
    }
}

/// `GET url` with a token.
async fn get_with_token(url: &str) -> reqwest::Response {
    Client::new()
        .get(url)
        .header("X-Auth-Token", "t")
        .send()
        .await
        .unwrap()
}

/// A fake cloud over TLS and a gateway that trusts its CA.
async fn trusted(timeout: Duration) -> (Gw, Arc<Mutex<Vec<Seen>>>) {
    let pki = pki();
    let (addr, seen) = upstream(&pki).await;
    let url = format!("https://127.0.0.1:{}", addr.port());
    (gateway(&url, Some(&pki.ca_pem), timeout).await, seen)
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

async fn error(res: reqwest::Response) -> (StatusCode, serde_json::Value) {
    let status = StatusCode::from_u16(res.status().as_u16()).unwrap();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn only_the_console_s_operations_reach_the_upstream() {
    let (gw, seen) = trusted(Duration::from_secs(5)).await;
    let http = Client::new();
    for (method, path) in [
        ("GET", "/v1/p1/desktops"),
        ("DELETE", "/v1/p1/hotspot-session-config/c1"),
        ("DELETE", "/v3/auth/tokens"),
        ("GET", "/v3/users"),
        ("GET", "/v1/a%2Fb/hotspot-session-config"),
        ("POST", "/v2/p1/users"),
    ] {
        let res = http
            .request(method.parse().unwrap(), format!("{}{path}", gw.base))
            .header("X-Auth-Token", "tok")
            .send()
            .await
            .unwrap();
        let (status, body) = error(res).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
        assert_eq!(body["error_code"], "HUGW.0404");
        assert!(body["error_msg"].as_str().unwrap().contains(
            "PATCH /v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users"
        ));
    }
    assert!(seen.lock().unwrap().is_empty(), "nothing left the machine");
    let ok = http
        .get(format!(
            "{}/v1/p1/hotspot-session-config?offset=0&limit=100",
            gw.base
        ))
        .header("X-Auth-Token", "tok")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), r#"{"items":[]}"#);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].uri,
        "/v1/p1/hotspot-session-config?offset=0&limit=100"
    );
}

#[tokio::test]
async fn headers_are_filtered_both_ways_and_the_subject_token_comes_back_from_sign_in_only() {
    let (gw, seen) = trusted(Duration::from_secs(5)).await;
    let http = Client::new();
    let res = http
        .patch(format!(
            "{}/v1/p1/hotspot-session-config/c1/non-migration-users",
            gw.base
        ))
        .header("X-Auth-Token", "tok-1")
        .header("Content-Type", "application/json")
        .header("Cookie", "portal_session=xyz")
        .header("Authorization", "Basic c2VjcmV0")
        .header("X-Forwarded-For", "10.0.0.1")
        .header("X-Subject-Token", "not-for-patch")
        .header("X-Request-Id", "console-rid-7")
        .body(r#"{"update_type":"ADD","non_migrate_users":[]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let back = res.headers();
    assert!(back.get("set-cookie").is_none());
    assert!(back.get("x-subject-token").is_none());
    assert!(back.get("access-control-allow-origin").is_none());
    assert!(back.get("server").is_none());
    assert_eq!(back["x-request-id"], "upstream-rid-1");
    assert_eq!(back["retry-after"], "3");
    {
        let seen = seen.lock().unwrap();
        let h = &seen[0].headers;
        assert_eq!(seen[0].method, "PATCH");
        assert_eq!(h["x-auth-token"], "tok-1");
        assert_eq!(h["content-type"], "application/json");
        assert_eq!(h["x-request-id"], "console-rid-7");
        for gone in [
            "cookie",
            "authorization",
            "x-forwarded-for",
            "x-subject-token",
        ] {
            assert!(h.get(gone).is_none(), "{gone} was forwarded");
        }
    }
    // IAM's sign-in returns the token header; IAM's check sends it.
    let res = http
        .post(format!("{}/v3/auth/tokens?nocatalog=true", gw.base))
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["x-subject-token"], "subject-token-from-iam");
    let res = http
        .get(format!("{}/v3/auth/tokens", gw.base))
        .header("X-Auth-Token", "t")
        .header("X-Subject-Token", "t")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("x-subject-token").is_none());
    let seen = seen.lock().unwrap();
    assert_eq!(seen[2].headers["x-subject-token"], "t");
    // A request id is made up when the console sent none.
    assert!(seen[1].headers["x-request-id"].len() >= 16);
}

#[tokio::test]
async fn bodies_past_the_cap_get_413_and_never_leave() {
    let (gw, seen) = trusted(Duration::from_secs(5)).await;
    let http = Client::new();
    let url = format!(
        "{}/v1/p1/hotspot-session-config/c1/non-migration-users",
        gw.base
    );
    // 1000 users with 128-character ids and names fit with room.
    let users: Vec<_> = (0..1000)
        .map(
            |i| serde_json::json!({"user_id": format!("{i:0>128}"), "user_name": "名".repeat(128)}),
        )
        .collect();
    let full = serde_json::json!({"update_type": "ADD", "non_migrate_users": users});
    let res = http
        .patch(&url)
        .header("X-Auth-Token", "t")
        .json(&full)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = http
        .patch(&url)
        .header("X-Auth-Token", "t")
        .body(vec![b'x'; gateway::BODY_LIMIT + 1])
        .send()
        .await
        .unwrap();
    let (status, body) = error(res).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error_code"], "HUGW.0413");
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502_naming_host_and_cause() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let gw = gateway(
        &format!("https://127.0.0.1:{}", closed.port()),
        None,
        Duration::from_secs(5),
    )
    .await;
    let res = get_with_token(&format!("{}/v3/auth/projects", gw.base)).await;
    let (status, body) = error(res).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert_eq!(body["error_code"], "HUGW.0502");
    let msg = body["error_msg"].as_str().unwrap();
    assert!(
        msg.contains("127.0.0.1") && msg.to_lowercase().contains("refused"),
        "{msg}"
    );
}

#[tokio::test]
async fn an_untrusted_certificate_is_a_502_and_the_ca_file_makes_it_trusted() {
    let pki = pki();
    let (addr, seen) = upstream(&pki).await;
    let url = format!("https://127.0.0.1:{}", addr.port());
    let untrusting = gateway(&url, None, Duration::from_secs(5)).await;
    let res = get_with_token(&format!("{}/v3/auth/projects", untrusting.base)).await;
    let (status, body) = error(res).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    let msg = body["error_msg"].as_str().unwrap();
    assert!(msg.to_lowercase().contains("certificate"), "{msg}");
    assert!(seen.lock().unwrap().is_empty());
    let trusting = gateway(&url, Some(&pki.ca_pem), Duration::from_secs(5)).await;
    let res = get_with_token(&format!("{}/v3/auth/projects", trusting.base)).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn a_stalled_upstream_is_a_504_in_the_gateway_s_shape() {
    let (gw, _) = trusted(Duration::from_secs(1)).await;
    let res = get_with_token(&format!("{}/v1/stall/hotspot-session-config", gw.base)).await;
    let (status, body) = error(res).await;
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(body["error_code"], "HUGW.0504");
    assert!(body["error_msg"].as_str().unwrap().contains("within 1 s"));
}

#[tokio::test]
async fn foreign_hosts_and_cross_site_requests_are_refused() {
    let (gw, seen) = trusted(Duration::from_secs(5)).await;
    let http = Client::new();
    let url = format!("{}/v1/p1/hotspot-session-config", gw.base);
    let res = http
        .get(&url)
        .header("Host", "attacker.example:8080")
        .header("X-Auth-Token", "t")
        .send()
        .await
        .unwrap();
    let (status, body) = error(res).await;
    assert_eq!(status, StatusCode::MISDIRECTED_REQUEST);
    assert_eq!(body["error_code"], "HUGW.0421");
    let res = http
        .get(&url)
        .header("Sec-Fetch-Site", "cross-site")
        .header("X-Auth-Token", "t")
        .send()
        .await
        .unwrap();
    let (status, body) = error(res).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error_code"], "HUGW.0403");
    assert!(seen.lock().unwrap().is_empty());
    // Same-origin requests from the console pass, with no CORS headers added.
    let res = http
        .get(&url)
        .header("Sec-Fetch-Site", "same-origin")
        .header("Origin", "https://elsewhere.example")
        .header("X-Auth-Token", "t")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res
        .headers()
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-")));
}

#[tokio::test]
async fn the_access_log_has_one_line_a_request_and_never_a_secret() {
    let (gw, _) = trusted(Duration::from_secs(5)).await;
    let http = Client::new();
    let sign_in = serde_json::json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "domain": {"name": "acme"}, "name": "alice", "password": "pw-SECRET-2"}}},
        "scope": {"project": {"name": "cn-north-4"}}}});
    http.post(format!("{}/v3/auth/tokens?nocatalog=true", gw.base))
        .json(&sign_in)
        .send()
        .await
        .unwrap();
    http.get(format!(
        "{}/v1/p-SECRET-4/hotspot-session-config/c1/non-migration-users?user_name=alice-SECRET-3&offset=0",
        gw.base
    ))
    .header("X-Auth-Token", "tok-SECRET-1")
    .send()
    .await
    .unwrap();
    http.get(format!("{}/v1/x/desktops?token=q-SECRET-5", gw.base))
        .header("X-Auth-Token", "tok-SECRET-1")
        .send()
        .await
        .unwrap();
    http.get(format!("{}/index.html?t=q-SECRET-6", gw.base))
        .send()
        .await
        .unwrap();
    let lines = gw.lines.lock().unwrap().clone();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[3].starts_with("GET /index.html 404 "), "{}", lines[3]);
    assert!(
        lines[0].starts_with("POST /v3/auth/tokens 201 "),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with(
        "GET /v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users 200 "
    ));
    assert!(lines[2].starts_with("GET - 404 "), "{}", lines[2]);
    for line in &lines {
        assert!(!line.contains("SECRET"), "a secret in the log: {line}");
    }
}

#[tokio::test]
async fn the_console_learns_the_gateway_s_region() {
    let (gw, seen) = trusted(Duration::from_secs(5)).await;
    let res = Client::new()
        .get(format!("{}/hotspot-users-server.json", gw.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let info = ServerInfo::parse(&res.bytes().await.unwrap()).unwrap();
    assert_eq!(info.region.as_deref(), Some("cn-north-4"));
    assert_eq!(info.demo, None, "no demo offer from a gateway");
    assert!(
        seen.lock().unwrap().is_empty(),
        "answered by the gateway itself"
    );
}

#[tokio::test]
async fn stopping_lets_a_request_in_flight_finish_and_accepts_no_more() {
    let pki = pki();
    let (addr, seen) = upstream(&pki).await;
    let ca = std::env::temp_dir().join(format!("hotspot-gw-drain-{}.pem", std::process::id()));
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let at = listener.local_addr().unwrap();
    let settings = Settings {
        region: "cn-north-4".into(),
        upstream: Some(format!("https://127.0.0.1:{}", addr.port())),
        iam_upstream: None,
        ca_file: Some(ca),
        timeout: Duration::from_secs(5),
        hosts: vec![at.to_string()],
        dist: None,
        log: AccessLog::to(|_| {}),
    };
    let gw = Gateway::new(&settings).unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(gateway::serve(
        listener,
        gw,
        None,
        Duration::from_secs(5),
        async {
            let _ = stopped.await;
        },
    ));
    let url = format!("http://{at}/v1/slow/hotspot-session-config/c1/non-migration-users");
    let in_flight = tokio::spawn(async move {
        Client::new()
            .patch(url)
            .header("X-Auth-Token", "t")
            .body("{}")
            .send()
            .await
            .map(|r| r.status())
    });
    while seen.lock().unwrap().is_empty() {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop.send(()).unwrap();
    assert_eq!(
        in_flight.await.unwrap().unwrap(),
        200,
        "the PATCH in flight finished"
    );
    server.await.unwrap().unwrap();
    let after = Client::new()
        .get(format!("http://{at}/v3/auth/projects"))
        .send()
        .await;
    assert!(after.is_err(), "no new requests once stopped");
}

/// A sandbox (the demo data, token `t`, `faults`) served over TLS as the
/// cloud, every request it gets recorded, and a gateway that trusts it.
async fn sandbox_behind_gateway(
    faults: hotspot_users_server::sandbox::faults::FaultSettings,
) -> (Gw, Arc<Mutex<Vec<String>>>) {
    use hotspot_users_server::sandbox::{self, Settings as SandboxSettings, Shared};
    let state = Shared::new(SandboxSettings {
        tokens: vec![("t".into(), None)],
        faults,
        ..SandboxSettings::default()
    })
    .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let app = sandbox::app(state).layer(axum::middleware::from_fn(
        move |req: Request, next: axum::middleware::Next| {
            record.lock().unwrap().push(req.uri().to_string());
            next.run(req)
        },
    ));
    let pki = pki();
    let addr = serve_tls(&pki, app).await;
    let url = format!("https://127.0.0.1:{}", addr.port());
    (
        gateway(&url, Some(&pki.ca_pem), Duration::from_secs(5)).await,
        seen,
    )
}

const WHOLE: &str = "/hotspot-users-server/v1/0b5e3f9a6c2d4e71a8f9b0c1d2e3f405/hotspot-session-config/7f3c2a9e5b8d4c1fa0e6b2d9c8a71f05/non-migration-users";

#[tokio::test]
async fn a_whole_list_is_read_by_paging_the_api_the_pages_after_the_first_at_once() {
    let (gw, seen) = sandbox_behind_gateway(Default::default()).await;
    let info = Client::new()
        .get(format!("{}/hotspot-users-server.json", gw.base))
        .send()
        .await
        .unwrap();
    assert!(
        ServerInfo::parse(&info.bytes().await.unwrap())
            .unwrap()
            .whole_lists
    );

    let res = get_with_token(&format!("{}{WHOLE}", gw.base)).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("x-request-id"));
    assert_eq!(res.headers()["cache-control"], "no-store");
    let whole: hotspot_users::model::ListNonMigrationUsersResponse = res.json().await.unwrap();
    assert_eq!(whole.total_count, Some(320));
    assert_eq!(whole.non_migrate_users.len(), 320);
    // The same users, in the same order, as the API's own pages.
    let mut paged = Vec::new();
    for offset in [0, 100, 200, 300] {
        let url = format!(
            "{}{}?offset={offset}&limit=100",
            gw.base,
            WHOLE.trim_start_matches("/hotspot-users-server")
        );
        let page: hotspot_users::model::ListNonMigrationUsersResponse =
            get_with_token(&url).await.json().await.unwrap();
        paged.extend(page.non_migrate_users);
    }
    assert_eq!(whole.non_migrate_users, paged);
    // The upstream saw four pages of the whole read: the first told the
    // total, so nothing past it was asked for.
    let mut asked: Vec<String> = seen.lock().unwrap()[..4].to_vec();
    asked.sort();
    let page = |o: u32| {
        format!(
            "{}?offset={o}&limit=100",
            WHOLE.trim_start_matches("/hotspot-users-server")
        )
    };
    assert_eq!(asked, vec![page(0), page(100), page(200), page(300)]);
    // One access line for the whole read, by its template, with no token.
    let lines = gw.lines.lock().unwrap().clone();
    assert!(
        lines.iter().any(|l| l.contains(
            "/hotspot-users-server/v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users"
        ) && l.contains(" 200 ")),
        "{lines:?}"
    );
    assert!(lines
        .iter()
        .all(|l| !l.contains("X-Auth-Token") && !l.contains(" t ")));
}

#[tokio::test]
async fn a_whole_read_answers_with_the_first_failing_page_and_reads_only_the_users_list() {
    use hotspot_users_server::sandbox::faults::{Fault, FaultSettings, QueuedFault};
    let faults = FaultSettings {
        queue: vec![QueuedFault {
            fault: Fault::Status {
                status: 503,
                retry_after: Some(2),
            },
            method: Some("GET".into()),
            query: Some("offset=200".into()),
            skip: 0,
            times: 1,
        }],
        ..FaultSettings::default()
    };
    let (gw, seen) = sandbox_behind_gateway(faults).await;
    let res = get_with_token(&format!("{}{WHOLE}", gw.base)).await;
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["retry-after"], "2");
    let (_, body) = error(res).await;
    assert!(
        body["error_code"].as_str().unwrap().starts_with("WKS."),
        "{body}"
    );
    // The next whole read is whole again.
    let res = get_with_token(&format!("{}{WHOLE}", gw.base)).await;
    assert_eq!(res.status(), 200);

    // A token the API refuses: its 401, as the API said it.
    let res = Client::new()
        .get(format!("{}{WHOLE}", gw.base))
        .header("X-Auth-Token", "not-a-token")
        .send()
        .await
        .unwrap();
    let (status, body) = error(res).await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("APIGW.0301"))
    );

    // Only the users list is read whole; anything else never leaves.
    let before = seen.lock().unwrap().len();
    for path in [
        "/hotspot-users-server/v1/0b5e3f9a6c2d4e71a8f9b0c1d2e3f405/hotspot-session-config",
        "/hotspot-users-server/v3/auth/projects",
        "/hotspot-users-server/v1/p/hotspot-session-config/../../x/non-migration-users",
    ] {
        let (status, body) = error(get_with_token(&format!("{}{path}", gw.base)).await).await;
        assert_eq!(
            (status, body["error_code"].as_str()),
            (StatusCode::NOT_FOUND, Some("HUGW.0404")),
            "{path}"
        );
    }
    assert_eq!(seen.lock().unwrap().len(), before);
}

#[tokio::test]
async fn an_api_that_ignores_offset_ends_the_whole_read_with_a_502_not_a_loop() {
    let asked = Arc::new(Mutex::new(0usize));
    let count = asked.clone();
    // Every page full, whatever its offset, and no total.
    let app = Router::new().fallback(move |_req: Request| {
        *count.lock().unwrap() += 1;
        async move {
            let users: Vec<_> = (0..100)
                .map(|i| serde_json::json!({"user_id": format!("u{i}"), "user_name": format!("n{i}")}))
                .collect();
            axum::Json(serde_json::json!({ "non_migrate_users": users }))
        }
    });
    let pki = pki();
    let addr = serve_tls(&pki, app).await;
    let url = format!("https://127.0.0.1:{}", addr.port());
    let gw = gateway(&url, Some(&pki.ca_pem), Duration::from_secs(5)).await;
    let (status, body) = error(get_with_token(&format!("{}{WHOLE}", gw.base)).await).await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (StatusCode::BAD_GATEWAY, Some("HUGW.0502"))
    );
    assert!(
        body["error_msg"]
            .as_str()
            .unwrap()
            .contains("more than 10000 users"),
        "{body}"
    );
    let asked = *asked.lock().unwrap();
    assert!((100..=110).contains(&asked), "{asked} pages asked for");
}
