//! Copying users from one configuration to another, or making one match
//! another, as changes staged on the target for the normal review.

use std::collections::BTreeMap;

use crate::i18n::{tf, Lang, T};
use crate::model::notice::Notice;
use crate::model::table::{user_info, Action, Staged};
use crate::model::{UserInfo, MAX_USERS};

/// The changes that bring a target configuration closer to a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncPlan {
    /// Users to ADD: new ids, and (when matching) new names for existing ids.
    pub adds: Vec<UserInfo>,
    /// Ids to DELETE (when matching): the target's users the source lacks.
    pub deletes: Vec<String>,
    /// New users among `adds`.
    pub added: usize,
    /// Renames among `adds`.
    pub renamed: usize,
    /// Ids the target already has and keeps as they are.
    pub already_there: usize,
}

/// Why a sync plan cannot be staged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// The target would hold more than [`MAX_USERS`] users.
    OverCapacity {
        /// Users afterwards.
        after: usize,
        /// The cap.
        max: usize,
        /// How many too many.
        excess: usize,
    },
}

impl SyncError {
    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            SyncError::OverCapacity { after, max, excess } => tf(
                lang,
                T::SyncOverCapacity,
                &[
                    ("after", &grouped(*after)),
                    ("max", max),
                    ("excess", &grouped(*excess)),
                ],
            ),
        }
    }
}

/// `n` with a comma every three digits: 1,300.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Staged changes of these adds and deletes.
pub(crate) fn staged_of(adds: &[UserInfo], deletes: &[String]) -> Staged {
    let mut s = Staged::default();
    for u in adds {
        s.adds.insert(u.id().to_string(), u.name().to_string());
    }
    for id in deletes {
        s.deletes.insert(id.clone());
    }
    s
}

impl SyncPlan {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty() && self.deletes.is_empty()
    }

    /// What the console says once the plan is staged on `config` and that
    /// configuration is open.
    pub fn staged_notice(&self, config: &str) -> Notice {
        Notice::text(
            T::SyncStaged,
            &[
                ("config", &config.to_string()),
                ("added", &self.added),
                ("renamed", &self.renamed),
                ("deleted", &self.deletes.len()),
            ],
        )
    }

    /// Users a target of `target_len` users holds afterwards.
    pub fn after(&self, target_len: usize) -> usize {
        (target_len + self.added).saturating_sub(self.deletes.len())
    }

    /// Refuses a plan that would leave a target of `target_len` users with
    /// more than [`MAX_USERS`].
    pub fn check_cap(&self, target_len: usize) -> Result<(), SyncError> {
        let after = self.after(target_len);
        if after > MAX_USERS {
            return Err(SyncError::OverCapacity {
                after,
                max: MAX_USERS,
                excess: after - MAX_USERS,
            });
        }
        Ok(())
    }
}

impl Staging for SyncPlan {
    fn parts(&self) -> (&[UserInfo], &[String]) {
        (&self.adds, &self.deletes)
    }
}

/// Users to ADD and ids to DELETE (a revert's, a sync plan's), as the table
/// stages them.
pub trait Staging {
    /// The users to ADD and the ids to DELETE.
    fn parts(&self) -> (&[UserInfo], &[String]);

    /// As staged changes, to restore into a table for the normal review.
    fn staged(&self) -> Staged {
        let (adds, deletes) = self.parts();
        staged_of(adds, deletes)
    }

    /// As table actions, to stage on top of a table's work.
    fn actions(&self) -> Vec<Action> {
        let (adds, deletes) = self.parts();
        vec![Action::Add(adds.to_vec()), Action::Delete(deletes.to_vec())]
    }
}

/// Copies the users of `source` whose id the `target` lacks; ids in both
/// stay as the target has them (`already_there`). Never deletes or renames.
pub fn copy_plan(source: &BTreeMap<String, String>, target: &BTreeMap<String, String>) -> SyncPlan {
    let mut p = SyncPlan::default();
    for (id, name) in source {
        if target.contains_key(id) {
            p.already_there += 1;
        } else {
            p.adds.push(user_info(id, name));
            p.added += 1;
        }
    }
    p
}

/// Makes `target` hold exactly `source`: adds missing ids, renames differing
/// names (an ADD with the source's name), deletes ids the source lacks;
/// `already_there` counts ids with the same name in both.
///
/// A source user without a name renames a named target user with a nameless
/// ADD, which the API applies but [`crate::model::Table`] does not stage.
pub fn match_plan(
    source: &BTreeMap<String, String>,
    target: &BTreeMap<String, String>,
) -> SyncPlan {
    let mut p = SyncPlan::default();
    for (id, name) in source {
        match target.get(id) {
            None => p.added += 1,
            Some(t) if t != name => p.renamed += 1,
            Some(_) => {
                p.already_there += 1;
                continue;
            }
        }
        p.adds.push(user_info(id, name));
    }
    for id in target.keys() {
        if !source.contains_key(id) {
            p.deletes.push(id.clone());
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Table;

    use crate::model::table::test_map as map;

    #[test]
    fn copy_adds_only_the_missing_ids() {
        let p = copy_plan(
            &map(&[("a", "alice"), ("b", "bob")]),
            &map(&[("a", "other"), ("z", "zed")]),
        );
        assert_eq!(p.adds, vec![UserInfo::new("b", "bob")]);
        assert!(p.deletes.is_empty());
        assert_eq!((p.added, p.renamed, p.already_there), (1, 0, 1));
        assert_eq!(p.after(2), 3);
    }

    #[test]
    fn match_adds_renames_and_deletes() {
        let source = map(&[("a", "alice"), ("b", "bob"), ("c", "carol")]);
        let target = map(&[("a", "other"), ("c", "carol"), ("z", "zed")]);
        let p = match_plan(&source, &target);
        assert_eq!(
            p.adds,
            vec![UserInfo::new("a", "alice"), UserInfo::new("b", "bob")]
        );
        assert_eq!(p.deletes, vec!["z".to_string()]);
        assert_eq!((p.added, p.renamed, p.already_there), (1, 1, 1));
        assert_eq!(p.after(target.len()), 3);
        let mut t = Table::with_staged(
            target.iter().map(|(i, n)| UserInfo::new(i, n)).collect(),
            p.staged(),
        );
        assert_eq!(t.target(), source);
        t.apply(Action::Discard);
        for a in p.actions() {
            t.apply(a);
        }
        assert_eq!(t.target(), source);
        assert!(copy_plan(&source, &source).is_empty());
        assert!(match_plan(&source, &source).is_empty());
    }

    #[test]
    fn over_the_cap_is_refused_naming_the_excess() {
        let source: BTreeMap<String, String> = (0..800)
            .map(|i| (format!("s{i}"), "n".to_string()))
            .collect();
        let p = copy_plan(&source, &BTreeMap::new());
        assert!(p.check_cap(200).is_ok());
        let e = p.check_cap(500).unwrap_err();
        assert_eq!(
            e,
            SyncError::OverCapacity {
                after: 1300,
                max: 1000,
                excess: 300
            }
        );
        assert_eq!(
            e.message_in(Lang::En),
            "The target configuration would hold 1,300 users; at most 1000 are allowed; 300 too many."
        );
        assert!(e.message_in(Lang::Zh).contains("1,300"));
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1234567), "1,234,567");
    }
}
