//! `hotspot-users-server`: serves the console with one of two backends,
//! the built-in sandbox (a local stand-in for the cloud) or the gateway
//! (a forwarder to a Huawei Cloud region). `main` only chooses and wires.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use hotspot_users_server::gateway::{self, access::AccessLog, peer::is_loopback};
use hotspot_users_server::sandbox::faults::{Fault, FaultSettings, QueuedFault};
use hotspot_users_server::sandbox::{self, iam, seed, tokens, Settings, Shared};

/// The console's server: the sandbox, or a gateway to a cloud region.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    backend: Backend,
}

#[derive(Subcommand, Debug)]
enum Backend {
    /// The built-in sandbox: the API, IAM sign-in and demo data, locally.
    Sandbox(SandboxArgs),
    /// A gateway to a Huawei Cloud region: forwards only what the console uses.
    Gateway(GatewayArgs),
}

#[derive(Args, Debug)]
struct SandboxArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// An accepted token, `TOKEN` or `TOKEN:SECONDS` to expire it; repeatable.
    #[arg(long = "token", default_value = "demo-token", value_parser = tokens::parse_token_arg)]
    tokens: Vec<(String, Option<Duration>)>,
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
    /// The user directory (`GET /v2/{project_id}/users`) matches `user_name`
    /// exactly (case-sensitive) instead of as a case-insensitive substring.
    #[arg(long)]
    directory_exact_names: bool,
    /// Latency added to the console's own files, in milliseconds (with
    /// `--latency-ms`: a page served from as far away as the API).
    #[arg(long, default_value_t = 0)]
    site_latency_ms: u64,
    /// Answer no whole-list reads: the console then reads a configuration
    /// page by page, as through a plain proxy of the API.
    #[arg(long)]
    no_whole_lists: bool,
}

#[derive(Args, Debug)]
struct GatewayArgs {
    /// The region, e.g. `cn-north-4`.
    #[arg(long)]
    region: String,
    /// Address to listen on; a non-loopback address needs `--public`.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Listen on a non-loopback address (behind a portal's load balancer).
    #[arg(long)]
    public: bool,
    /// Another host name the gateway answers to (the `Host` header); repeatable.
    #[arg(long = "host")]
    hosts: Vec<String>,
    /// The console's build folder, served at `/`.
    #[arg(long)]
    dist: Option<PathBuf>,
    /// Replaces the region's Workspace endpoints (private endpoints, tests).
    #[arg(long)]
    upstream: Option<String>,
    /// Replaces the region's IAM endpoint.
    #[arg(long)]
    iam_upstream: Option<String>,
    /// Extra trusted CA certificates (PEM), e.g. a corporate TLS proxy's.
    #[arg(long)]
    ca_file: Option<PathBuf>,
    /// Time limit of one upstream call, in seconds.
    #[arg(long, default_value_t = 35)]
    upstream_timeout_s: u64,
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
async fn main() {
    let result = match Cli::parse().backend {
        Backend::Sandbox(args) => run_sandbox(args).await,
        Backend::Gateway(args) => run_gateway(args).await,
    };
    if let Err(e) = result {
        eprintln!("hotspot-users-server: {e}");
        std::process::exit(2);
    }
}

async fn run_sandbox(cli: SandboxArgs) -> Result<(), String> {
    let mut faults = FaultSettings {
        latency_ms: cli.latency_ms,
        failure_rate: cli.failure_rate,
        failure_status: Some(cli.fail_status),
        seed: cli.fault_seed,
        queue: cli.faults.map(|q| q.0).unwrap_or_default(),
    };
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
        directory_exact_names: cli.directory_exact_names,
        site_latency_ms: cli.site_latency_ms,
        no_whole_lists: cli.no_whole_lists,
    };
    let listener = tokio::net::TcpListener::bind(&cli.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let state = Shared::new(settings).map_err(|e| format!("the state file: {e}"))?;
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
    println!("  directory:   {}", directory_line(&state));
    println!("  token:       {}", token_list.join(", "));
    println!(
        "  sign-in:     account {}, IAM user {} (or {} with MFA: user ID {}, code {}), password {}",
        iam::DEMO_ACCOUNT,
        iam::DEMO_USER,
        iam::DEMO_MFA_USER,
        iam::DEMO_MFA_USER_ID,
        iam::DEMO_MFA_CODE,
        iam::DEMO_PASSWORD
    );
    match &state.settings.dist {
        Some(_) => println!("  examples:    http://{addr}/examples/portal.html, http://{addr}/examples/hostile-host.html"),
        None => println!("  (no --dist: only the API is served)"),
    }
    sandbox::serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
        println!("shutting down");
    })
    .await
    .map_err(|e| e.to_string())
}

/// The demo directory's size and how it matches names.
fn directory_line(state: &Shared) -> String {
    let size = state
        .store
        .lock()
        .expect("store lock")
        .directory_users(seed::DEMO_PROJECT)
        .map_or(0, <[_]>::len);
    let matching = if state.settings.directory_exact_names {
        "exact, case-sensitive (--directory-exact-names)"
    } else {
        "case-insensitive substring (--directory-exact-names: exact)"
    };
    format!(
        "{size} users in the demo project; user_name matches as {matching}; \
         {} of the large config's users are gone from it, {} renamed",
        seed::demo_stale_ids().len(),
        seed::demo_renamed().len()
    )
}

async fn run_gateway(cli: GatewayArgs) -> Result<(), String> {
    let addr: SocketAddr = cli
        .listen
        .parse()
        .map_err(|_| format!("--listen {}: give an IP address and port", cli.listen))?;
    if !addr.ip().is_loopback() && !cli.public {
        return Err(format!(
            "--listen {addr} is not a loopback address: add --public to listen there"
        ));
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    if cli.public {
        eprintln!(
            "warning: the gateway listens on {bound}, reachable from other machines. \
             Put it behind your portal's TLS and access control; it adds none of its own."
        );
    }
    let mut hosts = cli.hosts.clone();
    hosts.push(bound.to_string());
    if is_loopback(&bound.ip().to_string()) {
        hosts.push(format!("localhost:{}", bound.port()));
    }
    let timeout = Duration::from_secs(cli.upstream_timeout_s.max(1));
    let settings = gateway::Settings {
        region: cli.region.clone(),
        upstream: cli.upstream,
        iam_upstream: cli.iam_upstream,
        ca_file: cli.ca_file,
        timeout,
        hosts,
        dist: cli.dist,
        log: AccessLog::stdout(),
    };
    let gw = gateway::Gateway::new(&settings)?;
    println!(
        "hotspot-users gateway for {} listening on http://{bound}/",
        cli.region
    );
    println!("  forwarding: {}", gateway::decide::forwarded());
    gateway::serve(listener, gw, settings.dist, timeout, async {
        let _ = tokio::signal::ctrl_c().await;
        println!("stopping: finishing the requests in flight");
    })
    .await
    .map_err(|e| e.to_string())
}
