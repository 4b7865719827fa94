//! The console's state as one Yew reducer over the model's [`Table`].
//! `reduce` only changes state; storage, requests and timers live in hooks.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::activity::LogEntry;
use crate::model::table::Difference;
use crate::model::view::{Column, Sort};
use crate::model::{Action, ApiError, ConfigId, ProjectId, Table};

/// Which configuration the table holds.
pub type Key = (ProjectId, ConfigId);

/// Progress of loading the users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loading {
    /// Nothing loaded yet.
    Idle,
    /// Pages are arriving.
    Busy {
        /// Users received so far.
        received: usize,
        /// `total_count`, when the API sent it.
        total: Option<u32>,
    },
    /// All pages are in.
    Done,
    /// Loading failed; the table keeps what it had.
    Failed(ApiError),
}

/// Progress of applying the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    /// Not running.
    Idle,
    /// Sending request `current` (1-based) of `total`.
    Sending {
        /// Request number.
        current: usize,
        /// Requests in the plan.
        total: usize,
        /// Attempt of this request.
        attempt: u32,
        /// The last retried error, shown while waiting.
        retrying: Option<ApiError>,
    },
    /// A 401: waiting for a new token, then it resumes.
    NeedsToken(ApiError),
    /// Stopped on an error that retrying does not fix.
    Stopped(ApiError),
    /// Every request went through; the server was re-read and compared.
    Verified(Vec<Difference>),
}

/// Everything the console shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Console {
    /// The configuration loaded, if any.
    pub key: Option<Key>,
    /// Users and staged changes.
    pub table: Rc<Table>,
    /// Loading progress.
    pub loading: Loading,
    /// The filter box.
    pub filter: String,
    /// Sort column and direction.
    pub sort: Sort,
    /// Selected ids.
    pub selected: BTreeSet<String>,
    /// Apply progress.
    pub run: Run,
    /// Failures the current run recovered from by retrying.
    pub retries: Vec<String>,
    /// Requests sent this session.
    pub log: Vec<LogEntry>,
    /// The latest result, announced to screen readers.
    pub notice: String,
    /// The language of notices.
    pub lang: Lang,
}

impl Default for Console {
    fn default() -> Self {
        Self {
            key: None,
            table: Rc::default(),
            loading: Loading::Idle,
            filter: String::new(),
            sort: Sort::default(),
            selected: BTreeSet::new(),
            run: Run::Idle,
            retries: Vec::new(),
            log: Vec::new(),
            notice: String::new(),
            lang: Lang::default(),
        }
    }
}

/// A change to the console's state.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A model action on the table.
    Table(Action),
    /// Loading `key` started.
    LoadStarted(Key),
    /// A page arrived.
    LoadProgress {
        /// Users so far.
        received: usize,
        /// `total_count`.
        total: Option<u32>,
    },
    /// All users of `key` arrived; `table` already holds restored staged work.
    Loaded(Key, Table),
    /// Loading failed.
    LoadFailed(ApiError),
    /// The filter text.
    Filter(String),
    /// A click on a column header.
    SortBy(Column),
    /// Select or unselect one id.
    Select(String, bool),
    /// Select exactly these ids (empty: none).
    SelectOnly(BTreeSet<String>),
    /// A run starts: forget the previous run's retries.
    RunStarted,
    /// A request failed and is being retried.
    Retried(String),
    /// Apply progress.
    Run(Run),
    /// A request finished.
    Logged(LogEntry),
    /// A message for the live region.
    Notice(String),
    /// The language changed.
    SetLang(Lang),
}

impl Reducible for Console {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::Table(action) => {
                if let Action::Delete(ids) | Action::Undo(ids) = &action {
                    for id in ids {
                        s.selected.remove(id);
                    }
                }
                // Shared until changed: a filter keystroke never copies the table.
                Rc::make_mut(&mut s.table).apply(action);
                if matches!(s.run, Run::Verified(_) | Run::Stopped(_)) {
                    s.run = Run::Idle;
                }
            }
            Msg::LoadStarted(key) => {
                if s.key.as_ref() != Some(&key) {
                    s.table = Rc::default();
                    s.selected.clear();
                }
                s.key = Some(key);
                s.loading = Loading::Busy {
                    received: 0,
                    total: None,
                };
            }
            Msg::LoadProgress { received, total } => s.loading = Loading::Busy { received, total },
            Msg::Loaded(key, table) => {
                s.notice = tf(s.lang, T::Loaded, &[("n", &table.loaded().len())]);
                s.key = Some(key);
                s.table = Rc::new(table);
                s.loading = Loading::Done;
            }
            Msg::LoadFailed(e) => {
                s.notice = e.message_in(s.lang);
                s.loading = Loading::Failed(e);
            }
            Msg::Filter(f) => s.filter = f,
            Msg::SortBy(c) => s.sort = s.sort.toggled(c),
            Msg::Select(id, on) => {
                if on {
                    s.selected.insert(id);
                } else {
                    s.selected.remove(&id);
                }
            }
            Msg::SelectOnly(ids) => s.selected = ids,
            Msg::Run(run) => {
                match &run {
                    Run::Stopped(e) | Run::NeedsToken(e) => s.notice = e.message_in(s.lang),
                    Run::Verified(d) if d.is_empty() => {
                        s.notice = t(s.lang, T::NoticeApplied).into()
                    }
                    Run::Verified(d) => s.notice = tf(s.lang, T::NoticeDiffers, &[("n", &d.len())]),
                    _ => {}
                }
                s.run = run;
            }
            Msg::RunStarted => s.retries.clear(),
            Msg::Retried(note) => s.retries.push(note),
            Msg::Logged(entry) => s.log.push(entry),
            Msg::Notice(n) => s.notice = n,
            Msg::SetLang(lang) => s.lang = lang,
        }
        Rc::new(s)
    }
}

/// The state handle components get through context.
pub type ConsoleHandle = UseReducerHandle<Console>;
