//! The console's state and every change to it, in plain Rust: the UI's
//! reducer is [`Console::update`], so each path (load, retry, failure,
//! cancel, apply, verification) is tested natively.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::i18n::{tf, Lang, T};
use crate::model::activity::LogEntry;
use crate::model::notice::Notice;
use crate::model::paging::{page_span, PagedRead};
use crate::model::table::{differences, Difference};
use crate::model::view::{Column, Sort};
use crate::model::{Action, ApiError, ConfigId, Page, ProjectId, Table, UserInfo};

/// Which configuration the table holds.
pub type Key = (ProjectId, ConfigId);

/// A page being retried, for the progress line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRetry {
    /// The page.
    pub page: Page,
    /// The attempt about to be made (2 and up).
    pub attempt: u32,
    /// What failed before it.
    pub error: ApiError,
}

impl PageRetry {
    /// The retry still in progress once the pages `done` came back (read or
    /// given up): none when one of them was this retry's page.
    pub fn after(retrying: Option<Self>, done: &[Page]) -> Option<Self> {
        retrying.filter(|r| !done.contains(&r.page))
    }

    /// " · page 6, attempt 2: <what failed>".
    pub fn text_in(&self, lang: Lang) -> String {
        let (number, _, _) = page_span(self.page);
        tf(
            lang,
            T::PageRetry,
            &[
                ("page", &number),
                ("attempt", &self.attempt),
                ("message", &self.error.headline_in(lang)),
            ],
        )
    }
}

/// Why a load ended before every page was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    /// The last error.
    pub error: ApiError,
    /// The page that failed, when the failure was a page's.
    pub page: Option<Page>,
    /// Attempts made for that page.
    pub attempts: u32,
    /// Users read and kept.
    pub kept: usize,
    /// `total_count`, when known.
    pub total: Option<u32>,
}

impl LoadFailure {
    /// A failure that happened before any page was asked for.
    pub fn before_reading(error: ApiError) -> Self {
        Self {
            error,
            page: None,
            attempts: 0,
            kept: 0,
            total: None,
        }
    }

    /// What failed and what was kept; empty when nothing was read.
    pub fn summary_in(&self, lang: Lang) -> String {
        let Some(page) = self.page else {
            return String::new();
        };
        // Not found on the first page: the configuration (or project) is
        // not there, which the error says; there is no page to speak of.
        if page.offset == 0 && self.kept == 0 && self.error.status == Some(404) {
            return String::new();
        }
        let (number, first, last) = page_span(page);
        let key = if self.attempts > 1 {
            T::PageFailed
        } else {
            T::PageFailedOnce
        };
        let failed = tf(
            lang,
            key,
            &[
                ("page", &number),
                ("first", &first),
                ("last", &last),
                ("attempts", &self.attempts),
            ],
        );
        if self.kept == 0 {
            return failed;
        }
        let kept = match self.total {
            Some(total) => tf(lang, T::KeptOf, &[("kept", &self.kept), ("total", &total)]),
            None => tf(lang, T::Kept, &[("kept", &self.kept)]),
        };
        format!("{failed} {kept}")
    }
}

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
        /// A page being retried.
        retrying: Option<PageRetry>,
    },
    /// All pages are in.
    Done,
    /// Loading failed; the table keeps what it had, the pages read are kept.
    Failed(LoadFailure),
    /// The admin stopped it; the pages read are kept.
    Cancelled {
        /// Users read and kept.
        kept: usize,
    },
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
    /// Stopped by the admin while sending: `sent` of `total` requests went
    /// through; the one in flight may or may not have reached the server.
    Halted {
        /// Requests that went through.
        sent: usize,
        /// Requests in the plan.
        total: usize,
    },
    /// Every request went through; the server is being re-read.
    Verifying {
        /// Users read so far.
        received: usize,
        /// `total_count`, when known.
        total: Option<u32>,
        /// A page being retried.
        retrying: Option<PageRetry>,
        /// The users the server should hold.
        intended: Rc<BTreeMap<String, String>>,
    },
    /// Every request went through, but the re-read failed: the comparison
    /// can be made again.
    Unverified {
        /// Why the re-read failed.
        error: ApiError,
        /// The users the server should hold.
        intended: Rc<BTreeMap<String, String>>,
    },
    /// Every request went through; the server was re-read and compared.
    Verified(Vec<Difference>),
}

impl Run {
    /// Requests are going out or the server is being re-read.
    pub fn is_active(&self) -> bool {
        matches!(self, Run::Sending { .. } | Run::Verifying { .. })
    }
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
    /// Pages of an unfinished load of [`Console::key`]: the next load asks
    /// only for the rest.
    pub partial: Option<Rc<PagedRead>>,
    /// Sort column and direction.
    pub sort: Sort,
    /// Selected ids.
    pub selected: BTreeSet<String>,
    /// Apply progress.
    pub run: Run,
    /// Failures the current run recovered from by retrying.
    pub retries: Vec<String>,
    /// Requests sent this session.
    pub log: Rc<Vec<LogEntry>>,
    /// The latest result, announced to screen readers.
    pub notice: Notice,
    /// Whether the table holds what the server has for `key`: once a load
    /// of it finished, and while it is read again. A first load that is
    /// under way, failed or stopped has no table to show.
    pub read: bool,
    /// What to say instead of "Loaded n users" once this configuration is
    /// loaded (a plan staged on it by copy or match).
    pub on_loaded: Option<(Key, Notice)>,
}

impl Default for Console {
    fn default() -> Self {
        Self {
            key: None,
            table: Rc::default(),
            loading: Loading::Idle,
            partial: None,
            sort: Sort::default(),
            selected: BTreeSet::new(),
            run: Run::Idle,
            retries: Vec::new(),
            log: Rc::default(),
            notice: Notice::None,
            read: false,
            on_loaded: None,
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
    /// Pages arrived.
    LoadProgress {
        /// Users so far.
        received: usize,
        /// `total_count`.
        total: Option<u32>,
        /// The pages that came back since the last report (read or given up).
        pages: Vec<Page>,
    },
    /// A page failed and is being retried.
    LoadRetrying(PageRetry),
    /// All users of `key` arrived; `table` already holds restored staged work.
    Loaded(Key, Table),
    /// Loading failed; `partial` holds the pages read.
    LoadFailed(LoadFailure, Option<PagedRead>),
    /// The admin stopped the load; `partial` holds the pages read.
    LoadCancelled(Option<PagedRead>),
    /// A click on a column header.
    SortBy(Column),
    /// Select or unselect one id.
    Select(String, bool),
    /// Select exactly these ids (empty: none).
    SelectOnly(Vec<String>),
    /// A run starts: forget the previous run's retries.
    RunStarted,
    /// The admin stops the run while it sends (the UI ends its requests).
    Halt,
    /// Say this, not "Loaded n users", when this configuration is loaded next.
    NoticeOnLoad(Key, Notice),
    /// A request failed and is being retried.
    Retried(String),
    /// Apply progress.
    Run(Run),
    /// The re-read after a run: the server's users, compared with `intended`.
    Checked(Vec<UserInfo>),
    /// A request finished.
    Logged(LogEntry),
    /// A message for the live region.
    Notice(Notice),
}

impl Console {
    /// A load, a run or a re-read is under way: "Load users" waits.
    pub fn is_busy(&self) -> bool {
        matches!(self.loading, Loading::Busy { .. }) || self.run.is_active()
    }

    /// Whether the table area is shown: a configuration is being loaded,
    /// or its users were read (a first load that failed shows only why).
    pub fn shows_table(&self) -> bool {
        self.key.is_some() && (self.read || matches!(self.loading, Loading::Busy { .. }))
    }

    /// The pages already read for `key`, when a load of it stopped part-way.
    pub fn partial_for(&self, key: &Key) -> Option<PagedRead> {
        match (&self.key, &self.partial) {
            (Some(k), Some(p)) if k == key => Some((**p).clone()),
            _ => None,
        }
    }

    /// Applies one change.
    pub fn update(&mut self, msg: Msg) {
        let s = self;
        match msg {
            Msg::Table(action) => {
                if let Action::Delete(ids) | Action::Undo(ids) = &action {
                    for id in ids {
                        s.selected.remove(id);
                    }
                }
                // Shared until changed: other messages never copy the table.
                Rc::make_mut(&mut s.table).apply(action);
                if matches!(
                    s.run,
                    Run::Verified(_) | Run::Stopped(_) | Run::Halted { .. }
                ) {
                    s.run = Run::Idle;
                }
            }
            Msg::LoadStarted(key) => {
                if s.key.as_ref() != Some(&key) {
                    s.table = Rc::default();
                    s.selected.clear();
                    s.partial = None;
                    s.read = false;
                }
                s.key = Some(key);
                // The previous result no longer stands while pages arrive.
                s.notice = Notice::None;
                s.loading = Loading::Busy {
                    received: s.partial.as_ref().map_or(0, |p| p.received()),
                    total: s.partial.as_ref().and_then(|p| p.total()),
                    retrying: None,
                };
            }
            Msg::LoadProgress {
                received,
                total,
                pages,
            } => {
                if let Loading::Busy { retrying, .. } = &mut s.loading {
                    s.loading = Loading::Busy {
                        received,
                        total,
                        retrying: PageRetry::after(retrying.take(), &pages),
                    };
                }
            }
            Msg::LoadRetrying(retry) => {
                if let Loading::Busy { retrying, .. } = &mut s.loading {
                    *retrying = Some(retry);
                }
            }
            Msg::Loaded(key, table) => {
                s.notice = match s.on_loaded.take() {
                    Some((k, notice)) if k == key => notice,
                    other => {
                        s.on_loaded = other;
                        Notice::text(T::Loaded, &[("n", &table.loaded().len())])
                    }
                };
                // The table now shows the server as it is: an earlier run's result no longer stands.
                if !s.run.is_active() && !matches!(s.run, Run::NeedsToken(_)) {
                    s.run = Run::Idle;
                    s.retries.clear();
                }
                s.key = Some(key);
                s.table = Rc::new(table);
                s.read = true;
                s.loading = Loading::Done;
                s.partial = None;
            }
            Msg::LoadFailed(failure, partial) => {
                s.on_loaded = None;
                s.notice = Notice::Api(failure.error.clone());
                s.partial = partial.filter(|p| p.received() > 0).map(Rc::new);
                s.loading = Loading::Failed(failure);
            }
            Msg::LoadCancelled(partial) => {
                s.on_loaded = None;
                s.partial = partial.filter(|p| p.received() > 0).map(Rc::new);
                let kept = s.partial.as_ref().map_or(0, |p| p.received());
                s.notice = Notice::text(T::LoadCancelled, &[("kept", &kept)]);
                s.loading = Loading::Cancelled { kept };
            }
            Msg::SortBy(c) => s.sort = s.sort.toggled(c),
            Msg::Select(id, on) => {
                if on {
                    s.selected.insert(id);
                } else {
                    s.selected.remove(&id);
                }
            }
            Msg::SelectOnly(ids) => {
                s.selected.clear();
                for id in ids {
                    s.selected.insert(id);
                }
            }
            Msg::Run(run) => s.run = run,
            Msg::Checked(server) => {
                if let Run::Verifying { intended, .. } | Run::Unverified { intended, .. } = &s.run {
                    let diffs = differences(intended, &server);
                    Rc::make_mut(&mut s.table).apply(Action::Loaded(server));
                    s.update(Msg::Run(Run::Verified(diffs)));
                }
            }
            Msg::RunStarted => {
                s.retries.clear();
                // A run and its outcome are told by its status in the review
                // panel, where Apply was pressed: the notice line above the
                // table keeps no line from before the run, and is left to
                // what the run itself has to say besides (a full history).
                s.notice = Notice::None;
            }
            Msg::NoticeOnLoad(key, notice) => s.on_loaded = Some((key, notice)),
            Msg::Halt => {
                // Told by the run's status (`Run::Halted`), like every outcome.
                if let Run::Sending { current, total, .. } = s.run {
                    s.run = Run::Halted {
                        sent: current - 1,
                        total,
                    };
                }
            }
            Msg::Retried(note) => s.retries.push(note),
            Msg::Logged(entry) => Rc::make_mut(&mut s.log).push(entry),
            Msg::Notice(n) => s.notice = n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConfigId, ProjectId};

    fn key(config: &str) -> Key {
        (
            ProjectId::parse("p").unwrap(),
            ConfigId::parse(config).unwrap(),
        )
    }

    fn users(n: usize) -> Vec<UserInfo> {
        (0..n)
            .map(|i| UserInfo::new(format!("u{i:04}"), format!("user {i}")))
            .collect()
    }

    fn at(offset: u32) -> Page {
        Page { offset, limit: 100 }
    }

    fn e503() -> ApiError {
        ApiError::decode(503, Some("r-1"), Some("1"), b"")
    }

    fn loaded(c: &mut Console, k: &Key, n: usize) {
        c.update(Msg::LoadStarted(k.clone()));
        c.update(Msg::Loaded(
            k.clone(),
            Table::with_staged(users(n), Default::default()),
        ));
    }

    #[test]
    fn a_load_ends_done() {
        let mut c = Console {
            notice: Notice::text(T::Loaded, &[("n", &3)]),
            ..Console::default()
        };
        let k = key("c1");
        c.update(Msg::LoadStarted(k.clone()));
        assert!(c.is_busy());
        assert_eq!(
            c.notice,
            Notice::None,
            "an earlier result does not stand while loading"
        );
        c.update(Msg::LoadProgress {
            received: 100,
            total: Some(320),
            pages: vec![at(0)],
        });
        c.update(Msg::LoadRetrying(PageRetry {
            page: at(100),
            attempt: 2,
            error: e503(),
        }));
        let retry_line = |c: &Console| match &c.loading {
            Loading::Busy { retrying, .. } => retrying.as_ref().map(|r| r.text_in(Lang::En)),
            other => panic!("{other:?}"),
        };
        assert!(retry_line(&c)
            .unwrap()
            .starts_with(" · page 2, attempt 2: "));
        // Other pages coming back leave the retry on screen; its own page ends it.
        c.update(Msg::LoadProgress {
            received: 200,
            total: Some(320),
            pages: vec![at(200)],
        });
        assert!(
            retry_line(&c).is_some(),
            "another page does not hide the retry"
        );
        c.update(Msg::LoadProgress {
            received: 300,
            total: Some(320),
            pages: vec![at(100)],
        });
        assert_eq!(retry_line(&c), None);
        c.update(Msg::Loaded(
            k.clone(),
            Table::with_staged(users(320), Default::default()),
        ));
        assert_eq!(c.loading, Loading::Done);
        assert!(!c.is_busy());
        assert_eq!(c.notice.text_in(Lang::En), "Loaded 320 users.");
        assert_eq!(
            c.notice.text_in(Lang::Zh),
            "已加载 320 个用户。",
            "the line follows the language shown"
        );
    }

    #[test]
    fn a_failed_load_ends_failed_and_keeps_its_pages_for_the_next() {
        let mut c = Console::default();
        let k = key("c1");
        c.update(Msg::LoadStarted(k.clone()));
        let mut read = PagedRead::new();
        read.record(at(0), users(100), Some(1000));
        let failure = LoadFailure {
            error: e503(),
            page: Some(at(500)),
            attempts: 5,
            kept: 100,
            total: Some(1000),
        };
        c.update(Msg::LoadFailed(failure, Some(read.clone())));
        assert!(!c.is_busy());
        let Loading::Failed(f) = &c.loading else {
            panic!("{:?}", c.loading)
        };
        assert_eq!(
            f.summary_in(Lang::En),
            "Page 6 (users 501–600) could not be read after 5 attempts. \
             100 of 1000 users read are kept: Load users reads only what is missing."
        );
        assert_eq!(c.partial_for(&k), Some(read));
        // Loading the same configuration again starts from the pages kept.
        c.update(Msg::LoadStarted(k.clone()));
        assert_eq!(
            c.loading,
            Loading::Busy {
                received: 100,
                total: Some(1000),
                retrying: None
            }
        );
        // Another configuration forgets them.
        c.update(Msg::LoadStarted(key("c2")));
        assert_eq!(c.partial, None);
        assert_eq!(c.partial_for(&k), None);
    }

    #[test]
    fn a_failure_before_reading_ends_failed_too() {
        let mut c = Console::default();
        c.update(Msg::LoadStarted(key("c1")));
        c.update(Msg::LoadFailed(
            LoadFailure::before_reading(ApiError::network("provider")),
            None,
        ));
        assert!(matches!(c.loading, Loading::Failed(_)));
        assert!(!c.is_busy());
        assert_eq!(c.partial, None);
    }

    #[test]
    fn a_cancelled_load_ends_cancelled_and_keeps_its_pages() {
        let mut c = Console::default();
        let k = key("c1");
        c.update(Msg::LoadStarted(k.clone()));
        let mut read = PagedRead::new();
        read.record(at(0), users(100), Some(320));
        c.update(Msg::LoadCancelled(Some(read)));
        assert_eq!(c.loading, Loading::Cancelled { kept: 100 });
        assert!(!c.is_busy());
        assert!(c.partial_for(&k).is_some());
        assert!(c
            .notice
            .text_in(Lang::En)
            .starts_with("Loading stopped. 100 users"));
    }

    #[test]
    fn progress_after_a_load_ended_does_not_restart_it() {
        let mut c = Console::default();
        let k = key("c1");
        loaded(&mut c, &k, 5);
        c.update(Msg::LoadProgress {
            received: 5,
            total: Some(5),
            pages: vec![at(0)],
        });
        assert_eq!(c.loading, Loading::Done);
        assert!(!c.is_busy());
    }

    #[test]
    fn a_verified_run_leaves_the_console_ready_to_load_again() {
        let mut c = Console::default();
        let k = key("c1");
        loaded(&mut c, &k, 5);
        let mut intended: BTreeMap<String, String> = c.table.loaded().clone();
        intended.insert("new".into(), "New".into());
        c.update(Msg::Run(Run::Sending {
            current: 1,
            total: 1,
            attempt: 1,
            retrying: None,
        }));
        assert!(c.is_busy());
        c.update(Msg::Run(Run::Verifying {
            received: 0,
            total: None,
            retrying: None,
            intended: Rc::new(intended.clone()),
        }));
        assert!(c.is_busy());
        assert_eq!(c.loading, Loading::Done);
        let mut server = users(5);
        server.push(UserInfo::new("new", "New"));
        c.update(Msg::Checked(server));
        assert_eq!(c.run, Run::Verified(vec![]));
        assert_eq!(c.table.loaded(), &intended);
        assert_eq!(c.loading, Loading::Done);
        assert!(!c.is_busy());
    }

    #[test]
    fn an_unverified_run_is_not_busy_and_can_be_checked_again() {
        let mut c = Console::default();
        let k = key("c1");
        loaded(&mut c, &k, 5);
        let intended = Rc::new(c.table.loaded().clone());
        c.update(Msg::Run(Run::Verifying {
            received: 0,
            total: None,
            retrying: None,
            intended: intended.clone(),
        }));
        c.update(Msg::Run(Run::Unverified {
            error: e503(),
            intended,
        }));
        assert!(!c.is_busy());
        assert!(matches!(c.run, Run::Unverified { .. }));
        c.update(Msg::Checked(users(4)));
        assert_eq!(
            c.run,
            Run::Verified(vec![Difference::Missing("u0004".into())])
        );
    }

    #[test]
    fn a_run_s_outcome_is_told_in_its_status_not_again_in_the_notice() {
        let outcomes = [
            Run::Verified(vec![]),
            Run::Verified(vec![Difference::Missing("u0004".into())]),
            Run::Stopped(e503()),
            Run::NeedsToken(e503()),
            Run::Unverified {
                error: e503(),
                intended: Rc::new(BTreeMap::new()),
            },
        ];
        for outcome in outcomes {
            let mut c = Console::default();
            let k = key("c1");
            loaded(&mut c, &k, 5);
            assert_eq!(c.notice.text_in(Lang::En), "Loaded 5 users.");
            c.update(Msg::RunStarted);
            c.update(Msg::Run(Run::Sending {
                current: 1,
                total: 1,
                attempt: 1,
                retrying: None,
            }));
            c.update(Msg::Run(outcome.clone()));
            assert_eq!(c.run, outcome);
            assert_eq!(c.notice, Notice::None, "{outcome:?}");
            // What the run says besides its outcome stays through it.
            let dropped = Notice::text(T::HistoryDropped, &[("n", &3)]);
            c.update(Msg::RunStarted);
            c.update(Msg::Notice(dropped.clone()));
            c.update(Msg::Run(outcome.clone()));
            assert_eq!(c.notice, dropped, "{outcome:?}");
        }
    }

    #[test]
    fn loading_again_clears_the_last_run_s_result() {
        let mut c = Console::default();
        let k = key("c1");
        loaded(&mut c, &k, 5);
        c.update(Msg::Run(Run::Verified(vec![])));
        c.update(Msg::Retried("attempt 2".into()));
        loaded(&mut c, &k, 6);
        assert_eq!(c.run, Run::Idle);
        assert!(c.retries.is_empty());
        assert_eq!(c.notice.text_in(Lang::En), "Loaded 6 users.");
        // A run waiting for a token keeps waiting.
        c.update(Msg::Run(Run::NeedsToken(e503())));
        loaded(&mut c, &k, 6);
        assert!(matches!(c.run, Run::NeedsToken(_)));
    }

    #[test]
    fn a_run_stopped_by_the_admin_says_what_went_through_and_may_run_again() {
        let mut c = Console::default();
        let k = key("c1");
        loaded(&mut c, &k, 5);
        c.update(Msg::RunStarted);
        c.update(Msg::Run(Run::Sending {
            current: 3,
            total: 4,
            attempt: 2,
            retrying: Some(e503()),
        }));
        assert!(c.is_busy());
        c.update(Msg::Halt);
        assert_eq!(c.run, Run::Halted { sent: 2, total: 4 });
        assert!(!c.is_busy());
        // Said once, by the run's status; the notice line does not repeat it.
        assert_eq!(c.notice, Notice::None);
        // Only a run that sends can be stopped.
        let before = c.clone();
        c.update(Msg::Halt);
        assert_eq!(c, before);
        c.update(Msg::Run(Run::Verifying {
            received: 0,
            total: None,
            retrying: None,
            intended: Rc::default(),
        }));
        c.update(Msg::Halt);
        assert!(matches!(c.run, Run::Verifying { .. }));
    }

    #[test]
    fn a_plan_staged_elsewhere_is_announced_when_that_configuration_loads() {
        let mut c = Console::default();
        let said = Notice::text(
            T::SyncStaged,
            &[
                ("config", &"c2"),
                ("added", &3),
                ("renamed", &0),
                ("deleted", &1),
            ],
        );
        c.update(Msg::NoticeOnLoad(key("c2"), said.clone()));
        // Another configuration loading first says what it always says.
        loaded(&mut c, &key("c1"), 5);
        assert_eq!(c.notice.text_in(Lang::En), "Loaded 5 users.");
        loaded(&mut c, &key("c2"), 4);
        assert_eq!(
            c.notice.text_in(Lang::En),
            "Staged in c2: 3 additions, 0 renames, 1 deletion. Review and apply."
        );
        // Once: the next load of it is an ordinary load.
        loaded(&mut c, &key("c2"), 4);
        assert_eq!(c.notice.text_in(Lang::En), "Loaded 4 users.");
        // A load that fails forgets it.
        c.update(Msg::NoticeOnLoad(key("c2"), said));
        c.update(Msg::LoadFailed(LoadFailure::before_reading(e503()), None));
        loaded(&mut c, &key("c2"), 4);
        assert_eq!(c.notice.text_in(Lang::En), "Loaded 4 users.");
    }

    #[test]
    fn a_first_load_that_fails_shows_no_table_a_reload_that_fails_keeps_it() {
        let mut c = Console::default();
        assert!(!c.shows_table());
        c.update(Msg::LoadStarted(key("missing")));
        assert!(c.shows_table() && !c.read);
        c.update(Msg::LoadFailed(LoadFailure::before_reading(e503()), None));
        assert!(!c.shows_table());
        // Read once, the table stays through a failed reload of it...
        loaded(&mut c, &key("c1"), 5);
        c.update(Msg::LoadStarted(key("c1")));
        c.update(Msg::LoadFailed(LoadFailure::before_reading(e503()), None));
        assert!(c.shows_table() && c.read);
        assert_eq!(c.table.loaded().len(), 5);
        // ...and goes with a load of another configuration that fails or stops.
        c.update(Msg::LoadStarted(key("c2")));
        c.update(Msg::LoadCancelled(None));
        assert!(!c.shows_table());
    }

    #[test]
    fn a_missing_configuration_is_not_called_an_unread_page() {
        let missing = |offset, kept| LoadFailure {
            error: ApiError::decode(
                404,
                None,
                None,
                br#"{"error_code":"WKS.00210404","error_msg":"Not here."}"#,
            ),
            page: Some(at(offset)),
            attempts: 1,
            kept,
            total: None,
        };
        assert_eq!(missing(0, 0).summary_in(Lang::En), "");
        // A 404 past the first page is a page that could not be read.
        assert_eq!(
            missing(100, 100).summary_in(Lang::En),
            "Page 2 (users 101–200) could not be read. 100 users read are kept: Load users reads only what is missing."
        );
    }

    #[test]
    fn a_re_read_with_no_run_waiting_changes_nothing() {
        let mut c = Console::default();
        let k = key("c1");
        loaded(&mut c, &k, 5);
        let before = c.clone();
        c.update(Msg::Checked(users(1)));
        assert_eq!(c, before);
    }
}
