//! Reading from the API with the model's retry policy (network errors,
//! timeouts, 429 and 5xx; `Retry-After` as a floor; full jitter; 5
//! attempts): the pages of a configuration's users, into a
//! [`PagedRead`] that keeps what was read when a page finally fails. When
//! the console's own server offers it, a read starts with the whole list in
//! one request, and goes on by pages only if that fails.

use std::cell::Cell;

use futures_util::future::{select, Either};
use futures_util::stream::{FuturesUnordered, StreamExt};
use gloo_timers::future::TimeoutFuture;
use serde::de::DeserializeOwned;

use crate::model::activity::LogEntry;
use crate::model::connection::Ready;
use crate::model::console::PageRetry;
use crate::model::paging::{PagedRead, Reports, IN_FLIGHT_PAGES};
use crate::model::retry::{self, Next};
use crate::model::{ApiError, ListNonMigrationUsersResponse, Page};
use crate::ui::browser::storage;
use crate::ui::net::api::{self, Reply};
use crate::ui::net::flows::{entry, Dispatch};
use crate::ui::net::lifetime::Lifetime;
use crate::ui::state::Msg;

thread_local! {
    static WHOLE_LISTS: Cell<bool> = const { Cell::new(false) };
}

/// The page's server said whether it answers whole-list reads
/// ([`crate::model::server_info::ServerInfo::whole_lists`]).
pub fn offer_whole_lists(offered: bool) {
    WHOLE_LISTS.with(|w| w.set(offered));
}

/// The whole list in one request, when the page's server offers it and
/// nothing is read yet: `Some(Err)` only when it needs a new token (pages
/// would be refused too); any other failure is logged and the read goes
/// on by pages.
async fn read_whole(
    ready: &Ready,
    read: &mut PagedRead,
    lifetime: &Lifetime,
    events: &ReadEvents<'_>,
) -> Option<PageError> {
    if !read.wants_whole() || !WHOLE_LISTS.with(Cell::get) || lifetime.is_over() {
        return None;
    }
    let url = ready.base.whole_list(&ready.project, &ready.config)?;
    // The server reads two rounds of pages for it, within its own limit of
    // one call: twice a page's limit lets its answer (a 504 included) come.
    let reply = api::get_json::<ListNonMigrationUsersResponse>(
        &url,
        &ready.token,
        events.timeout_ms.saturating_mul(2),
        lifetime,
    )
    .await;
    match reply {
        Ok(reply) => {
            let users = reply.body.non_migrate_users;
            let logged = entry("GET", users.len(), 1, Ok(reply.request_id));
            events.dispatch.dispatch(Msg::Logged(logged));
            read.record_whole(users);
            None
        }
        Err(error) => {
            let logged = entry("GET", 0, 1, Err(&error));
            events.dispatch.dispatch(Msg::Logged(logged));
            error.needs_new_token().then_some(PageError {
                page: Page::first(),
                attempts: 1,
                error,
            })
        }
    }
}

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

/// A read's progress report: users read so far, the total, and the pages
/// that came back since the last report.
pub type OnProgress<'a> = dyn Fn(usize, Option<u32>, &[Page]) + 'a;

/// Reports of a paged read, and its time limit per request.
pub struct ReadEvents<'a> {
    /// Time limit of one request.
    pub timeout_ms: u32,
    /// Activity log entries.
    pub dispatch: &'a Dispatch,
    /// After pages came back (read or given up): users read so far, the
    /// total, and the pages since the last report. Reports come at most
    /// every [`crate::model::paging::REPORT_EVERY_MS`], with the log
    /// entries of those pages.
    pub on_progress: &'a OnProgress<'a>,
    /// A page is being retried.
    pub on_retry: &'a dyn Fn(PageRetry),
}

/// One page, retried; with its activity log entry.
async fn read_page(
    ready: &Ready,
    page: Page,
    lifetime: &Lifetime,
    events: &ReadEvents<'_>,
) -> (Result<ListNonMigrationUsersResponse, PageError>, LogEntry) {
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
            let logged = entry("GET", n, attempts, Ok(reply.request_id));
            (Ok(reply.body), logged)
        }
        Err(error) => {
            let logged = entry("GET", 0, attempts, Err(&error));
            let failed = PageError {
                page,
                attempts,
                error,
            };
            (Err(failed), logged)
        }
    }
}

/// What a read has not reported yet: pages that came back and their log
/// entries, sent together when [`Reports`] says so.
struct Unreported<'a> {
    events: &'a ReadEvents<'a>,
    reports: Reports,
    logged: Vec<LogEntry>,
}

impl Unreported<'_> {
    fn now() -> f64 {
        js_sys::Date::now()
    }

    fn send(&mut self, read: &PagedRead, pages: Vec<Page>) {
        for entry in self.logged.drain(..) {
            self.events.dispatch.dispatch(Msg::Logged(entry));
        }
        (self.events.on_progress)(read.received(), read.total(), &pages);
    }

    fn came_back(&mut self, read: &PagedRead, page: Page, logged: LogEntry) {
        self.logged.push(logged);
        if let Some(pages) = self.reports.came_back(page, Self::now()) {
            self.send(read, pages);
        }
    }

    fn if_due(&mut self, read: &PagedRead) {
        if let Some(pages) = self.reports.due(Self::now()) {
            self.send(read, pages);
        }
    }

    /// How long until what waits is due (ms).
    fn wait(&self) -> Option<u32> {
        self.reports.wait(Self::now()).map(|ms| ms.ceil() as u32)
    }

    /// The read ended: everything still waiting.
    fn flush(&mut self, read: &PagedRead) {
        let pages = self.reports.rest();
        if !pages.is_empty() {
            self.send(read, pages);
        }
    }
}

/// Reads every page `read` still misses (first the whole list at once,
/// when the server offers it: see [`read_whole`]), [`IN_FLIGHT_PAGES`] in flight:
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
    if let Some(refused) = read_whole(ready, read, lifetime, events).await {
        return Err(refused);
    }
    let mut failures: Vec<PageError> = Vec::new();
    let mut flying: Vec<u32> = Vec::new();
    let mut in_flight = FuturesUnordered::new();
    let mut stop = false;
    let mut unreported = Unreported {
        events,
        reports: Reports::default(),
        logged: Vec::new(),
    };
    loop {
        if read.is_complete() {
            unreported.flush(read);
            let key = (ready.project.clone(), ready.config.clone());
            storage::save_count(&key, read.received());
            return Ok(());
        }
        if !stop && !lifetime.is_over() {
            let set_aside = |o: u32| failures.iter().any(|f| f.page.offset == o);
            // The first missing pages include every one in flight or set
            // aside, so this many always holds the next ones to start.
            let wanted: Vec<Page> = read
                .missing(IN_FLIGHT_PAGES + flying.len() + failures.len())
                .into_iter()
                .filter(|p| !set_aside(p.offset) && !flying.contains(&p.offset))
                .take(IN_FLIGHT_PAGES - flying.len())
                .collect();
            for page in wanted {
                flying.push(page.offset);
                in_flight
                    .push(async move { (page, read_page(ready, page, lifetime, events).await) });
            }
        }
        // The next answer; or, when pages wait to be reported, whichever
        // comes first of that and their report being due.
        let next = match unreported.wait() {
            None => in_flight.next().await,
            Some(ms) => match select(in_flight.next(), TimeoutFuture::new(ms)).await {
                Either::Left((next, _)) => next,
                Either::Right(_) => {
                    unreported.if_due(read);
                    continue;
                }
            },
        };
        let Some((page, (reply, logged))) = next else {
            unreported.flush(read);
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
        unreported.came_back(read, page, logged);
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
    // A page that needs a new token first, then the first page.
    let first = failures
        .into_iter()
        .filter(|f| missing.contains(&f.page))
        .min_by_key(|f| (!f.error.needs_new_token(), f.page.offset));
    first.unwrap_or_else(|| PageError {
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
