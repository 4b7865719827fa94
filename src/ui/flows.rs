//! The console's request flows: loading every page of users, listing
//! configurations, and applying the plan with retries. They only send
//! requests and dispatch [`Msg`]s; every decision comes from the model.

use std::cell::Cell;
use std::rc::Rc;

use futures_util::future::join_all;
use yew::{Callback, UseReducerDispatcher};

use crate::i18n::{t, tf, Lang, T};
use crate::model::activity::LogEntry;
use crate::model::connection::Ready;
use crate::model::retry::{self, Next};
use crate::model::table::differences;
use crate::model::{
    plan, Action, ApiError, HotspotSessionMigrationConfig, ListHotspotSessionConfigResponse,
    ListNonMigrationUsersResponse, Page, ProjectId, Table, UpdateType, UserInfo,
};
use crate::ui::api;
use crate::ui::host::{Applied, HostEvent, TokenSource};
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
pub async fn load(ready: Ready, dispatch: Dispatch, events: Callback<HostEvent>) {
    let key = (ready.project.clone(), ready.config.clone());
    dispatch.dispatch(Msg::LoadStarted(key.clone()));
    match fetch_users(&ready, &dispatch).await {
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

/// What a run needs besides the plan.
pub struct RunContext {
    /// Requests go here, with this token (replaced after a 401 when a
    /// provider gives a new one).
    pub ready: Ready,
    /// Users per request.
    pub batch: usize,
    /// Time limit of one request.
    pub timeout_ms: u32,
    /// State updates.
    pub dispatch: Dispatch,
    /// Events for the host page.
    pub events: Callback<HostEvent>,
    /// The host's token provider, asked again after a 401.
    pub tokens: Option<TokenSource>,
    /// The language of notes.
    pub lang: Lang,
    /// Cleared when the console is unmounted: the run then sends nothing more.
    pub alive: Rc<Cell<bool>>,
}

/// Sends the plan of `table` in order, retrying what is safe to retry; then
/// re-reads the server and compares it with the intended users.
pub async fn apply(mut cx: RunContext, table: Table) {
    let dispatch = cx.dispatch.clone();
    let intended = table.target();
    let plan = match plan(&table, cx.batch) {
        Ok(p) => p,
        Err(e) => {
            dispatch.dispatch(Msg::Notice(e.message_in(cx.lang)));
            return;
        }
    };
    let url = cx
        .ready
        .base
        .non_migration_users(&cx.ready.project, &cx.ready.config);
    let total = plan.requests.len();
    let (added, deleted) = (plan.users(UpdateType::Add), plan.users(UpdateType::Delete));
    let mut request_ids = Vec::new();
    dispatch.dispatch(Msg::RunStarted);
    for (i, request) in plan.requests.into_iter().enumerate() {
        let kind = request.update_type.as_str();
        let users = request.non_migrate_users.len();
        let mut attempt = 1;
        let mut retrying = None;
        let mut renewed = false;
        loop {
            if !cx.alive.get() {
                return;
            }
            dispatch.dispatch(Msg::Run(Run::Sending {
                current: i + 1,
                total,
                attempt,
                retrying: retrying.clone(),
            }));
            match api::patch_json(&url, &cx.ready.token, &request, cx.timeout_ms).await {
                Ok(reply) => {
                    log(
                        &dispatch,
                        kind,
                        users,
                        attempt,
                        Ok(reply.request_id.clone()),
                    );
                    request_ids.extend(reply.request_id);
                    dispatch.dispatch(Msg::Table(Action::Applied {
                        update_type: request.update_type,
                        users: request.non_migrate_users,
                    }));
                    break;
                }
                Err(e) => {
                    // What the run recovered from, for the list shown after it.
                    let note = |message: &str| {
                        let args: [(&str, &dyn std::fmt::Display); 5] = [
                            ("i", &(i + 1)),
                            ("kind", &kind),
                            ("n", &users),
                            ("attempt", &attempt),
                            ("message", &message),
                        ];
                        tf(cx.lang, T::RetryNote, &args)
                    };
                    match retry::next(&e, attempt, js_sys::Math::random()) {
                        Next::RetryAfter(ms) => {
                            dispatch.dispatch(Msg::Retried(note(&e.message_in(cx.lang))));
                            gloo_timers::future::TimeoutFuture::new(ms as u32).await;
                            attempt += 1;
                            retrying = Some(e);
                        }
                        Next::NeedToken => {
                            cx.events.emit(HostEvent::TokenRequired);
                            // A provider may have a fresh token: ask it once per request.
                            if let (Some(tokens), false) = (&cx.tokens, renewed) {
                                renewed = true;
                                if let Ok(token) = tokens.token().await {
                                    if token != cx.ready.token {
                                        let message = format!(
                                            "{} {}",
                                            e.headline_in(cx.lang),
                                            t(cx.lang, T::NewTokenFromPage)
                                        );
                                        dispatch.dispatch(Msg::Retried(note(&message)));
                                        cx.ready.token = token;
                                        attempt += 1;
                                        continue;
                                    }
                                }
                            }
                            log(&dispatch, kind, users, attempt, Err(&e));
                            dispatch.dispatch(Msg::Run(Run::NeedsToken(e)));
                            return;
                        }
                        Next::Stop => {
                            log(&dispatch, kind, users, attempt, Err(&e));
                            cx.events.emit(HostEvent::error(&e));
                            dispatch.dispatch(Msg::Run(Run::Stopped(e)));
                            return;
                        }
                    }
                }
            }
        }
    }
    match fetch_users(&cx.ready, &dispatch).await {
        Ok(server) => {
            let diffs = differences(&intended, &server);
            cx.events.emit(HostEvent::Applied(Applied {
                added,
                deleted,
                request_ids,
                differences: diffs.len(),
            }));
            dispatch.dispatch(Msg::Table(Action::Loaded(server)));
            dispatch.dispatch(Msg::Run(Run::Verified(diffs)));
        }
        Err(e) => {
            cx.events.emit(HostEvent::error(&e));
            dispatch.dispatch(Msg::Run(Run::Stopped(e)));
        }
    }
}

/// The default time limit of one PATCH, in seconds: past the gateway's own
/// 30-second limit, so a slow backend shows up as the gateway's 504.
pub const PATCH_TIMEOUT_SECS: u32 = 35;
