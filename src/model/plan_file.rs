//! Plans as files: the staged changes of one configuration written to a
//! versioned JSON document, with a fingerprint of the server state they were
//! made against, read back and checked against the server as it is now.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::i18n::{t, tf, Lang, T};
use crate::model::history::{read_versioned, Renamed, Unreadable, VERSION};
use crate::model::ids::{validate, Field, FieldError};
use crate::model::table::{user_info, Staged};
use crate::model::UserInfo;

/// The `format` of a plan file.
pub const FORMAT: &str = "hotspot-users/plan";

/// A server state in brief: its user count and an FNV-1a 64 digest of its
/// sorted (id, name) pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// How many users.
    pub users: usize,
    /// 16 lower-case hex digits.
    pub digest: String,
}

impl Fingerprint {
    /// The fingerprint of `users` (id to name).
    pub fn of(users: &BTreeMap<String, String>) -> Fingerprint {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (id, name) in users {
            // Ids and names hold no control characters, so the separators are unambiguous.
            for b in id.bytes().chain([0x1f]).chain(name.bytes()).chain([0x1e]) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        Fingerprint {
            users: users.len(),
            digest: format!("{h:016x}"),
        }
    }
}

/// A plan file: `{"format":"hotspot-users/plan","version":1,...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFile {
    format: String,
    version: u64,
    /// Project id.
    pub project: String,
    /// Configuration id.
    pub config: String,
    /// When it was made, in ms since the epoch.
    pub made_at_ms: u64,
    /// The server state it was made against.
    pub fingerprint: Fingerprint,
    /// New users.
    #[serde(default)]
    pub adds: Vec<UserInfo>,
    /// New names for existing users.
    #[serde(default)]
    pub renames: Vec<Renamed>,
    /// Users to delete, with the name they had.
    #[serde(default)]
    pub deletes: Vec<UserInfo>,
}

/// Which list of a plan file an entry is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanList {
    /// `adds`.
    Adds,
    /// `renames`.
    Renames,
    /// `deletes`.
    Deletes,
}

/// Why a plan file could not be read or used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanFileError {
    /// Not a readable plan document.
    Unreadable(Unreadable),
    /// An entry's user id or name is invalid.
    InvalidUser {
        /// Its list.
        list: PlanList,
        /// 1-based position in the list.
        n: usize,
        /// Its user id as written.
        id: String,
        /// What is wrong.
        error: FieldError,
    },
    /// A user id is in more than one entry.
    DuplicateId(String),
    /// The plan is for another project or configuration.
    OtherConfiguration {
        /// The plan's project.
        plan_project: String,
        /// The plan's configuration.
        plan_config: String,
        /// The loaded project.
        project: String,
        /// The loaded configuration.
        config: String,
    },
}

impl PlanFileError {
    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            PlanFileError::Unreadable(u) => u.message_in(lang, T::NotPlanFile),
            PlanFileError::InvalidUser { list, n, id, error } => {
                let list = t(
                    lang,
                    match list {
                        PlanList::Adds => T::PlanAdds,
                        PlanList::Renames => T::PlanRenames,
                        PlanList::Deletes => T::PlanDeletes,
                    },
                );
                tf(
                    lang,
                    T::PlanEntryInvalid,
                    &[
                        ("list", &list),
                        ("n", n),
                        ("id", id),
                        ("problem", &error.message_in(lang)),
                    ],
                )
            }
            PlanFileError::DuplicateId(id) => tf(lang, T::PlanDuplicateId, &[("id", id)]),
            PlanFileError::OtherConfiguration {
                plan_project,
                plan_config,
                project,
                config,
            } => tf(
                lang,
                T::PlanOtherConfig,
                &[
                    ("plan_project", plan_project),
                    ("plan_config", plan_config),
                    ("project", project),
                    ("config", config),
                ],
            ),
        }
    }
}

/// A planned entry whose precondition no longer holds on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// A deletion of a user no longer on the server: skipped.
    DeleteGone {
        /// User id.
        user_id: String,
    },
    /// A deletion of a user whose name changed: still staged.
    DeleteRenamed {
        /// User id.
        user_id: String,
        /// The name in the plan.
        planned: String,
        /// The name on the server.
        now: String,
    },
    /// An addition of an id now on the server under another name: staged as a rename.
    AddExists {
        /// User id.
        user_id: String,
        /// The name in the plan.
        planned: String,
        /// The name on the server.
        now: String,
    },
    /// An addition of an id now on the server as planned: skipped.
    AddSame {
        /// User id.
        user_id: String,
        /// The name on the server.
        now: String,
    },
    /// A rename of a user no longer on the server: skipped.
    RenameGone {
        /// User id.
        user_id: String,
        /// The planned name.
        planned: String,
    },
    /// A rename whose old name no longer matches: staged with the planned name.
    RenameMoved {
        /// User id.
        user_id: String,
        /// The old name in the plan.
        from: String,
        /// The planned name.
        planned: String,
        /// The name on the server.
        now: String,
    },
    /// A rename the server already has: skipped.
    RenameDone {
        /// User id.
        user_id: String,
        /// The planned name.
        planned: String,
    },
}

impl Drift {
    /// The user it is about.
    pub fn user_id(&self) -> &str {
        match self {
            Drift::DeleteGone { user_id }
            | Drift::DeleteRenamed { user_id, .. }
            | Drift::AddExists { user_id, .. }
            | Drift::AddSame { user_id, .. }
            | Drift::RenameGone { user_id, .. }
            | Drift::RenameMoved { user_id, .. }
            | Drift::RenameDone { user_id, .. } => user_id,
        }
    }

    /// Whether the entry is still staged (in altered form or despite the change).
    pub fn staged(&self) -> bool {
        matches!(
            self,
            Drift::DeleteRenamed { .. } | Drift::AddExists { .. } | Drift::RenameMoved { .. }
        )
    }

    /// What changed and what was done about it, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let none = String::new();
        let (key, id, planned, now, from) = match self {
            Drift::DeleteGone { user_id } => (T::DriftDeleteGone, user_id, &none, &none, &none),
            Drift::DeleteRenamed {
                user_id,
                planned,
                now,
            } => (T::DriftDeleteRenamed, user_id, planned, now, &none),
            Drift::AddExists {
                user_id,
                planned,
                now,
            } => (T::DriftAddExists, user_id, planned, now, &none),
            Drift::AddSame { user_id, now } => (T::DriftAddSame, user_id, &none, now, &none),
            Drift::RenameGone { user_id, planned } => {
                (T::DriftRenameGone, user_id, planned, &none, &none)
            }
            Drift::RenameMoved {
                user_id,
                from,
                planned,
                now,
            } => (T::DriftRenameMoved, user_id, planned, now, from),
            Drift::RenameDone { user_id, planned } => {
                (T::DriftRenameDone, user_id, planned, &none, &none)
            }
        };
        tf(
            lang,
            key,
            &[
                ("id", id),
                ("planned", planned),
                ("now", now),
                ("from", from),
            ],
        )
    }
}

/// A plan file checked against the server's users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// What to stage.
    pub staged: Staged,
    /// Every entry skipped or altered because the server changed since.
    pub changed_since: Vec<Drift>,
    /// Whether the server is exactly as when the plan was made.
    pub unchanged: bool,
}

impl PlanFile {
    /// The plan of `staged` over the server's `loaded` users (an addition
    /// of a loaded id is a rename).
    pub fn new(
        project: &str,
        config: &str,
        made_at_ms: u64,
        loaded: &BTreeMap<String, String>,
        staged: &Staged,
    ) -> PlanFile {
        let mut adds = Vec::new();
        let mut renames = Vec::new();
        for (id, name) in &staged.adds {
            match loaded.get(id) {
                Some(from) => renames.push(Renamed {
                    user_id: id.clone(),
                    from: from.clone(),
                    to: name.clone(),
                }),
                None => adds.push(user_info(id, name)),
            }
        }
        let deletes = staged
            .deletes
            .iter()
            .map(|id| user_info(id, loaded.get(id).map_or("", String::as_str)))
            .collect();
        PlanFile {
            format: FORMAT.to_string(),
            version: VERSION,
            project: project.to_string(),
            config: config.to_string(),
            made_at_ms,
            fingerprint: Fingerprint::of(loaded),
            adds,
            renames,
            deletes,
        }
    }

    /// The plan file's text (indented JSON).
    pub fn to_json(&self) -> String {
        crate::json::to_string_pretty(self)
    }

    /// Reads a plan file: the right format and version, valid user ids and
    /// names (a name may be empty except a rename's new one), each id once.
    pub fn parse(text: &str) -> Result<PlanFile, PlanFileError> {
        let p: PlanFile = read_versioned(text, FORMAT).map_err(PlanFileError::Unreadable)?;
        let adds = p
            .adds
            .iter()
            .map(|u| (PlanList::Adds, u.id(), "", u.name()));
        let renames = p.renames.iter().map(|r| {
            (
                PlanList::Renames,
                r.user_id.as_str(),
                r.from.as_str(),
                r.to.as_str(),
            )
        });
        let deletes = p
            .deletes
            .iter()
            .map(|u| (PlanList::Deletes, u.id(), "", u.name()));
        // A set of `String`, the type the table's deletions already use.
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut last = (PlanList::Adds, 0);
        for (list, id, from, name) in adds.chain(renames).chain(deletes) {
            last = (list, if last.0 == list { last.1 + 1 } else { 1 });
            let bad = |error| PlanFileError::InvalidUser {
                list,
                n: last.1,
                id: id.to_string(),
                error,
            };
            validate(Field::UserId, id).map_err(bad)?;
            if !from.is_empty() {
                validate(Field::UserName, from).map_err(bad)?;
            }
            if !name.is_empty() || list == PlanList::Renames {
                validate(Field::UserName, name).map_err(bad)?;
            }
            if !seen.insert(id.to_string()) {
                return Err(PlanFileError::DuplicateId(id.to_string()));
            }
        }
        Ok(p)
    }

    /// Checks the plan against the `current` users of the loaded `project`
    /// and `config`: what to stage, and every entry the server's changes
    /// since made skip or alter. A deletion is never staged unnoticed.
    pub fn check(
        &self,
        project: &str,
        config: &str,
        current: &BTreeMap<String, String>,
    ) -> Result<Checked, PlanFileError> {
        if self.project != project || self.config != config {
            return Err(PlanFileError::OtherConfiguration {
                plan_project: self.project.clone(),
                plan_config: self.config.clone(),
                project: project.to_string(),
                config: config.to_string(),
            });
        }
        let mut staged = Staged::default();
        let mut drift = Vec::new();
        for u in &self.adds {
            let (user_id, planned) = (u.id().to_string(), u.name().to_string());
            match current.get(&user_id) {
                None => {
                    staged.adds.insert(user_id, planned);
                }
                Some(now) if *now == planned || planned.is_empty() => {
                    drift.push(Drift::AddSame {
                        user_id,
                        now: now.clone(),
                    });
                }
                Some(now) => {
                    staged.adds.insert(user_id.clone(), planned.clone());
                    drift.push(Drift::AddExists {
                        user_id,
                        planned,
                        now: now.clone(),
                    });
                }
            }
        }
        for r in &self.renames {
            let (user_id, planned) = (r.user_id.clone(), r.to.clone());
            match current.get(&user_id) {
                None => drift.push(Drift::RenameGone { user_id, planned }),
                Some(now) if *now == planned => drift.push(Drift::RenameDone { user_id, planned }),
                Some(now) => {
                    staged.adds.insert(user_id.clone(), planned.clone());
                    if *now != r.from {
                        drift.push(Drift::RenameMoved {
                            user_id,
                            from: r.from.clone(),
                            planned,
                            now: now.clone(),
                        });
                    }
                }
            }
        }
        for u in &self.deletes {
            let user_id = u.id().to_string();
            match current.get(&user_id) {
                None => drift.push(Drift::DeleteGone { user_id }),
                Some(now) => {
                    staged.deletes.insert(user_id.clone());
                    if now != u.name() {
                        drift.push(Drift::DeleteRenamed {
                            user_id,
                            planned: u.name().to_string(),
                            now: now.clone(),
                        });
                    }
                }
            }
        }
        Ok(Checked {
            staged,
            changed_since: drift,
            unchanged: Fingerprint::of(current) == self.fingerprint,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::table::test_map as map;

    fn loaded() -> BTreeMap<String, String> {
        map(&[("a", "alice"), ("b", "bob"), ("c", "carol"), ("d", "dan")])
    }

    fn staged() -> Staged {
        let mut s = Staged::default();
        s.adds.insert("a".into(), "alicia".into());
        s.adds.insert("e".into(), "eve".into());
        s.adds.insert("f".into(), "fay".into());
        s.deletes.insert("b".into());
        s.deletes.insert("c".into());
        s
    }

    fn plan() -> PlanFile {
        PlanFile::new("p", "c1", 42, &loaded(), &staged())
    }

    #[test]
    fn fingerprint_is_fnv1a_of_sorted_pairs() {
        assert_eq!(Fingerprint::of(&BTreeMap::new()).digest, "cbf29ce484222325");
        let a = Fingerprint::of(&map(&[("a", "bc")]));
        let b = Fingerprint::of(&map(&[("ab", "c")]));
        assert_ne!(a, b);
        assert_eq!(a.digest.len(), 16);
        assert_eq!(Fingerprint::of(&loaded()).users, 4);
    }

    #[test]
    fn a_plan_file_splits_adds_renames_and_deletes_and_round_trips() {
        let p = plan();
        assert_eq!(p.renames.len(), 1);
        assert_eq!(p.adds.len(), 2);
        assert_eq!(p.deletes[0], UserInfo::new("b", "bob"));
        let json = p.to_json();
        assert!(json.starts_with("{\n  \"format\": \"hotspot-users/plan\",\n  \"version\": 1,"));
        let back = PlanFile::parse(&json).unwrap();
        assert_eq!(back, p);
        let c = back.check("p", "c1", &loaded()).unwrap();
        assert_eq!(c.staged, staged());
        assert!(c.unchanged && c.changed_since.is_empty());
    }

    #[test]
    fn another_configuration_is_refused_naming_both() {
        let e = plan().check("p", "c2", &loaded()).unwrap_err();
        let m = e.message_in(Lang::En);
        assert!(m.contains("c1") && m.contains("c2"), "{m}");
        assert!(e.message_in(Lang::Zh).contains("c2"));
    }

    #[test]
    fn drift_is_listed_and_stale_deletions_never_staged_silently() {
        // Since the plan: b gone, c renamed, e added as eve, f added as fiona,
        // a deleted; a second plan renames d, whose name changed too.
        let now = map(&[
            ("c", "caroline"),
            ("d", "dave"),
            ("e", "eve"),
            ("f", "fiona"),
        ]);
        let c = plan().check("p", "c1", &now).unwrap();
        assert!(!c.unchanged);
        assert_eq!(c.staged.deletes.iter().collect::<Vec<_>>(), ["c"]);
        assert_eq!(c.staged.adds.keys().collect::<Vec<_>>(), ["f"]);
        let kinds: Vec<bool> = c.changed_since.iter().map(Drift::staged).collect();
        assert_eq!(c.changed_since.len(), 5, "{:?}", c.changed_since);
        assert_eq!(kinds, [false, true, false, false, true]);
        assert_eq!(
            c.changed_since[3],
            Drift::DeleteGone {
                user_id: "b".into()
            }
        );
        for d in &c.changed_since {
            for lang in Lang::ALL {
                let m = d.message_in(lang);
                assert!(m.starts_with(d.user_id()), "{m}");
                assert!(!m.contains('{'), "{m}");
            }
        }
        let mut s = Staged::default();
        s.adds.insert("d".into(), "daniel".into());
        let p = PlanFile::new("p", "c1", 1, &loaded(), &s);
        let c = p.check("p", "c1", &now).unwrap();
        assert_eq!(c.staged.adds.get("d").map(String::as_str), Some("daniel"));
        assert!(matches!(&c.changed_since[..], [Drift::RenameMoved { now, .. }] if now == "dave"));
        let c = p.check("p", "c1", &map(&[("d", "daniel")])).unwrap();
        assert!(c.staged.is_empty());
        assert!(matches!(&c.changed_since[..], [Drift::RenameDone { .. }]));
    }

    #[test]
    fn parse_says_what_is_wrong() {
        let err = |s: &str| PlanFile::parse(s).unwrap_err();
        assert_eq!(err("nope"), PlanFileError::Unreadable(Unreadable::NotJson));
        assert_eq!(
            err(r#"{"format":"hotspot-users/history","version":1,"entries":[]}"#),
            PlanFileError::Unreadable(Unreadable::OtherFormat)
        );
        let e = err(r#"{"format":"hotspot-users/plan","version":7}"#);
        assert_eq!(e, PlanFileError::Unreadable(Unreadable::Version(7)));
        assert!(e.message_in(Lang::Zh).contains('7'));
        assert_eq!(
            err(r#"{"format":"hotspot-users/plan","version":1}"#),
            PlanFileError::Unreadable(Unreadable::Malformed)
        );
        let mut p = plan();
        p.deletes.push(UserInfo::new("x", "bad\u{200B}name"));
        let e = err(&p.to_json());
        assert!(matches!(
            &e,
            PlanFileError::InvalidUser { list: PlanList::Deletes, n: 3, id, .. } if id == "x"
        ));
        assert!(e
            .message_in(Lang::En)
            .starts_with("Deletion 3 (x): User name"));
        let mut p = plan();
        p.renames[0].to = String::new();
        assert!(matches!(
            err(&p.to_json()),
            PlanFileError::InvalidUser {
                list: PlanList::Renames,
                n: 1,
                ..
            }
        ));
        let mut p = plan();
        p.adds.push(UserInfo::new("b", "again"));
        let e = err(&p.to_json());
        assert_eq!(e, PlanFileError::DuplicateId("b".into()));
        assert!(e.message_in(Lang::En).contains("b"));
    }
}
