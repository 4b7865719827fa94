//! Reading from the API with the model's retry policy (network errors,
//! timeouts, 429 and 5xx; `Retry-After` as a floor; full jitter; 5
//! attempts): the pages of a configuration's users, into a
//! [`PagedRead`] that keeps what was read when a page finally fails.

use futures_util::stream::{FuturesUnordered, StreamExt};
use serde::de::DeserializeOwned;

use crate::model::connection::Ready;
use crate::model::console::PageRetry;
use crate::model::paging::{PagedRead, PARALLEL_PAGES};
use crate::model::retry::{self, Next};
use crate::model::{ApiError, ListNonMigrationUsersResponse, Page};
use crate::ui::browser::storage;
use crate::ui::net::api::{self, Reply};
use crate::ui::net::flows::{log, Dispatch};
use crate::ui::net::lifetime::Lifetime;

/// `GET url`, retried while the model says so; `on_retry(attempt, error)`
/// runs before each wait. Returns the result and the attempts made.
pub async fn get_retrying<T: DeserializeOwned>(
    url: &str,
    token: &str,
    timeout_ms: u32,
    lifetime: &Lifetime,
    on_retry: &dyn Fn(u32, &ApiError),
) -> (Result<Reply<T>, ApiError>, u32) {
    let mut attempt = 1;
    loop {
        let error = match api::get_json::<T>(url, token, timeout_ms, lifetime).await {
            Ok(reply) => return (Ok(reply), attempt),
            Err(e) => e,
        };
        match retry::next(&error, attempt, js_sys::Math::random()) {
            // A stopped load or a closed console neither waits nor retries.
            _ if lifetime.is_over() => return (Err(error), attempt),
            Next::RetryAfter(ms) => {
                attempt += 1;
                on_retry(attempt, &error);
                gloo_timers::future::TimeoutFuture::new(ms as u32).await;
            }
            Next::NeedToken | Next::Stop => return (Err(error), attempt),
        }
    }
}

/// A page that failed after every attempt.
#[derive(Debug, Clone)]
pub struct PageError {
    /// The page.
    pub page: Page,
    /// Attempts made.
    pub attempts: u32,
    /// The last error.
    pub error: ApiError,
}

/// Reports of a paged read, and its time limit per request.
pub struct ReadEvents<'a> {
    /// Time limit of one request.
    pub timeout_ms: u32,
    /// Activity log entries.
    pub dispatch: &'a Dispatch,
    /// After each page came back (read or given up): users read so far,
    /// the total, and the page.
    pub on_progress: &'a dyn Fn(usize, Option<u32>, Page),
    /// A page is being retried.
    pub on_retry: &'a dyn Fn(PageRetry),
}

async fn read_page(
    ready: &Ready,
    page: Page,
    lifetime: &Lifetime,
    events: &ReadEvents<'_>,
) -> Result<ListNonMigrationUsersResponse, PageError> {
    let url = ready
        .base
        .list_users(&ready.project, &ready.config, None, page);
    let on_retry = |attempt: u32, error: &ApiError| {
        (events.on_retry)(PageRetry {
            page,
            attempt,
            error: error.clone(),
        })
    };
    let (result, attempts) = get_retrying::<ListNonMigrationUsersResponse>(
        &url,
        &ready.token,
        events.timeout_ms,
        lifetime,
        &on_retry,
    )
    .await;
    match result {
        Ok(reply) => {
            let n = reply.body.non_migrate_users.len();
            log(events.dispatch, "GET", n, attempts, Ok(reply.request_id));
            Ok(reply.body)
        }
        Err(error) => {
            log(events.dispatch, "GET", 0, attempts, Err(&error));
            Err(PageError {
                page,
                attempts,
                error,
            })
        }
    }
}

/// Reads every page `read` still misses, [`PARALLEL_PAGES`] in flight:
/// as each answer comes, the next missing page starts. A page that fails
/// every attempt is set aside and the others are still read; a 401 (or a
/// stopped load) starts nothing more. Once every page is in, requests still
/// out (pages past the end, asked for before the total was known) are
/// dropped, and the configuration's user count is remembered for the next
/// read. Otherwise returns the failure to show: a 401 first (it needs a
/// new token), else the first page in order that is still missing.
pub async fn read_pages(
    ready: &Ready,
    read: &mut PagedRead,
    lifetime: &Lifetime,
    events: &ReadEvents<'_>,
) -> Result<(), PageError> {
    let mut failures: Vec<PageError> = Vec::new();
    let mut flying: Vec<u32> = Vec::new();
    let mut in_flight = FuturesUnordered::new();
    let mut stop = false;
    loop {
        if read.is_complete() {
            let key = (ready.project.clone(), ready.config.clone());
            storage::save_count(&key, read.received());
            return Ok(());
        }
        if !stop && !lifetime.is_over() {
            let set_aside = |o: u32| failures.iter().any(|f| f.page.offset == o);
            // The first missing pages include every one in flight or set
            // aside, so this many always holds the next ones to start.
            let wanted: Vec<Page> = read
                .missing(PARALLEL_PAGES + flying.len() + failures.len())
                .into_iter()
                .filter(|p| !set_aside(p.offset) && !flying.contains(&p.offset))
                .take(PARALLEL_PAGES - flying.len())
                .collect();
            for page in wanted {
                flying.push(page.offset);
                in_flight
                    .push(async move { (page, read_page(ready, page, lifetime, events).await) });
            }
        }
        let Some((page, reply)) = in_flight.next().await else {
            return Err(to_show(failures, read, lifetime));
        };
        flying.retain(|&o| o != page.offset);
        match reply {
            Ok(body) => read.record(page, body.non_migrate_users, body.total_count),
            Err(e) => {
                stop |= e.error.needs_new_token() || lifetime.is_over();
                failures.push(e);
            }
        }
        (events.on_progress)(read.received(), read.total(), page);
    }
}

/// The failure a read that could not finish reports (see [`read_pages`]).
fn to_show(failures: Vec<PageError>, read: &PagedRead, lifetime: &Lifetime) -> PageError {
    // A failed page still missing is among this many first missing pages.
    let reach = failures
        .iter()
        .map(|f| (f.page.offset / f.page.limit.max(1)) as usize + 1)
        .max()
        .unwrap_or(1);
    let missing = read.missing(reach);
    let mut still: Vec<PageError> = failures
        .into_iter()
        .filter(|f| missing.contains(&f.page))
        .collect();
    still.sort_by_key(|f| (!f.error.needs_new_token(), f.page.offset));
    still.into_iter().next().unwrap_or_else(|| PageError {
        // Nothing failed: the load was stopped before its next pages started.
        page: missing.first().copied().unwrap_or_else(Page::first),
        attempts: 0,
        error: ApiError::network(if lifetime.is_over() {
            "the load was stopped"
        } else {
            "pages are missing"
        }),
    })
}
