//! `hotspot-sandbox`: runs the sandbox API (and the console, with `--dist`).

use std::path::PathBuf;

use clap::Parser;
use sandbox::faults::{Fault, FaultSettings, QueuedFault};
use sandbox::{seed, tokens, Settings, Shared};

/// A local stand-in for the Workspace hotspot-session-config API and a
/// portal's reverse proxy.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// An accepted token, `TOKEN` or `TOKEN:SECONDS` to expire it; repeatable.
    #[arg(long = "token", default_value = "demo-token", value_parser = tokens::parse_token_arg)]
    tokens: Vec<(String, Option<std::time::Duration>)>,
    /// The console's build folder, served at `/`.
    #[arg(long)]
    dist: Option<PathBuf>,
    /// Saves state here after each change and loads it at start.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Enables `/__admin/*`, guarded by this secret (header `X-Admin-Secret`).
    #[arg(long, env = "SANDBOX_ADMIN_SECRET")]
    admin_secret: Option<String>,
    /// Latency added to every API request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share (0..=1) of API requests that fail at random.
    #[arg(long, default_value_t = 0.0)]
    failure_rate: f64,
    /// Status of random and `--fail-next` failures.
    #[arg(long, default_value_t = 503)]
    fail_status: u16,
    /// The next N API requests fail with `--fail-status`.
    #[arg(long, default_value_t = 0)]
    fail_next: u32,
    /// Seed of the random failures.
    #[arg(long, default_value_t = 1)]
    fault_seed: u64,
    /// Queued faults as JSON, e.g. `[{"kind":"html","times":2},{"kind":"drop","method":"PATCH"}]`
    /// (kinds: status, html, truncated, stall, drop, revoke_token; each may name a
    /// `method`, a `query` part such as `offset=500`, `skip` and `times`).
    #[arg(long, value_parser = parse_queue)]
    faults: Option<FaultQueue>,
}

/// The `--faults` list.
#[derive(Debug, Clone)]
struct FaultQueue(Vec<QueuedFault>);

fn parse_queue(json: &str) -> Result<FaultQueue, String> {
    serde_json::from_str(json)
        .map(FaultQueue)
        .map_err(|e| format!("not a list of faults: {e}"))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let mut faults = FaultSettings {
        latency_ms: cli.latency_ms,
        failure_rate: cli.failure_rate,
        failure_status: Some(cli.fail_status),
        seed: cli.fault_seed,
        queue: vec![],
    };
    faults
        .queue
        .extend(cli.faults.map(|q| q.0).unwrap_or_default());
    if cli.fail_next > 0 {
        let retry_after = matches!(cli.fail_status, 429 | 503).then_some(1);
        faults.queue.push(QueuedFault {
            fault: Fault::Status {
                status: cli.fail_status,
                retry_after,
            },
            method: None,
            query: None,
            skip: 0,
            times: cli.fail_next,
        });
    }
    let settings = Settings {
        tokens: cli.tokens,
        dist: cli.dist,
        state_file: cli.state,
        faults,
        admin_secret: cli.admin_secret,
    };
    let listener = tokio::net::TcpListener::bind(&cli.listen).await?;
    let addr = listener.local_addr()?;
    let state = Shared::new(settings)?;
    let token_list: Vec<_> = state
        .settings
        .tokens
        .iter()
        .map(|(t, _)| t.as_str())
        .collect();
    println!("hotspot-users sandbox listening on http://{addr}/");
    println!("  project ID:  {}", seed::DEMO_PROJECT);
    println!(
        "  config IDs:  {} ({} users), {}",
        seed::DEMO_CONFIG_LARGE,
        seed::DEMO_LARGE_USERS,
        seed::DEMO_CONFIG_SMALL
    );
    println!("  token:       {}", token_list.join(", "));
    match &state.settings.dist {
        Some(_) => println!("  examples:    http://{addr}/examples/portal.html, http://{addr}/examples/hostile-host.html"),
        None => println!("  (no --dist: only the API is served)"),
    }
    sandbox::serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
        println!("shutting down");
    })
    .await
}
