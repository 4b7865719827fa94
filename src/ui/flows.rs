//! Reading from the API: every page of users (restoring staged work) and the
//! project's configurations. Flows only send requests and dispatch [`Msg`]s;
//! every decision comes from the model.

use futures_util::future::join_all;
use yew::{Callback, UseReducerDispatcher};

use crate::model::activity::LogEntry;
use crate::model::connection::Ready;
use crate::model::{
    ApiError, HotspotSessionMigrationConfig, ListHotspotSessionConfigResponse,
    ListNonMigrationUsersResponse, Page, ProjectId, Table, UserInfo,
};
use crate::ui::api;
use crate::ui::host::HostEvent;
use crate::ui::lifetime::Lifetime;
use crate::ui::state::{Console, Msg};
use crate::ui::storage;

/// Where flows send their state changes.
pub type Dispatch = UseReducerDispatcher<Console>;

fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Adds a request to the activity log.
pub fn log(
    dispatch: &Dispatch,
    kind: &str,
    users: usize,
    attempts: u32,
    result: Result<Option<String>, &ApiError>,
) {
    let (status, request_id, error) = match result {
        Ok(rid) => (Some(200), rid, None),
        Err(e) => (e.status, e.request_id.clone(), Some(e.message())),
    };
    dispatch.dispatch(Msg::Logged(LogEntry {
        time: now(),
        kind: kind.into(),
        users,
        status,
        request_id,
        attempts,
        error,
    }));
}

/// Pages requested at once after the first.
const PARALLEL_PAGES: usize = 6;

/// One page of users, logged.
async fn fetch_page(
    ready: &Ready,
    dispatch: &Dispatch,
    page: Page,
    lifetime: &Lifetime,
) -> Result<ListNonMigrationUsersResponse, ApiError> {
    let url = ready
        .base
        .list_users(&ready.project, &ready.config, None, page);
    match api::get_json::<ListNonMigrationUsersResponse>(&url, &ready.token, lifetime).await {
        Ok(reply) => {
            log(
                dispatch,
                "GET",
                reply.body.non_migrate_users.len(),
                1,
                Ok(reply.request_id),
            );
            Ok(reply.body)
        }
        Err(e) => {
            log(dispatch, "GET", 0, 1, Err(&e));
            Err(e)
        }
    }
}

/// Every user of the configuration, 100 a page. When the first page tells
/// the total, the other pages are requested a few at a time; without a
/// total, pages are read one after another until a short one.
pub async fn fetch_users(
    ready: &Ready,
    dispatch: &Dispatch,
    lifetime: &Lifetime,
) -> Result<Vec<UserInfo>, ApiError> {
    let first = fetch_page(ready, dispatch, Page::first(), lifetime).await?;
    let total = first.total_count;
    let mut full = first.non_migrate_users.len() as u32 == Page::first().limit;
    let mut users = first.non_migrate_users;
    let progress = |users: &Vec<UserInfo>| {
        dispatch.dispatch(Msg::LoadProgress {
            received: users.len(),
            total,
        })
    };
    progress(&users);
    let mut next = Page::first().next();
    if let (true, Some(total)) = (full, total) {
        let pages: Vec<Page> = std::iter::successors(Some(next), |p| Some(p.next()))
            .take_while(|p| p.offset < total)
            .collect();
        for chunk in pages.chunks(PARALLEL_PAGES) {
            let replies = join_all(
                chunk
                    .iter()
                    .map(|p| fetch_page(ready, dispatch, *p, lifetime)),
            )
            .await;
            for reply in replies {
                users.extend(reply?.non_migrate_users);
            }
            progress(&users);
        }
        return Ok(users);
    }
    while full {
        let reply = fetch_page(ready, dispatch, next, lifetime).await?;
        full = reply.non_migrate_users.len() as u32 == next.limit;
        users.extend(reply.non_migrate_users);
        progress(&users);
        next = next.next();
    }
    Ok(users)
}

/// Loads every user and restores the staged work saved for this configuration.
pub async fn load(
    ready: Ready,
    dispatch: Dispatch,
    events: Callback<HostEvent>,
    lifetime: Lifetime,
) {
    let key = (ready.project.clone(), ready.config.clone());
    dispatch.dispatch(Msg::LoadStarted(key.clone()));
    match fetch_users(&ready, &dispatch, &lifetime).await {
        Ok(users) => {
            let table = Table::with_staged(users, storage::load_staged(&key));
            dispatch.dispatch(Msg::Loaded(key, table));
        }
        Err(e) => {
            events.emit(HostEvent::error(&e));
            dispatch.dispatch(Msg::LoadFailed(e));
        }
    }
}

/// Every configuration of the project (pages until a short one).
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
        let reply =
            api::get_json::<ListHotspotSessionConfigResponse>(&url, &token, &lifetime).await?;
        let n = reply.body.items.len();
        all.extend(reply.body.items);
        if (n as u32) < page.limit {
            return Ok(all);
        }
        page = page.next();
    }
}
