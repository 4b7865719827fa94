//! The directory against a configuration: how a search result relates to
//! the table, resolving imported names to users (exactly, never guessed),
//! how to read the directory for many names at once, and the check that
//! finds entries deleted from or renamed in the directory.

use std::collections::{BTreeMap, HashMap};

use crate::i18n::{tf, Lang, T};
use crate::model::directory::DirectoryUser;
use crate::model::import::NameLine;
use crate::model::{Page, Table, UserInfo};

/// How a directory user relates to the loaded configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Neither in the configuration nor staged.
    Absent,
    /// In the configuration.
    InConfiguration,
    /// Staged for adding (or renaming).
    StagedToAdd,
    /// Staged for deletion.
    StagedToDelete,
}

/// The mark of directory user `id` in `table`.
pub fn mark(table: &Table, id: &str) -> Mark {
    let staged = table.staged();
    if staged.deletes.contains(id) {
        Mark::StagedToDelete
    } else if staged.adds.contains_key(id) {
        Mark::StagedToAdd
    } else if table.loaded().contains_key(id) {
        Mark::InConfiguration
    } else {
        Mark::Absent
    }
}

/// A directory user as a non-migration user: its exact id and name.
pub fn as_user(u: &DirectoryUser) -> UserInfo {
    UserInfo::new(u.id.clone(), u.user_name.clone())
}

/// Why an imported name gave no user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameProblem {
    /// No directory user has exactly this name.
    Unknown,
    /// Several directory users have exactly this name.
    Ambiguous(Vec<DirectoryUser>),
    /// The directory could not be asked (the error's message).
    Failed(String),
}

/// A name that was not resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The import's line.
    pub line: usize,
    /// The name.
    pub name: String,
    /// Why.
    pub problem: NameProblem,
}

impl Unresolved {
    /// "Line 4: no directory user is named “x”." and the like, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let what = match &self.problem {
            NameProblem::Unknown => tf(lang, T::NameUnknown, &[("name", &self.name)]),
            NameProblem::Ambiguous(candidates) => {
                let list = candidates
                    .iter()
                    .map(|c| match c.user_email.as_str() {
                        "" => c.id.clone(),
                        email => format!("{} <{email}>", c.id),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                tf(
                    lang,
                    T::NameAmbiguous,
                    &[
                        ("name", &self.name),
                        ("n", &candidates.len()),
                        ("candidates", &list),
                    ],
                )
            }
            NameProblem::Failed(message) => tf(
                lang,
                T::NameFailed,
                &[("name", &self.name), ("message", message)],
            ),
        };
        tf(lang, T::LineN, &[("line", &self.line), ("problem", &what)])
    }
}

/// Names resolved to users, and those that were not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolution {
    /// One user per resolved name, with the directory's id and name.
    pub users: Vec<UserInfo>,
    /// Names with no match, several, or no answer.
    pub unresolved: Vec<Unresolved>,
}

/// What the directory returned for a name: the users it listed (a search
/// may match by substring; only exact names count), or why it did not answer.
pub type Answer = Result<Vec<DirectoryUser>, String>;

/// Resolves each name by exact (case-sensitive) equality with the
/// directory's `user_name` among what the directory returned for it.
pub fn resolve(names: &[NameLine], answers: &HashMap<String, Answer>) -> Resolution {
    let mut out = Resolution::default();
    for n in names {
        let problem = match answers.get(&n.name) {
            None => NameProblem::Failed(String::new()),
            Some(Err(message)) => NameProblem::Failed(message.clone()),
            Some(Ok(listed)) => {
                let exact: Vec<&DirectoryUser> =
                    listed.iter().filter(|u| u.user_name == n.name).collect();
                match exact.as_slice() {
                    [one] => {
                        out.users.push(as_user(one));
                        continue;
                    }
                    [] => NameProblem::Unknown,
                    many => NameProblem::Ambiguous(many.iter().map(|u| (*u).clone()).collect()),
                }
            }
        };
        out.unresolved.push(Unresolved {
            line: n.line,
            name: n.name.clone(),
            problem,
        });
    }
    out
}

/// Answers for every name from a whole read of the directory.
pub fn answers_from(directory: &[DirectoryUser], names: &[NameLine]) -> HashMap<String, Answer> {
    let mut by_name: HashMap<&str, Vec<DirectoryUser>> = HashMap::new();
    for u in directory {
        by_name
            .entry(u.user_name.as_str())
            .or_default()
            .push(u.clone());
    }
    names
        .iter()
        .map(|n| {
            let listed = by_name.get(n.name.as_str()).cloned().unwrap_or_default();
            (n.name.clone(), Ok(listed))
        })
        .collect()
}

/// Users of the directory read per page.
pub const DIRECTORY_PAGE: u32 = 100;

/// How to resolve names: one search per name, or one read of the whole
/// directory, whichever takes fewer requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// A search for each name.
    PerName,
    /// Every page of the directory, then matching here.
    WholeDirectory,
}

/// The strategy for `names` names against a directory of `total` users.
pub fn strategy(names: usize, total: u32) -> Strategy {
    if directory_pages(total) < names {
        Strategy::WholeDirectory
    } else {
        Strategy::PerName
    }
}

/// Requests a whole read of a directory of `total` users takes.
pub fn directory_pages(total: u32) -> usize {
    total.div_ceil(DIRECTORY_PAGE).max(1) as usize
}

/// The pages of a whole read of a directory of `total` users.
pub fn pages(total: u32) -> Vec<Page> {
    (0..directory_pages(total) as u32)
        .map(|i| Page {
            offset: i * DIRECTORY_PAGE,
            limit: DIRECTORY_PAGE,
        })
        .collect()
}

/// A configuration entry whose name differs from the directory's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// The user id.
    pub id: String,
    /// The name in the configuration.
    pub from: String,
    /// The name in the directory.
    pub to: String,
}

/// What "Check against the directory" found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryCheck {
    /// Entries whose ID is not in the directory (deleted there).
    pub stale: Vec<UserInfo>,
    /// Entries whose name differs from the directory's.
    pub renamed: Vec<Renamed>,
}

impl DirectoryCheck {
    /// The users to stage for renaming (ADD with the directory's name).
    pub fn renames(&self) -> Vec<UserInfo> {
        self.renamed
            .iter()
            .map(|r| UserInfo::new(r.id.clone(), r.to.clone()))
            .collect()
    }

    /// The ids to stage for deletion.
    pub fn deletions(&self) -> Vec<String> {
        self.stale.iter().map(|u| u.id().to_string()).collect()
    }
}

/// Compares the configuration's users with the whole directory.
pub fn check(loaded: &BTreeMap<String, String>, directory: &[DirectoryUser]) -> DirectoryCheck {
    let by_id: HashMap<&str, &str> = directory
        .iter()
        .map(|u| (u.id.as_str(), u.user_name.as_str()))
        .collect();
    let mut out = DirectoryCheck::default();
    for (id, name) in loaded {
        match by_id.get(id.as_str()) {
            None => out.stale.push(UserInfo::new(id.clone(), name.clone())),
            Some(to) if to != name => out.renamed.push(Renamed {
                id: id.clone(),
                from: name.clone(),
                to: to.to_string(),
            }),
            Some(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;

    fn du(id: &str, name: &str) -> DirectoryUser {
        DirectoryUser {
            id: id.into(),
            user_name: name.into(),
            ..DirectoryUser::default()
        }
    }

    fn line(line: usize, name: &str) -> NameLine {
        NameLine {
            line,
            name: name.into(),
        }
    }

    #[test]
    fn marks_follow_the_table() {
        let mut t = Table::default();
        t.apply(Action::Loaded(vec![
            UserInfo::new("a", "A"),
            UserInfo::new("b", "B"),
        ]));
        t.apply(Action::Delete(vec!["b".into()]));
        t.apply(Action::Add(vec![UserInfo::new("c", "C")]));
        assert_eq!(mark(&t, "a"), Mark::InConfiguration);
        assert_eq!(mark(&t, "b"), Mark::StagedToDelete);
        assert_eq!(mark(&t, "c"), Mark::StagedToAdd);
        assert_eq!(mark(&t, "d"), Mark::Absent);
    }

    #[test]
    fn names_resolve_exactly_or_are_listed_with_candidates() {
        let names = [
            line(2, "alice"),
            line(3, "bob"),
            line(4, "carol"),
            line(5, "dan"),
        ];
        let mut answers = HashMap::new();
        // A substring search returns more than the exact name.
        answers.insert(
            "alice".into(),
            Ok(vec![du("1", "alice"), du("2", "alice2"), du("3", "Alice")]),
        );
        answers.insert("bob".into(), Ok(vec![du("4", "bob"), du("5", "bob")]));
        answers.insert("carol".into(), Ok(vec![du("6", "carol.x")]));
        answers.insert("dan".into(), Err("503".into()));
        let r = resolve(&names, &answers);
        assert_eq!(r.users, vec![UserInfo::new("1", "alice")]);
        let problems: Vec<_> = r
            .unresolved
            .iter()
            .map(|u| (u.line, u.problem.clone()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    3,
                    NameProblem::Ambiguous(vec![du("4", "bob"), du("5", "bob")])
                ),
                (4, NameProblem::Unknown),
                (5, NameProblem::Failed("503".into())),
            ]
        );
        assert_eq!(
            r.unresolved[0].message_in(Lang::En),
            "Line 3: 2 directory users are named “bob”: 4, 5. Add the one you mean by its ID."
        );
        assert_eq!(
            r.unresolved[1].message_in(Lang::En),
            "Line 4: no directory user is named “carol”."
        );
    }

    #[test]
    fn a_whole_read_answers_every_name_and_the_cheaper_way_is_chosen() {
        let dir = vec![du("1", "alice"), du("2", "bob"), du("3", "bob")];
        let names = [line(1, "alice"), line(2, "bob"), line(3, "eve")];
        let r = resolve(&names, &answers_from(&dir, &names));
        assert_eq!(r.users, vec![UserInfo::new("1", "alice")]);
        assert_eq!(r.unresolved.len(), 2);
        assert_eq!(strategy(1000, 5000), Strategy::WholeDirectory);
        assert_eq!(strategy(20, 5000), Strategy::PerName);
        assert_eq!(directory_pages(5000), 50);
        assert_eq!(directory_pages(0), 1);
        assert_eq!(
            pages(250).iter().map(|p| p.offset).collect::<Vec<_>>(),
            [0, 100, 200]
        );
    }

    #[test]
    fn the_check_finds_stale_and_renamed_entries() {
        let loaded: BTreeMap<String, String> = [("a", "A"), ("b", "B"), ("c", "C")]
            .into_iter()
            .map(|(i, n)| (i.to_string(), n.to_string()))
            .collect();
        let dir = vec![du("a", "A"), du("b", "B2"), du("z", "Z")];
        let c = check(&loaded, &dir);
        assert_eq!(c.stale, vec![UserInfo::new("c", "C")]);
        assert_eq!(
            c.renamed,
            vec![Renamed {
                id: "b".into(),
                from: "B".into(),
                to: "B2".into()
            }]
        );
        assert_eq!(c.deletions(), ["c"]);
        assert_eq!(c.renames(), vec![UserInfo::new("b", "B2")]);
    }
}
