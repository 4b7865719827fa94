//! The history of applied changes: what each change added, deleted and
//! renamed, kept in the browser and exportable, and how to revert it.
//!
//! The history is bounded so that local storage stays small: at most
//! [`MAX_ENTRIES`] changes and [`MAX_RECORDS`] user records in all (about
//! 0.7 MB of JSON with 32-character ids); the oldest changes go first, and
//! the newest is always kept. It has no field for a token: `by` names who
//! signed in, or says `"token"` for a pasted one.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::i18n::{t, tf, Lang, T};
use crate::model::iam::{format_utc, readable_utc};
use crate::model::ids::{validate, Field, FieldError};
use crate::model::sync::Staging;
use crate::model::table::user_info;
use crate::model::UserInfo;

/// The `format` of a history document.
pub const FORMAT: &str = "hotspot-users/history";
/// The version of the history and plan documents this console writes and reads.
pub const VERSION: u64 = 1;
/// The most changes a history keeps.
pub const MAX_ENTRIES: usize = 50;
/// The most user records (added + deleted + renamed) a history keeps in all.
pub const MAX_RECORDS: usize = 10_000;

/// A user whose name a change replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renamed {
    /// The user's id.
    pub user_id: String,
    /// The name before (`""`: none).
    pub from: String,
    /// The name after.
    pub to: String,
}

/// One applied change of one configuration's users.
///
/// Build it with [`Change::between`] and fill in the rest:
/// `Change { project, config, at_ms, by, request_ids, ..Change::between(&before, &after) }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Project id.
    pub project: String,
    /// Configuration id.
    pub config: String,
    /// When it was applied, in ms since the epoch.
    pub at_ms: u64,
    /// Who applied it: the signed-in identity, or `"token"`.
    pub by: String,
    /// The request ids of the PATCH calls that carried it.
    #[serde(default)]
    pub request_ids: Vec<String>,
    /// Users that were not there before.
    #[serde(default)]
    pub added: Vec<UserInfo>,
    /// Users removed, with the name they had.
    #[serde(default)]
    pub deleted: Vec<UserInfo>,
    /// Users whose name changed.
    #[serde(default)]
    pub renamed: Vec<Renamed>,
}

impl Change {
    /// The change from the server's users `before` to the intended `after`
    /// (id to name); the other fields are left empty.
    pub fn between(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> Change {
        let mut c = Change::default();
        for (id, name) in after {
            match before.get(id) {
                None => c.added.push(user_info(id, name)),
                Some(from) if from != name => c.renamed.push(Renamed {
                    user_id: id.clone(),
                    from: from.clone(),
                    to: name.clone(),
                }),
                Some(_) => {}
            }
        }
        for (id, name) in before {
            if !after.contains_key(id) {
                c.deleted.push(user_info(id, name));
            }
        }
        c
    }

    /// When it was applied, to the second, for people ("2026-11-30 12:00:07 UTC").
    pub fn when(&self) -> String {
        readable_utc(&format_utc((self.at_ms / 1000) as i64), 19)
    }

    /// User records it holds: added + deleted + renamed.
    pub fn records(&self) -> usize {
        self.added.len() + self.deleted.len() + self.renamed.len()
    }

    /// Whether it changed nothing.
    pub fn is_empty(&self) -> bool {
        self.records() == 0
    }

    /// Every user it touched: (id, state before, state it left), a state
    /// being `None` (absent) or the name.
    fn steps(&self) -> impl Iterator<Item = (&str, Option<&str>, Option<&str>)> {
        let added = self.added.iter().map(|u| (u.id(), None, Some(u.name())));
        let deleted = self.deleted.iter().map(|u| (u.id(), Some(u.name()), None));
        let renamed = self.renamed.iter().map(|r| {
            (
                r.user_id.as_str(),
                Some(r.from.as_str()),
                Some(r.to.as_str()),
            )
        });
        added.chain(deleted).chain(renamed)
    }

    fn check(&self) -> Result<(), FieldError> {
        validate(Field::ProjectId, &self.project)?;
        validate(Field::ConfigId, &self.config)?;
        for (id, _, _) in self.steps() {
            validate(Field::UserId, id)?;
        }
        Ok(())
    }
}

/// A user whose server state is no longer what a change left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedOn {
    /// The user's id.
    pub user_id: String,
    /// What the change left: `None` absent, else the name.
    pub left: Option<String>,
    /// What the server has now: `None` absent, else the name.
    pub now: Option<String>,
}

impl MovedOn {
    /// What happened since, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let left = self.left.as_deref().unwrap_or("");
        let now = self.now.as_deref().unwrap_or("");
        let key = match (&self.left, &self.now) {
            (Some(_), None) => T::MovedDeleted,
            (None, _) => T::MovedReadded,
            _ => T::MovedRenamed,
        };
        tf(
            lang,
            key,
            &[("id", &self.user_id), ("left", &left), ("now", &now)],
        )
    }
}

/// What undoes a change, as far as the server still has what it left.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revert {
    /// Users to ADD: deleted ones with their old name, renamed ones with the name before.
    pub adds: Vec<UserInfo>,
    /// Ids to DELETE: the users the change added.
    pub deletes: Vec<String>,
    /// Users changed since; left out of `adds`/`deletes` unless included.
    pub moved_on: Vec<MovedOn>,
}

impl Revert {
    /// Whether it stages nothing.
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty() && self.deletes.is_empty()
    }
}

impl Staging for Revert {
    fn parts(&self) -> (&[UserInfo], &[String]) {
        (&self.adds, &self.deletes)
    }
}

/// The inverse of `change` against the server's `current` users. A user
/// whose current state differs from what the change left is in `moved_on`
/// and is restored only when its id is in `include_moved`.
///
/// A renamed user whose name before was `""` gets a nameless ADD, which the
/// API applies but [`crate::model::Table`] does not stage (it keeps names).
pub fn revert(
    change: &Change,
    current: &BTreeMap<String, String>,
    include_moved: &[String],
) -> Revert {
    let mut r = Revert::default();
    for (id, before, left) in change.steps() {
        let now = current.get(id).map(String::as_str);
        if now != left {
            r.moved_on.push(MovedOn {
                user_id: id.to_string(),
                left: left.map(str::to_string),
                now: now.map(str::to_string),
            });
            if now == before || !include_moved.iter().any(|i| i == id) {
                continue;
            }
        }
        match before {
            Some(name) => r.adds.push(user_info(id, name)),
            None => r.deletes.push(id.to_string()),
        }
    }
    r
}

/// Why a versioned document (history or plan file) could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON at all.
    NotJson,
    /// JSON, but not this kind of document.
    OtherFormat,
    /// This kind, in a version this console does not read.
    Version(u64),
    /// The right kind and version, but its content has the wrong shape.
    Malformed,
}

impl Unreadable {
    /// The message in `lang`; `other` is the text for [`Unreadable::OtherFormat`].
    pub fn message_in(self, lang: Lang, other: T) -> String {
        match self {
            Unreadable::NotJson => t(lang, T::FileNotJson).to_string(),
            Unreadable::OtherFormat => t(lang, other).to_string(),
            Unreadable::Version(v) => tf(
                lang,
                T::FileVersion,
                &[("version", &v), ("supported", &VERSION)],
            ),
            Unreadable::Malformed => t(lang, T::FileMalformed).to_string(),
        }
    }
}

/// Reads a `{"format": format, "version": 1, ...}` document.
pub(crate) fn read_versioned<D: DeserializeOwned>(
    text: &str,
    format: &str,
) -> Result<D, Unreadable> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        format: String,
        #[serde(default)]
        version: u64,
    }
    let head: Head = crate::json::parse(text).map_err(|e| {
        if e.is_data() {
            Unreadable::OtherFormat
        } else {
            Unreadable::NotJson
        }
    })?;
    if head.format != format {
        return Err(Unreadable::OtherFormat);
    }
    if head.version != VERSION {
        return Err(Unreadable::Version(head.version));
    }
    crate::json::parse(text).map_err(|_| Unreadable::Malformed)
}

/// Why a history could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryError {
    /// Not a readable history document.
    Unreadable(Unreadable),
    /// An entry has an invalid project, configuration or user id.
    InvalidEntry {
        /// 1-based position in the document.
        entry: usize,
        /// What is wrong.
        error: FieldError,
    },
}

impl HistoryError {
    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            HistoryError::Unreadable(u) => u.message_in(lang, T::NotHistoryFile),
            HistoryError::InvalidEntry { entry, error } => tf(
                lang,
                T::HistoryEntryInvalid,
                &[("n", entry), ("problem", &error.message_in(lang))],
            ),
        }
    }
}

/// What [`History::merge`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merged {
    /// Imported changes that were new.
    pub added: usize,
    /// Imported changes already present (or repeated), skipped.
    pub duplicates: usize,
    /// Oldest changes dropped to stay within the bounds.
    pub dropped: usize,
}

/// Applied changes of every configuration, oldest first, within the bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    format: String,
    version: u64,
    entries: Vec<Change>,
}

impl Default for History {
    fn default() -> Self {
        History {
            format: FORMAT.to_string(),
            version: VERSION,
            entries: Vec::new(),
        }
    }
}

impl History {
    /// Every change, newest last.
    pub fn entries(&self) -> &[Change] {
        &self.entries
    }

    /// Adds `change` as the newest (one that changed nothing is not kept);
    /// returns how many of the oldest changes were dropped.
    pub fn record(&mut self, change: Change) -> usize {
        if change.is_empty() {
            return 0;
        }
        self.entries.push(change);
        self.bound()
    }

    /// Records `change` in place of `previous`, the same run's earlier
    /// record, when it is still here: a run records what the server has
    /// accepted after each request (so a page closed mid-run keeps it) and
    /// the history holds one entry per run. Returns what [`History::record`] does.
    pub fn record_in_place_of(&mut self, previous: Option<&Change>, change: Change) -> usize {
        if let Some(i) = previous.and_then(|p| self.entries.iter().rposition(|e| e == p)) {
            self.entries.remove(i);
        }
        self.record(change)
    }

    /// Drops the oldest changes until within the bounds (keeping the newest).
    fn bound(&mut self) -> usize {
        let mut records: usize = self.entries.iter().map(Change::records).sum();
        let mut drop = 0;
        while self.entries.len() - drop > 1
            && (self.entries.len() - drop > MAX_ENTRIES || records > MAX_RECORDS)
        {
            records -= self.entries[drop].records();
            drop += 1;
        }
        self.entries.drain(..drop);
        drop
    }

    /// The changes of one configuration, newest last.
    pub fn for_config<'a>(
        &'a self,
        project: &'a str,
        config: &'a str,
    ) -> impl DoubleEndedIterator<Item = &'a Change> + 'a {
        self.entries
            .iter()
            .filter(move |c| c.project == project && c.config == config)
    }

    /// The history document, compact.
    pub fn to_json(&self) -> String {
        crate::json::to_string(self)
    }

    /// Reads a history document, checking every entry's ids; a longer
    /// history than the bounds allow keeps its newest changes.
    pub fn from_json(text: &str) -> Result<History, HistoryError> {
        let mut h: History = read_versioned(text, FORMAT).map_err(HistoryError::Unreadable)?;
        for (i, c) in h.entries.iter().enumerate() {
            c.check().map_err(|error| HistoryError::InvalidEntry {
                entry: i + 1,
                error,
            })?;
        }
        h.bound();
        Ok(h)
    }

    /// Adds the changes of an imported history that are not here yet, each
    /// in its place by time (`at_ms`), then applies the bounds.
    pub fn merge(&mut self, imported: History) -> Merged {
        let mut m = Merged::default();
        for c in imported.entries {
            if self.entries.contains(&c) {
                m.duplicates += 1;
            } else {
                // After every change made at the same time or earlier (no sort in the wasm).
                let at = self.entries.partition_point(|e| e.at_ms <= c.at_ms);
                self.entries.insert(at, c);
                m.added += 1;
            }
        }
        m.dropped = self.bound();
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::table::test_map as map;

    fn change(at_ms: u64) -> Change {
        Change {
            project: "p".into(),
            config: "c".into(),
            at_ms,
            by: "token".into(),
            request_ids: vec!["req-1".into()],
            ..Change::between(
                &map(&[("a", "alice"), ("b", "bob")]),
                &map(&[("a", "alicia"), ("c", "carol")]),
            )
        }
    }

    #[test]
    fn between_finds_added_deleted_and_renamed() {
        let c = change(1);
        assert_eq!(c.added, vec![UserInfo::new("c", "carol")]);
        assert_eq!(c.deleted, vec![UserInfo::new("b", "bob")]);
        assert_eq!(
            c.renamed,
            vec![Renamed {
                user_id: "a".into(),
                from: "alice".into(),
                to: "alicia".into()
            }]
        );
        assert_eq!(c.records(), 3);
    }

    #[test]
    fn revert_undoes_a_change_nobody_touched_since() {
        let c = change(1);
        let r = revert(&c, &map(&[("a", "alicia"), ("c", "carol")]), &[]);
        assert_eq!(
            r.adds,
            vec![UserInfo::new("b", "bob"), UserInfo::new("a", "alice")]
        );
        assert_eq!(r.deletes, vec!["c".to_string()]);
        assert!(r.moved_on.is_empty());
        let s = r.staged();
        assert_eq!(s.adds.len(), 2);
        assert!(s.deletes.contains("c"));
    }

    #[test]
    fn users_that_moved_on_are_listed_and_left_alone_unless_included() {
        let c = change(1);
        // c was renamed since, b re-added, a renamed again.
        let now = map(&[("a", "al"), ("b", "bobby"), ("c", "caroline")]);
        let r = revert(&c, &now, &[]);
        assert!(r.is_empty());
        assert_eq!(r.moved_on.len(), 3);
        let msgs: Vec<String> = r.moved_on.iter().map(|m| m.message_in(Lang::En)).collect();
        assert!(msgs
            .iter()
            .any(|m| m.contains("c") && m.contains("caroline")));
        let all = ["a".to_string(), "b".to_string(), "c".to_string()];
        let r = revert(&c, &now, &all);
        assert_eq!(r.adds.len(), 2);
        assert_eq!(r.deletes, vec!["c".to_string()]);
        // An added user deleted since: listed, nothing to do even when included.
        let r = revert(&c, &map(&[("a", "alicia")]), &all);
        assert_eq!(r.moved_on[0].now, None);
        assert!(r.deletes.is_empty());
        for lang in Lang::ALL {
            assert!(!r.moved_on[0].message_in(lang).contains('{'));
        }
    }

    #[test]
    fn record_is_bounded_by_entries_and_records() {
        let mut h = History::default();
        assert_eq!(
            h.record(Change::default()),
            0,
            "an empty change is not kept"
        );
        for i in 0..MAX_ENTRIES {
            assert_eq!(h.record(change(i as u64)), 0);
        }
        assert_eq!(h.record(change(99)), 1);
        assert_eq!(h.entries().len(), MAX_ENTRIES);
        assert_eq!(h.entries()[0].at_ms, 1);
        let mut big = change(100);
        big.added = (0..MAX_RECORDS)
            .map(|i| UserInfo::new(format!("u{i}"), "n"))
            .collect();
        assert_eq!(h.record(big), MAX_ENTRIES);
        assert_eq!(h.entries().len(), 1, "the newest is always kept");
    }

    #[test]
    fn json_round_trips_and_holds_no_token() {
        let mut h = History::default();
        h.record(change(5));
        let mut other = change(6);
        other.config = "d".into();
        h.record(other);
        let json = h.to_json();
        assert!(json.starts_with(r#"{"format":"hotspot-users/history","version":1,"entries":["#));
        assert_eq!(
            json.matches("token").count(),
            2,
            "only the by values: {json}"
        );
        assert_eq!(json.matches(r#""by":"token""#).count(), 2);
        let back = History::from_json(&json).unwrap();
        assert_eq!(back, h);
        assert_eq!(back.for_config("p", "c").count(), 1);
        assert_eq!(back.for_config("p", "d").next().unwrap().at_ms, 6);
    }

    #[test]
    fn from_json_says_what_is_wrong() {
        let err = |s: &str| History::from_json(s).unwrap_err();
        assert_eq!(err("{"), HistoryError::Unreadable(Unreadable::NotJson));
        assert_eq!(
            err("[1]"),
            HistoryError::Unreadable(Unreadable::OtherFormat)
        );
        assert_eq!(
            err(r#"{"format":"hotspot-users/plan","version":1}"#),
            HistoryError::Unreadable(Unreadable::OtherFormat)
        );
        let e = err(r#"{"format":"hotspot-users/history","version":2,"entries":[]}"#);
        assert_eq!(e, HistoryError::Unreadable(Unreadable::Version(2)));
        assert!(e.message_in(Lang::En).contains("version 2"));
        assert_eq!(
            err(r#"{"format":"hotspot-users/history","version":1,"entries":3}"#),
            HistoryError::Unreadable(Unreadable::Malformed)
        );
        let mut h = History::default();
        let mut c = change(1);
        c.added.push(UserInfo::new("bad\tid", "x"));
        h.record(c);
        let e = err(&h.to_json());
        assert!(matches!(e, HistoryError::InvalidEntry { entry: 1, .. }));
        assert!(e
            .message_in(Lang::En)
            .starts_with("History entry 1: User ID"));
        assert!(e.message_in(Lang::Zh).contains("第 1 条"));
    }

    #[test]
    fn a_run_recorded_after_each_request_is_one_entry() {
        let mut h = History::default();
        h.record(change(1));
        // The run's first request went through, then its second.
        let first = Change {
            request_ids: vec!["r-1".into()],
            ..change(5)
        };
        h.record_in_place_of(None, first.clone());
        let second = Change {
            request_ids: vec!["r-1".into(), "r-2".into()],
            ..change(6)
        };
        h.record_in_place_of(Some(&first), second.clone());
        assert_eq!(h.entries(), &[change(1), second.clone()]);
        // An earlier record no longer here (dropped by the bounds, or by an
        // import in another tab) replaces nothing.
        let third = change(7);
        h.record_in_place_of(Some(&first), third.clone());
        assert_eq!(h.entries(), &[change(1), second, third]);
    }

    #[test]
    fn merge_skips_duplicates_orders_by_time_and_bounds() {
        let mut h = History::default();
        h.record(change(10));
        h.record(change(30));
        let mut imported = History::default();
        imported.record(change(10));
        imported.record(change(20));
        let m = h.merge(imported);
        assert_eq!(
            m,
            Merged {
                added: 1,
                duplicates: 1,
                dropped: 0
            }
        );
        let times: Vec<u64> = h.entries().iter().map(|c| c.at_ms).collect();
        assert_eq!(times, [10, 20, 30]);
        let mut many = History::default();
        for i in 100..100 + MAX_ENTRIES as u64 {
            many.record(change(i));
        }
        assert_eq!(h.merge(many).dropped, 3);
        assert_eq!(h.entries()[0].at_ms, 100);
    }
}
