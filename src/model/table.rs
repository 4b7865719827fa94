//! The users table: the server's users as loaded, plus staged additions and
//! deletions. Every change is a pure [`Table::apply`] of an [`Action`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{UpdateType, UserInfo};

/// What the admin or an API call did to the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The server's users were (re)loaded; staged changes that no longer
    /// change anything are dropped.
    Loaded(Vec<UserInfo>),
    /// Stage users for ADD (new ones, or a new name for an existing id).
    Add(Vec<UserInfo>),
    /// Stage these ids for deletion (a staged addition is simply unstaged).
    Delete(Vec<String>),
    /// Unstage whatever is staged for these ids.
    Undo(Vec<String>),
    /// Unstage everything.
    Discard,
    /// A request went through: the server now has its effect.
    Applied {
        /// ADD or DELETE.
        update_type: UpdateType,
        /// The users it carried.
        users: Vec<UserInfo>,
    },
}

/// The staged part of the table, as kept across page reloads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staged {
    /// id to name of staged additions (`""`: no name).
    pub adds: BTreeMap<String, String>,
    /// ids staged for deletion.
    pub deletes: BTreeSet<String>,
}

impl Staged {
    /// Whether nothing is staged.
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty() && self.deletes.is_empty()
    }
}

/// The table's state. Invariants: an id is never both added and deleted;
/// deletions name loaded ids; an addition always changes something.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    loaded: BTreeMap<String, String>,
    staged: Staged,
}

/// How a row differs from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowStatus {
    /// As on the server.
    Unchanged,
    /// A new user, staged for ADD.
    Added,
    /// An existing user with a new name staged (ADD overwrites).
    Renamed {
        /// The name on the server.
        from: String,
    },
    /// Staged for DELETE.
    Deleted,
}

/// One row of the table as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// User id.
    pub id: String,
    /// User name (the staged one, for a rename).
    pub name: String,
    /// Its staged status.
    pub status: RowStatus,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Users on the server, as loaded.
    pub loaded: usize,
    /// New users staged.
    pub added: usize,
    /// Existing users with a new name staged.
    pub renamed: usize,
    /// Users staged for deletion.
    pub deleted: usize,
    /// Users the configuration will hold afterwards.
    pub after: usize,
}

fn user(id: &str, name: &str) -> UserInfo {
    UserInfo {
        user_id: Some(id.to_string()),
        user_name: (!name.is_empty()).then(|| name.to_string()),
    }
}

impl Table {
    /// A table over the server's users with `staged` changes restored
    /// (those that no longer apply are dropped).
    pub fn with_staged(loaded: Vec<UserInfo>, staged: Staged) -> Self {
        let mut t = Table::default();
        t.apply(Action::Loaded(loaded));
        let adds = staged.adds.iter().map(|(i, n)| user(i, n)).collect();
        t.apply(Action::Add(adds));
        t.apply(Action::Delete(staged.deletes.into_iter().collect()));
        t
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Loaded(users) => {
                self.loaded = id_map(users);
                let staged = std::mem::take(&mut self.staged);
                let adds = staged.adds.iter().map(|(i, n)| user(i, n)).collect();
                self.apply(Action::Add(adds));
                self.apply(Action::Delete(staged.deletes.into_iter().collect()));
            }
            Action::Add(users) => {
                for u in users {
                    let Some(id) = u.user_id else { continue };
                    self.stage_add(id, u.user_name.unwrap_or_default());
                }
            }
            Action::Delete(ids) => {
                for id in ids {
                    self.staged.adds.remove(&id);
                    if self.loaded.contains_key(&id) {
                        self.staged.deletes.insert(id);
                    }
                }
            }
            Action::Undo(ids) => {
                for id in ids {
                    self.staged.adds.remove(&id);
                    self.staged.deletes.remove(&id);
                }
            }
            Action::Discard => self.staged = Staged::default(),
            Action::Applied { update_type, users } => {
                // What went through is no longer staged.
                for u in &users {
                    match update_type {
                        UpdateType::Add
                            if self.staged.adds.get(u.id()).map(String::as_str)
                                == Some(u.name()) =>
                        {
                            self.staged.adds.remove(u.id());
                        }
                        UpdateType::Add => {}
                        UpdateType::Delete => {
                            self.staged.deletes.remove(u.id());
                        }
                    }
                }
                accept(&mut self.loaded, update_type, &users);
            }
        }
    }

    fn stage_add(&mut self, id: String, name: String) {
        self.staged.deletes.remove(&id);
        match self.loaded.get(&id) {
            // Re-adding a user as it is, or without a name, changes nothing:
            // ADD would only overwrite the name.
            Some(current) if *current == name || name.is_empty() => {
                self.staged.adds.remove(&id);
            }
            _ => {
                self.staged.adds.insert(id, name);
            }
        }
    }

    /// What is staged.
    pub fn staged(&self) -> &Staged {
        &self.staged
    }

    /// Whether any change is staged.
    pub fn is_dirty(&self) -> bool {
        !self.staged.is_empty()
    }

    /// The server's users as loaded (id to name).
    pub fn loaded(&self) -> &BTreeMap<String, String> {
        &self.loaded
    }

    /// The users the configuration should hold once every staged change is applied.
    pub fn target(&self) -> BTreeMap<String, String> {
        let mut t = self.loaded.clone();
        for id in &self.staged.deletes {
            t.remove(id);
        }
        t.extend(self.staged.adds.iter().map(|(i, n)| (i.clone(), n.clone())));
        t
    }

    /// Summary counts.
    pub fn counts(&self) -> Counts {
        let renamed = self
            .staged
            .adds
            .keys()
            .filter(|id| self.loaded.contains_key(*id))
            .count();
        let added = self.staged.adds.len() - renamed;
        let deleted = self.staged.deletes.len();
        Counts {
            loaded: self.loaded.len(),
            added,
            renamed,
            deleted,
            after: self.loaded.len() - deleted + added,
        }
    }

    /// The status of one id.
    pub fn status(&self, id: &str) -> Option<RowStatus> {
        if self.staged.deletes.contains(id) {
            return Some(RowStatus::Deleted);
        }
        match (self.loaded.get(id), self.staged.adds.contains_key(id)) {
            (Some(from), true) => Some(RowStatus::Renamed { from: from.clone() }),
            (None, true) => Some(RowStatus::Added),
            (Some(_), false) => Some(RowStatus::Unchanged),
            (None, false) => None,
        }
    }

    /// Every row: loaded users (with their staged status) and new additions, by id.
    pub fn rows(&self) -> Vec<Row> {
        // Both key lists are sorted: merged, not collected into a set (each
        // set type costs the console a sort and a tree in its wasm).
        let (mut loaded, mut adds) = (
            self.loaded.keys().peekable(),
            self.staged.adds.keys().peekable(),
        );
        let mut ids: Vec<&String> = Vec::with_capacity(self.loaded.len() + self.staged.adds.len());
        loop {
            let next = match (loaded.peek(), adds.peek()) {
                (Some(l), Some(a)) if a < l => adds.next(),
                (Some(l), Some(a)) if a == l => {
                    adds.next();
                    loaded.next()
                }
                (Some(_), _) => loaded.next(),
                (None, Some(_)) => adds.next(),
                (None, None) => break,
            };
            ids.extend(next);
        }
        ids.into_iter()
            .map(|id| Row {
                id: id.clone(),
                name: self
                    .staged
                    .adds
                    .get(id)
                    .or_else(|| self.loaded.get(id))
                    .cloned()
                    .unwrap_or_default(),
                status: self.status(id).unwrap_or(RowStatus::Unchanged),
            })
            .collect()
    }
}

/// What an accepted request did to the server's `users` (id to name).
pub fn accept(users: &mut BTreeMap<String, String>, update_type: UpdateType, request: &[UserInfo]) {
    for u in request {
        let Some(id) = &u.user_id else { continue };
        match update_type {
            UpdateType::Add => {
                users.insert(id.clone(), u.name().to_string());
            }
            UpdateType::Delete => {
                users.remove(id);
            }
        }
    }
}

/// Users as id to name (no name: `""`; users without an id are left out).
/// Built by inserting, not collecting: one map type, no sort in the wasm.
pub fn id_map(users: impl IntoIterator<Item = UserInfo>) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for u in users {
        if let Some(id) = u.user_id {
            map.insert(id, u.user_name.unwrap_or_default());
        }
    }
    map
}

/// An id-to-name map from pairs, for tests.
#[cfg(test)]
pub(crate) fn test_map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    id_map(pairs.iter().map(|(i, n)| UserInfo::new(*i, *n)))
}

/// The user as a request carries it (no `user_name` when there is none).
pub fn user_info(id: &str, name: &str) -> UserInfo {
    user(id, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::default();
        t.apply(Action::Loaded(vec![
            UserInfo::new("a", "alice"),
            UserInfo::new("b", "bob"),
        ]));
        t
    }

    #[test]
    fn staging_the_same_user_twice_is_one_change() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("c", "carol")]));
        t.apply(Action::Add(vec![UserInfo::new("c", "carol")]));
        assert_eq!(t.counts().added, 1);
        assert_eq!(t.status("c"), Some(RowStatus::Added));
    }

    #[test]
    fn re_adding_an_existing_user_unchanged_stages_nothing() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("a", "alice")]));
        assert!(!t.is_dirty());
    }

    #[test]
    fn a_new_name_for_an_existing_id_is_a_rename() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("a", "alicia")]));
        assert_eq!(
            t.status("a"),
            Some(RowStatus::Renamed {
                from: "alice".into()
            })
        );
        assert_eq!(t.counts().renamed, 1);
        assert_eq!(t.counts().after, 2);
    }

    #[test]
    fn deleting_a_staged_addition_unstages_it() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("c", "carol")]));
        t.apply(Action::Delete(vec!["c".into()]));
        assert!(!t.is_dirty());
        assert_eq!(t.status("c"), None);
    }

    #[test]
    fn deleting_a_renamed_user_deletes_it() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("a", "alicia")]));
        t.apply(Action::Delete(vec!["a".into()]));
        assert_eq!(t.status("a"), Some(RowStatus::Deleted));
        assert!(t.staged().adds.is_empty());
    }

    #[test]
    fn adding_back_a_staged_deletion_cancels_it() {
        let mut t = table();
        t.apply(Action::Delete(vec!["a".into()]));
        assert_eq!(t.counts().deleted, 1);
        t.apply(Action::Add(vec![UserInfo::new("a", "alice")]));
        assert!(!t.is_dirty());
        t.apply(Action::Delete(vec!["a".into()]));
        t.apply(Action::Add(vec![UserInfo::new("a", "alicia")]));
        assert_eq!(
            t.status("a"),
            Some(RowStatus::Renamed {
                from: "alice".into()
            })
        );
    }

    #[test]
    fn a_nameless_add_of_an_existing_user_keeps_its_name() {
        let mut t = table();
        t.apply(Action::Delete(vec!["a".into()]));
        t.apply(Action::Add(vec![UserInfo {
            user_id: Some("a".into()),
            user_name: None,
        }]));
        assert!(!t.is_dirty());
    }

    #[test]
    fn deleting_an_unknown_id_does_nothing() {
        let mut t = table();
        t.apply(Action::Delete(vec!["zz".into()]));
        assert!(!t.is_dirty());
    }

    #[test]
    fn undo_and_discard() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("c", "carol")]));
        t.apply(Action::Delete(vec!["a".into(), "b".into()]));
        t.apply(Action::Undo(vec!["a".into()]));
        assert_eq!(t.counts().deleted, 1);
        assert_eq!(t.status("a"), Some(RowStatus::Unchanged));
        t.apply(Action::Discard);
        assert!(!t.is_dirty());
    }

    #[test]
    fn reload_keeps_staged_work_that_still_applies() {
        let mut t = table();
        t.apply(Action::Add(vec![
            UserInfo::new("c", "carol"),
            UserInfo::new("d", "dan"),
        ]));
        t.apply(Action::Delete(vec!["a".into(), "b".into()]));
        // Meanwhile someone else added c and deleted b on the server.
        t.apply(Action::Loaded(vec![
            UserInfo::new("a", "alice"),
            UserInfo::new("c", "carol"),
        ]));
        assert_eq!(t.status("c"), Some(RowStatus::Unchanged));
        assert_eq!(t.status("d"), Some(RowStatus::Added));
        assert_eq!(t.status("a"), Some(RowStatus::Deleted));
        assert_eq!(t.status("b"), None);
    }

    #[test]
    fn applied_batches_move_staged_into_loaded() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("c", "carol")]));
        t.apply(Action::Delete(vec!["a".into()]));
        let target = t.target();
        t.apply(Action::Applied {
            update_type: UpdateType::Delete,
            users: vec![user_info("a", "alice")],
        });
        assert_eq!(t.counts().deleted, 0);
        assert_eq!(t.counts().added, 1);
        t.apply(Action::Applied {
            update_type: UpdateType::Add,
            users: vec![user_info("c", "carol")],
        });
        assert!(!t.is_dirty());
        assert_eq!(t.loaded(), &target);
    }

    #[test]
    fn restoring_staged_work() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("c", "carol")]));
        t.apply(Action::Delete(vec!["b".into()]));
        let saved = t.staged().clone();
        let json = serde_json::to_string(&saved).unwrap();
        let back: Staged = serde_json::from_str(&json).unwrap();
        let restored = Table::with_staged(
            vec![UserInfo::new("a", "alice"), UserInfo::new("b", "bob")],
            back,
        );
        assert_eq!(restored, t);
    }

    #[test]
    fn rows_merge_loaded_and_added() {
        let mut t = table();
        t.apply(Action::Add(vec![UserInfo::new("0", "zed")]));
        t.apply(Action::Delete(vec!["b".into()]));
        let rows = t.rows();
        let ids: Vec<_> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["0", "a", "b"]);
        assert_eq!(rows[0].status, RowStatus::Added);
        assert_eq!(rows[2].status, RowStatus::Deleted);
    }
}

/// A difference between the intended users and the server's after a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// Intended, but the server lacks it.
    Missing(String),
    /// On the server, but not intended.
    Unexpected(String),
    /// Both have it, with different names: (id, intended, server).
    Name(String, String, String),
}

/// Compares the intended users with the server's list.
pub fn differences(intended: &BTreeMap<String, String>, server: &[UserInfo]) -> Vec<Difference> {
    let server = id_map(server.iter().cloned());
    let mut out: Vec<Difference> = intended
        .iter()
        .filter_map(|(id, name)| match server.get(id) {
            None => Some(Difference::Missing(id.clone())),
            Some(n) if n != name => Some(Difference::Name(id.clone(), name.clone(), n.to_string())),
            Some(_) => None,
        })
        .collect();
    out.extend(
        server
            .keys()
            .filter(|id| !intended.contains_key(*id))
            .map(|id| Difference::Unexpected(id.clone())),
    );
    out
}

#[cfg(test)]
mod difference_tests {
    use super::*;

    #[test]
    fn finds_missing_unexpected_and_renamed() {
        let intended: BTreeMap<String, String> = [("a", "x"), ("b", "y"), ("c", "z")]
            .map(|(i, n)| (i.into(), n.into()))
            .into();
        let server = vec![
            UserInfo::new("a", "x"),
            UserInfo::new("b", "other"),
            UserInfo::new("d", "w"),
        ];
        assert_eq!(
            differences(&intended, &server),
            vec![
                Difference::Name("b".into(), "y".into(), "other".into()),
                Difference::Missing("c".into()),
                Difference::Unexpected("d".into()),
            ]
        );
        assert!(differences(
            &intended,
            &[
                UserInfo::new("a", "x"),
                UserInfo::new("b", "y"),
                UserInfo::new("c", "z")
            ]
        )
        .is_empty());
    }
}
