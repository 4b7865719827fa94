//! Applying the plan: requests in order, retries with backoff, a pause for a
//! new token on 401, then a re-read of the server (retried like any read)
//! and a comparison.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Callback;

use crate::i18n::{t, tf, Lang, T};
use crate::model::connection::Ready;
use crate::model::history::Change;
use crate::model::notice::Notice;
use crate::model::paging::PagedRead;
use crate::model::retry::{self, Next};
use crate::model::table::{accept, differences};
use crate::model::{plan, Action, Page, Table, UpdateType, UserInfo};
use crate::ui::browser::host::{Applied, HostEvent, TokenSource};
use crate::ui::browser::storage;
use crate::ui::net::api;
use crate::ui::net::flows::{log, Dispatch};
use crate::ui::net::lifetime::Lifetime;
use crate::ui::net::reads::{read_pages, ReadEvents};
use crate::ui::state::{Msg, PageRetry, Run};

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
    /// Ends when the console is unmounted: the run then sends nothing more.
    pub lifetime: Lifetime,
    /// Who applies, for the history: the signed-in identity, or "token".
    pub by: String,
}

/// Records what a run changed on the server in the history, saved after
/// each accepted request (one entry per run), so however the run ends
/// (done, stopped, paused for a token, the console unmounted, or the page
/// closed mid-way) the history holds the server's users before it and after
/// its accepted requests.
struct Recorder {
    project: String,
    config: String,
    by: String,
    before: BTreeMap<String, String>,
    after: BTreeMap<String, String>,
    request_ids: Vec<String>,
    /// This run's record in the history, as last saved.
    recorded: Option<Change>,
    dispatch: Dispatch,
}

impl Recorder {
    /// A request went through: the history is saved at once with what the
    /// run has changed so far, so a page closed or reloaded mid-run keeps it.
    fn accepted(
        &mut self,
        update_type: UpdateType,
        users: &[UserInfo],
        request_id: Option<String>,
    ) {
        accept(&mut self.after, update_type, users);
        self.request_ids.extend(request_id);
        let change = Change {
            project: self.project.clone(),
            config: self.config.clone(),
            at_ms: js_sys::Date::now() as u64,
            by: self.by.clone(),
            request_ids: self.request_ids.clone(),
            ..Change::between(&self.before, &self.after)
        };
        let mut history = storage::load_history();
        let dropped = history.record_in_place_of(self.recorded.as_ref(), change.clone());
        storage::save_history(&history);
        self.recorded = Some(change);
        if dropped > 0 {
            self.dispatch.dispatch(Msg::Notice(Notice::text(
                T::HistoryDropped,
                &[("n", &dropped)],
            )));
        }
    }
}

/// Sends the plan of `table` in order, retrying what is safe to retry; then
/// re-reads the server and compares it with the intended users.
pub async fn apply(mut cx: RunContext, table: Table) {
    let dispatch = cx.dispatch.clone();
    let intended = table.target();
    let plan = match plan(&table, cx.batch) {
        Ok(p) => p,
        Err(e) => {
            dispatch.dispatch(Msg::Notice(Notice::Plan(e)));
            return;
        }
    };
    let url = cx
        .ready
        .base
        .non_migration_users(&cx.ready.project, &cx.ready.config);
    let total = plan.requests.len();
    let (added, deleted) = (plan.users(UpdateType::Add), plan.users(UpdateType::Delete));
    let mut recorder = Recorder {
        project: cx.ready.project.as_str().to_string(),
        config: cx.ready.config.as_str().to_string(),
        by: cx.by.clone(),
        before: table.loaded().clone(),
        after: table.loaded().clone(),
        request_ids: Vec::new(),
        recorded: None,
        dispatch: dispatch.clone(),
    };
    dispatch.dispatch(Msg::RunStarted);
    for (i, request) in plan.requests.into_iter().enumerate() {
        let kind = request.update_type.as_str();
        let users = request.non_migrate_users.len();
        let mut attempt = 1;
        let mut retrying = None;
        let mut renewed = false;
        loop {
            if cx.lifetime.is_over() {
                return;
            }
            dispatch.dispatch(Msg::Run(Run::Sending {
                current: i + 1,
                total,
                attempt,
                retrying: retrying.clone(),
            }));
            match api::patch_json(&url, &cx.ready.token, &request, cx.timeout_ms, &cx.lifetime)
                .await
            {
                Ok(reply) => {
                    log(
                        &dispatch,
                        kind,
                        users,
                        attempt,
                        Ok(reply.request_id.clone()),
                    );
                    recorder.accepted(
                        request.update_type,
                        &request.non_migrate_users,
                        reply.request_id,
                    );
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
                        // A closed console neither waits nor retries.
                        _ if cx.lifetime.is_over() => return,
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
    // Recorded before the re-read, which changes nothing on the server.
    let request_ids = recorder.request_ids.clone();
    drop(recorder);
    let intended = Rc::new(intended);
    let checked = verify(
        &cx.ready,
        intended.clone(),
        cx.timeout_ms,
        &dispatch,
        &cx.lifetime,
    )
    .await;
    cx.events.emit(HostEvent::Applied(Applied {
        added,
        deleted,
        request_ids,
        differences: checked.map(|server| differences(&intended, &server).len()),
    }));
}

/// Re-reads the server after a run (retrying like any read) and compares it
/// with `intended`. When the re-read fails, the run is "unverified": every
/// request went through, and the check can be made again. Returns the
/// server's users when the check was made.
pub async fn verify(
    ready: &Ready,
    intended: Rc<BTreeMap<String, String>>,
    timeout_ms: u32,
    dispatch: &Dispatch,
    lifetime: &Lifetime,
) -> Option<Vec<UserInfo>> {
    let progress = Cell::new((0usize, None::<u32>));
    let retrying = RefCell::new(None::<PageRetry>);
    let report = || {
        let (received, total) = progress.get();
        dispatch.dispatch(Msg::Run(Run::Verifying {
            received,
            total,
            retrying: retrying.borrow().clone(),
            intended: intended.clone(),
        }))
    };
    report();
    let on_progress = |received, total, pages: &[Page]| {
        progress.set((received, total));
        let still = PageRetry::after(retrying.take(), pages);
        retrying.replace(still);
        report()
    };
    let on_retry = |retry| {
        retrying.replace(Some(retry));
        report()
    };
    let events = ReadEvents {
        timeout_ms,
        dispatch,
        on_progress: &on_progress,
        on_retry: &on_retry,
    };
    let mut read = PagedRead::expecting(Some(intended.len() as u32));
    match read_pages(ready, &mut read, lifetime, &events).await {
        Ok(()) => {
            let server = read.users();
            dispatch.dispatch(Msg::Checked(server.clone()));
            Some(server)
        }
        Err(_) if lifetime.is_over() => None,
        Err(e) => {
            dispatch.dispatch(Msg::Run(Run::Unverified {
                error: e.error,
                intended,
            }));
            None
        }
    }
}

/// The default time limit of one PATCH, in seconds: past the gateway's own
/// 30-second limit, so a slow backend shows up as the gateway's 504.
pub const PATCH_TIMEOUT_SECS: u32 = 35;
