//! The sandbox backend: a local stand-in for the cloud that implements the
//! five `hotspot-session-config` operations, the Workspace user directory
//! and IAM's sign-in like the cloud does, serves the console's build on the
//! same origin, persists its state and injects faults on demand.

pub mod admin;
pub mod api;
pub mod demo;
pub mod directory;
pub mod error;
pub mod faults;
pub mod gate;
pub mod iam;
pub mod persist;
pub mod seed;
pub mod store;
pub mod tokens;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;

use crate::sandbox::faults::{FaultSettings, Faults};
use crate::sandbox::store::Store;
use crate::sandbox::tokens::Tokens;

/// How a sandbox starts.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Accepted tokens, each with an optional lifetime.
    pub tokens: Vec<(String, Option<Duration>)>,
    /// The console's build to serve at `/`.
    pub dist: Option<PathBuf>,
    /// Where state is saved after each change and loaded at start.
    pub state_file: Option<PathBuf>,
    /// Initial faults.
    pub faults: FaultSettings,
    /// Enables `/__admin/*` when set: requests must carry it as `X-Admin-Secret`.
    pub admin_secret: Option<String>,
    /// The directory matches `user_name` exactly (case-sensitive) instead
    /// of as a case-insensitive substring.
    pub directory_exact_names: bool,
    /// Latency added to the console's own files (milliseconds): with the
    /// API's latency, a page served from as far away as the region.
    pub site_latency_ms: u64,
    /// Answers no whole-list reads (the console then reads by pages, as
    /// through a plain proxy of the API).
    pub no_whole_lists: bool,
}

/// Shared server state.
pub struct Shared {
    /// The data.
    pub store: Mutex<Store>,
    /// Accepted tokens.
    pub tokens: Mutex<Tokens>,
    /// Fault injection.
    pub faults: Mutex<Faults>,
    /// Start settings.
    pub settings: Settings,
    /// Counter behind request ids.
    pub requests: AtomicU64,
    /// Accepted user updates in the order they were applied; kept only
    /// when the admin endpoint is enabled.
    pub journal: Mutex<Vec<JournalEntry>>,
}

/// One accepted `PATCH .../non-migration-users`, as applied.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct JournalEntry {
    /// Project id.
    pub project: String,
    /// Configuration id.
    pub config: String,
    /// ADD or DELETE.
    pub update_type: hotspot_users::model::UpdateType,
    /// The validated users (id, name).
    pub users: Vec<(String, String)>,
}

/// The journal keeps at most this many entries (oldest dropped).
pub const JOURNAL_CAP: usize = 100_000;

/// The state handed to every handler.
pub type AppState = Arc<Shared>;

impl Shared {
    /// Builds the state: the state file when it exists, else the demo data.
    pub fn new(settings: Settings) -> std::io::Result<AppState> {
        let store = match &settings.state_file {
            Some(path) => load_or_seed(path)?,
            None => seed::demo(),
        };
        let mut tokens = Tokens::default();
        for (t, ttl) in &settings.tokens {
            tokens.add(t, *ttl);
        }
        Ok(Arc::new(Shared {
            store: Mutex::new(store),
            tokens: Mutex::new(tokens),
            faults: Mutex::new(Faults::new(settings.faults.clone())),
            settings,
            requests: AtomicU64::new(0),
            journal: Mutex::new(Vec::new()),
        }))
    }

    fn record(&self, entry: JournalEntry) {
        let mut journal = self.journal.lock().expect("journal lock");
        if journal.len() >= JOURNAL_CAP {
            journal.remove(0);
        }
        journal.push(entry);
    }

    /// Runs `change` on the store and saves it when it succeeds.
    pub fn mutate<T, E: From<std::io::Error>>(
        &self,
        change: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        self.mutate_logged(None, change)
    }

    /// Like [`Shared::mutate`], and journals `entry` once the change is saved,
    /// still under the store's lock, so the journal's order is the store's.
    pub fn mutate_logged<T, E: From<std::io::Error>>(
        &self,
        entry: Option<JournalEntry>,
        change: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut store = self.store.lock().expect("store lock");
        let mut next = store.clone();
        let out = change(&mut next)?;
        if let Some(path) = &self.settings.state_file {
            persist::save(path, &next)?;
        }
        *store = next;
        if let Some(entry) = entry.filter(|_| self.settings.admin_secret.is_some()) {
            self.record(entry);
        }
        Ok(out)
    }
}

/// The state file's store, with the demo directory added when an older
/// file lacks it; the demo data (saved) when there is no file yet.
fn load_or_seed(path: &std::path::Path) -> std::io::Result<Store> {
    let (store, changed) = match persist::load(path)? {
        Some(mut store) => {
            let seeded = seed::ensure_directory(&mut store);
            (store, seeded)
        }
        None => (seed::demo(), true),
    };
    if changed {
        persist::save(path, &store)?;
    }
    Ok(store)
}

/// The whole application: API, admin endpoint and console.
pub fn app(state: AppState) -> Router {
    let files = crate::site::files(state.settings.dist.clone());
    let site_latency = Duration::from_millis(state.settings.site_latency_ms);
    let site = Router::new()
        .route(demo::SERVER_INFO_PATH, axum::routing::get(demo::offer))
        .with_state(state.clone())
        .fallback(move |req: axum::extract::Request| {
            let files = files.clone();
            async move {
                if crate::site::is_api(req.uri().path()) {
                    api::unknown_api().await
                } else {
                    files.respond(req).await
                }
            }
        });
    let site = site.layer(axum::middleware::from_fn(
        move |req: axum::extract::Request, next: axum::middleware::Next| async move {
            if !site_latency.is_zero() {
                tokio::time::sleep(site_latency).await;
            }
            next.run(req).await
        },
    ));
    let all = Router::new()
        .merge(api::routes(state.clone()))
        .merge(directory::routes(state.clone()))
        .merge(iam::routes(state.clone()))
        .merge(admin::routes(state.clone()))
        .merge(site);
    crate::site::with_security_headers(all).layer(axum::middleware::from_fn_with_state(
        state,
        gate::request_id,
    ))
}

/// Binds `addr` and serves until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Starts a sandbox on an ephemeral loopback port; for tests.
pub async fn spawn(settings: Settings) -> std::io::Result<(SocketAddr, AppState)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let state = Shared::new(settings)?;
    let served = state.clone();
    tokio::spawn(async move { serve(listener, served, std::future::pending()).await });
    Ok((addr, state))
}
