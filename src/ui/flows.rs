//! The console's request flows: loading every page of users, listing
//! configurations, and applying the plan with retries. They only send
//! requests and dispatch [`Msg`]s; every decision comes from the model.

use futures_util::future::join_all;
use yew::UseReducerDispatcher;

use crate::model::activity::LogEntry;
use crate::model::connection::Ready;
use crate::model::retry::{self, Next};
use crate::model::table::differences;
use crate::model::{
    plan, Action, ApiError, HotspotSessionMigrationConfig, ListHotspotSessionConfigResponse,
    ListNonMigrationUsersResponse, Page, ProjectId, Table, UserInfo,
};
use crate::ui::api;
use crate::ui::state::{Console, Msg, Run};
use crate::ui::storage;

type Dispatch = UseReducerDispatcher<Console>;

fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

fn log(
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
) -> Result<ListNonMigrationUsersResponse, ApiError> {
    let url = ready
        .base
        .list_users(&ready.project, &ready.config, None, page);
    match api::get_json::<ListNonMigrationUsersResponse>(&url, &ready.token).await {
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
async fn fetch_users(ready: &Ready, dispatch: &Dispatch) -> Result<Vec<UserInfo>, ApiError> {
    let first = fetch_page(ready, dispatch, Page::first()).await?;
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
            let replies = join_all(chunk.iter().map(|p| fetch_page(ready, dispatch, *p))).await;
            for reply in replies {
                users.extend(reply?.non_migrate_users);
            }
            progress(&users);
        }
        return Ok(users);
    }
    while full {
        let reply = fetch_page(ready, dispatch, next).await?;
        full = reply.non_migrate_users.len() as u32 == next.limit;
        users.extend(reply.non_migrate_users);
        progress(&users);
        next = next.next();
    }
    Ok(users)
}

/// Loads every user and restores the staged work saved for this configuration.
pub async fn load(ready: Ready, dispatch: Dispatch) {
    let key = (ready.project.clone(), ready.config.clone());
    dispatch.dispatch(Msg::LoadStarted(key.clone()));
    match fetch_users(&ready, &dispatch).await {
        Ok(users) => {
            let table = Table::with_staged(users, storage::load_staged(&key));
            dispatch.dispatch(Msg::Loaded(key, table));
        }
        Err(e) => dispatch.dispatch(Msg::LoadFailed(e)),
    }
}

/// Every configuration of the project (pages until a short one).
pub async fn list_configs(
    base: crate::model::ApiBase,
    project: ProjectId,
    token: String,
) -> Result<Vec<HotspotSessionMigrationConfig>, ApiError> {
    let mut all = Vec::new();
    let mut page = Page::first();
    loop {
        let url = base.list_configs(&project, page);
        let reply = api::get_json::<ListHotspotSessionConfigResponse>(&url, &token).await?;
        let n = reply.body.items.len();
        all.extend(reply.body.items);
        if (n as u32) < page.limit {
            return Ok(all);
        }
        page = page.next();
    }
}

/// Sends the plan of `table` in order, retrying what is safe to retry; then
/// re-reads the server and compares it with the intended users.
pub async fn apply(ready: Ready, table: Table, batch: usize, timeout_ms: u32, dispatch: Dispatch) {
    let intended = table.target();
    let plan = match plan(&table, batch) {
        Ok(p) => p,
        Err(e) => {
            dispatch.dispatch(Msg::Notice(e.to_string()));
            return;
        }
    };
    let url = ready
        .base
        .non_migration_users(&ready.project, &ready.config);
    let total = plan.requests.len();
    for (i, request) in plan.requests.into_iter().enumerate() {
        let kind = request.update_type.as_str();
        let users = request.non_migrate_users.len();
        let mut attempt = 1;
        let mut retrying = None;
        loop {
            dispatch.dispatch(Msg::Run(Run::Sending {
                current: i + 1,
                total,
                attempt,
                retrying: retrying.clone(),
            }));
            match api::patch_json(&url, &ready.token, &request, timeout_ms).await {
                Ok(reply) => {
                    log(&dispatch, kind, users, attempt, Ok(reply.request_id));
                    dispatch.dispatch(Msg::Table(Action::Applied {
                        update_type: request.update_type,
                        users: request.non_migrate_users,
                    }));
                    break;
                }
                Err(e) => match retry::next(&e, attempt, js_sys::Math::random()) {
                    Next::RetryAfter(ms) => {
                        dispatch.dispatch(Msg::Retried(format!(
                            "Request {} ({kind} {users} users), attempt {attempt}: {}",
                            i + 1,
                            e.message()
                        )));
                        gloo_timers::future::TimeoutFuture::new(ms as u32).await;
                        attempt += 1;
                        retrying = Some(e);
                    }
                    Next::NeedToken => {
                        log(&dispatch, kind, users, attempt, Err(&e));
                        dispatch.dispatch(Msg::Run(Run::NeedsToken(e)));
                        return;
                    }
                    Next::Stop => {
                        log(&dispatch, kind, users, attempt, Err(&e));
                        dispatch.dispatch(Msg::Run(Run::Stopped(e)));
                        return;
                    }
                },
            }
        }
    }
    match fetch_users(&ready, &dispatch).await {
        Ok(server) => {
            let diffs = differences(&intended, &server);
            dispatch.dispatch(Msg::Table(Action::Loaded(server)));
            dispatch.dispatch(Msg::Run(Run::Verified(diffs)));
        }
        Err(e) => dispatch.dispatch(Msg::Run(Run::Stopped(e))),
    }
}

/// The default time limit of one PATCH, in seconds: past the gateway's own
/// 30-second limit, so a slow backend shows up as the gateway's 504.
pub const PATCH_TIMEOUT_SECS: u32 = 35;
