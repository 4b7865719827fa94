//! Loading a configuration's users (restoring staged work) and listing the
//! project's configurations, with the retrying reads of [`crate::ui::net::reads`].
//! Flows only send requests and dispatch [`Msg`]s; every decision comes
//! from the model.

use std::cell::Cell;
use std::rc::Rc;

use yew::{Callback, UseReducerDispatcher};

use crate::model::activity::LogEntry;
use crate::model::connection::Ready;
use crate::model::paging::PagedRead;
use crate::model::{
    ApiError, ConfigId, HotspotSessionMigrationConfig, ListHotspotSessionConfigResponse, Page,
    ProjectId, Table,
};
use crate::ui::browser::host::HostEvent;
use crate::ui::browser::storage;
use crate::ui::net::api;
use crate::ui::net::lifetime::Lifetime;
use crate::ui::net::reads::{get_retrying, read_pages, PageError, ReadEvents};
use crate::ui::state::{Console, LoadFailure, Msg};

/// Where flows send their state changes.
pub type Dispatch = UseReducerDispatcher<Console>;

fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// An activity log entry for a request that ended now.
pub fn entry(
    kind: &str,
    users: usize,
    attempts: u32,
    result: Result<Option<String>, &ApiError>,
) -> LogEntry {
    let (status, request_id, error) = match result {
        Ok(rid) => (Some(200), rid, None),
        Err(e) => (e.status, e.request_id.clone(), Some(e.message())),
    };
    LogEntry {
        time: now(),
        kind: kind.into(),
        users,
        status,
        request_id,
        attempts,
        error,
    }
}

/// Adds a request to the activity log.
pub fn log(
    dispatch: &Dispatch,
    kind: &str,
    users: usize,
    attempts: u32,
    result: Result<Option<String>, &ApiError>,
) {
    dispatch.dispatch(Msg::Logged(entry(kind, users, attempts, result)));
}

/// Loads every user, starting from the pages a stopped load kept
/// (`partial`), and restores the staged work saved for this configuration.
/// The load always ends: loaded, failed (pages read are kept) or, when
/// `lifetime` ends first, cancelled.
pub async fn load(
    ready: Ready,
    partial: Option<PagedRead>,
    timeout_ms: u32,
    dispatch: Dispatch,
    events: Callback<HostEvent>,
    lifetime: Lifetime,
) {
    let key = (ready.project.clone(), ready.config.clone());
    // The first requests go out before the console renders the load: that
    // render waits for the next task of this queue, so it overlaps the round
    // trip instead of preceding it. Started once, before the load's end.
    let started = Rc::new(Cell::new(false));
    let start = {
        let (dispatch, key, started) = (dispatch.clone(), key.clone(), started.clone());
        move || {
            if !started.replace(true) {
                dispatch.dispatch(Msg::LoadStarted(key.clone()));
            }
        }
    };
    {
        let start = start.clone();
        wasm_bindgen_futures::spawn_local(async move { start() });
    }
    let mut read = partial.unwrap_or_else(|| PagedRead::expecting(storage::load_count(&key)));
    let on_progress = |received, total, pages: &[Page]| {
        dispatch.dispatch(Msg::LoadProgress {
            received,
            total,
            pages: pages.to_vec(),
        })
    };
    let on_retry = |retry| dispatch.dispatch(Msg::LoadRetrying(retry));
    let reporting = ReadEvents {
        timeout_ms,
        dispatch: &dispatch,
        on_progress: &on_progress,
        on_retry: &on_retry,
    };
    let result = read_pages(&ready, &mut read, &lifetime, &reporting).await;
    start();
    match result {
        Ok(()) => {
            let table = Table::with_staged(read.users(), storage::load_staged(&key));
            dispatch.dispatch(Msg::Loaded(key, table));
        }
        Err(_) if lifetime.is_over() => dispatch.dispatch(Msg::LoadCancelled(Some(read))),
        Err(PageError {
            page,
            attempts,
            error,
        }) => {
            events.emit(HostEvent::error(&error));
            let failure = LoadFailure {
                error,
                page: Some(page),
                attempts,
                kept: read.received(),
                total: read.total(),
            };
            dispatch.dispatch(Msg::LoadFailed(failure, Some(read)));
        }
    }
}

/// Every configuration of the project (pages until a short one). Each
/// one's user count is remembered: loading it then asks for all its pages
/// at once; the counts of configurations no longer listed are forgotten.
pub async fn list_configs(
    base: crate::model::ApiBase,
    project: ProjectId,
    token: String,
    lifetime: Lifetime,
) -> Result<Vec<HotspotSessionMigrationConfig>, ApiError> {
    let mut all = Vec::new();
    let mut page = Page::first();
    loop {
        let url = base.list_configs(&project, page);
        let (reply, _) = get_retrying::<ListHotspotSessionConfigResponse>(
            &url,
            &token,
            api::DEFAULT_TIMEOUT_MS,
            &lifetime,
            &|_, _| {},
        )
        .await;
        let reply = reply?;
        let n = reply.body.items.len();
        all.extend(reply.body.items);
        if (n as u32) < page.limit {
            let listed: Vec<_> = all
                .iter()
                .filter_map(|c| Some((ConfigId::parse(&c.id).ok()?, c.non_migrate_users.len())))
                .collect();
            storage::save_listed_counts(&project, &listed);
            return Ok(all);
        }
        page = page.next();
    }
}
