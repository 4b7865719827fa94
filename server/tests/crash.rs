//! The state file is never left half-written: the sandbox is killed
//! (SIGKILL) while it saves large states, restarted on the same file, and
//! must load and serve every time.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use hotspot_users_server::sandbox::seed::{DEMO_CONFIG_LARGE, DEMO_PROJECT};
use serde_json::json;

fn start(state: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hotspot-users-server"))
        .arg("sandbox")
        .args(["--listen", "127.0.0.1:0", "--token", "t", "--state"])
        .arg(state)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("sandbox starts");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    // Keep reading, so the sandbox never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let url = line
        .split_whitespace()
        .last()
        .expect("a URL")
        .trim_end_matches('/')
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    (child, url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_write_it_restarts_with_a_whole_state() {
    let dir = std::env::temp_dir().join(format!("sandbox-crash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    let http = reqwest::Client::new();
    let mut writes_seen = 0;
    for round in 0..6u64 {
        let (mut child, url) = start(&state);
        let users_url = format!("{url}/v1/{DEMO_PROJECT}/hotspot-session-config/{DEMO_CONFIG_LARGE}/non-migration-users");
        // The state must have loaded whole: the server answers with the demo data.
        let res = http
            .get(format!("{users_url}?limit=1"))
            .header("X-Auth-Token", "t")
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            200,
            "round {round}: the restarted sandbox serves"
        );
        // Keep it saving big states, then kill it at a varying moment.
        let writer = {
            let (http, users_url) = (http.clone(), users_url.clone());
            tokio::spawn(async move {
                let mut ok = 0;
                for i in 0..10_000u64 {
                    let kind = if i % 2 == 0 { "ADD" } else { "DELETE" };
                    let users: Vec<_> = (0..600)
                        .map(|n| json!({"user_id": format!("k-{n}"), "user_name": "x".repeat(100)}))
                        .collect();
                    let body = json!({"update_type": kind, "non_migrate_users": users});
                    match http
                        .patch(&users_url)
                        .header("X-Auth-Token", "t")
                        .json(&body)
                        .send()
                        .await
                    {
                        Ok(r) if r.status() == 200 => ok += 1,
                        _ => break,
                    }
                }
                ok
            })
        };
        tokio::time::sleep(Duration::from_millis(40 + round * 37)).await;
        child.kill().unwrap();
        child.wait().unwrap();
        writes_seen += writer.await.unwrap();
        let text = std::fs::read_to_string(&state).expect("the state file exists");
        serde_json::from_str::<serde_json::Value>(&text).expect("the state file is whole JSON");
    }
    assert!(writes_seen > 0, "the sandbox was saving when it was killed");
    let (mut child, url) = start(&state);
    let res = http
        .get(format!(
            "{url}/v1/{DEMO_PROJECT}/hotspot-session-config?limit=10"
        ))
        .header("X-Auth-Token", "t")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
