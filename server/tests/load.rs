//! Robustness under load: 50 concurrent clients send ADD/DELETE mixes over
//! one shared set of ids (loopback only, bounded in time and count). The
//! final state must equal the sequential replay of the accepted requests,
//! in the order the server's journal recorded them.
//!
//! `SANDBOX_LOAD_SECONDS` sets the duration: 3 s in the test command, 30 s
//! for the long form (`SANDBOX_LOAD_SECONDS=30 cargo test -p sandbox --test load`).

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hotspot_users::model::UpdateType;
use hotspot_users_server::sandbox::seed::{DEMO_CONFIG_SMALL, DEMO_PROJECT};
use hotspot_users_server::sandbox::{JournalEntry, Settings};
use serde_json::json;

const CLIENTS: usize = 50;
const MAX_REQUESTS_PER_CLIENT: usize = 1_500;
const _: () =
    assert!(CLIENTS * MAX_REQUESTS_PER_CLIENT < hotspot_users_server::sandbox::JOURNAL_CAP);
const TOKEN: &str = "load-token";
const SECRET: &str = "load-secret";

async fn all_users(http: &reqwest::Client, url: &str) -> BTreeMap<String, String> {
    common::all_users(http, url, TOKEN)
        .await
        .into_iter()
        .collect()
}

/// A small deterministic generator per client.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_updates_equal_their_sequential_replay() {
    let seconds: u64 = std::env::var("SANDBOX_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let (addr, _) = hotspot_users_server::sandbox::spawn(Settings {
        tokens: vec![(TOKEN.into(), None)],
        admin_secret: Some(SECRET.into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let url = format!("http://{addr}/v1/{DEMO_PROJECT}/hotspot-session-config/{DEMO_CONFIG_SMALL}/non-migration-users");
    let http = reqwest::Client::new();
    let initial = all_users(&http, &url).await;
    let accepted = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut clients = Vec::new();
    for client in 0..CLIENTS {
        let (http, url, accepted) = (http.clone(), url.clone(), accepted.clone());
        clients.push(tokio::spawn(async move {
            let mut seed = 0x9E37_79B9_7F4A_7C15 ^ (client as u64 + 1);
            for n in 0..MAX_REQUESTS_PER_CLIENT {
                if Instant::now() >= deadline {
                    break;
                }
                let kind = if next(&mut seed) % 3 == 0 { "DELETE" } else { "ADD" };
                let count = 1 + next(&mut seed) % 20;
                let users: Vec<_> = (0..count)
                    .map(|_| json!({"user_id": format!("L-{:03}", next(&mut seed) % 200), "user_name": format!("c{client}-{n}")}))
                    .collect();
                let res = http
                    .patch(&url)
                    .header("X-Auth-Token", TOKEN)
                    .json(&json!({"update_type": kind, "non_migrate_users": users}))
                    .send()
                    .await
                    .expect("loopback request");
                assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
                accepted.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for c in clients {
        c.await.unwrap();
    }
    let journal: Vec<JournalEntry> = common::json(
        http.get(format!("http://{addr}/__admin/journal"))
            .header("X-Admin-Secret", SECRET),
    )
    .await;
    let accepted = accepted.load(Ordering::Relaxed);
    assert!(
        accepted >= CLIENTS,
        "every client got requests through ({accepted})"
    );
    assert_eq!(
        journal.len(),
        accepted,
        "every accepted request is journaled once"
    );
    let mut replay = initial;
    for e in &journal {
        for (id, name) in &e.users {
            match e.update_type {
                UpdateType::Add => {
                    replay.insert(id.clone(), name.clone());
                }
                UpdateType::Delete => {
                    replay.remove(id);
                }
            }
        }
    }
    assert_eq!(all_users(&http, &url).await, replay);
    println!("load: {CLIENTS} clients, {seconds} s, {accepted} accepted requests, state equals the sequential replay");
}
