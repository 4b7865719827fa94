//! What the gateway adds to a request: 50 clients on loopback read a page of
//! users straight from the sandbox, then through a gateway in front of it;
//! prints p50 and p99 of both and the difference. `cargo bench -p
//! hotspot-users-server --bench gateway` (the bench command runs it).

use std::sync::Arc;
use std::time::{Duration, Instant};

use hotspot_users_server::gateway::{self, access::AccessLog, Gateway, Settings};
use hotspot_users_server::sandbox::{self, seed};

const CLIENTS: usize = 50;
const REQUESTS_PER_CLIENT: usize = 100;

async fn run(base: &str, token: &str, clients: usize) -> Vec<Duration> {
    let url = format!(
        "{base}/v1/{}/hotspot-session-config/{}/non-migration-users?offset=0&limit=100",
        seed::DEMO_PROJECT,
        seed::DEMO_CONFIG_LARGE
    );
    let url = Arc::new(url);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (url, token) = (url.clone(), token.to_string());
        tasks.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            let mut took = Vec::with_capacity(REQUESTS_PER_CLIENT);
            for _ in 0..REQUESTS_PER_CLIENT {
                let start = Instant::now();
                let res = http
                    .get(url.as_str())
                    .header("X-Auth-Token", &token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200);
                res.bytes().await.unwrap();
                took.push(start.elapsed());
            }
            took
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort();
    all
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let (addr, _) = sandbox::spawn(sandbox::Settings {
        tokens: vec![("bench-token".into(), None)],
        ..Default::default()
    })
    .await
    .unwrap();
    let direct = format!("http://{addr}");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gw_addr = listener.local_addr().unwrap();
    let settings = Settings {
        region: "cn-north-4".into(),
        upstream: Some(direct.clone()),
        iam_upstream: Some(direct.clone()),
        ca_file: None,
        timeout: Duration::from_secs(35),
        hosts: vec![gw_addr.to_string()],
        dist: None,
        log: AccessLog::to(|_| {}),
    };
    let gw = Gateway::new(&settings).unwrap();
    tokio::spawn(async move { axum::serve(listener, gateway::app(gw, None)).await });
    let through = format!("http://{gw_addr}");
    // Warm both paths (connections, allocations) before measuring.
    run(&direct, "bench-token", CLIENTS).await;
    run(&through, "bench-token", CLIENTS).await;
    println!("\nGateway overhead (loopback, a 100-user page; clients, sandbox and gateway share the machine's cores)");
    println!("| clients | path | requests | p50 ms | p99 ms |");
    println!("|---:|---|---:|---:|---:|");
    for clients in [CLIENTS, 1] {
        let a = run(&direct, "bench-token", clients).await;
        let b = run(&through, "bench-token", clients).await;
        let row = |path: &str, t: &[Duration]| {
            let (p50, p99) = (pct(t, 0.5), pct(t, 0.99));
            println!("| {clients} | {path} | {} | {p50:.3} | {p99:.3} |", t.len());
        };
        row("straight to the sandbox", &a);
        row("through the gateway", &b);
        println!(
            "| {clients} | **added by the gateway** (target p50 < 1 ms) | | {:.3} | {:.3} |",
            pct(&b, 0.5) - pct(&a, 0.5),
            pct(&b, 0.99) - pct(&a, 0.99)
        );
    }
}
