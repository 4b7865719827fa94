//! Property tests of the shared model (native only).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use hotspot_users::model::errors::ApiError;
use hotspot_users::model::export::to_csv;
use hotspot_users::model::import::parse;
use hotspot_users::model::view::RowKeys;
use hotspot_users::model::{plan, Action, PlanError, Table, UpdateType, UserInfo, MAX_USERS};
use proptest::prelude::*;

/// Ids from a small alphabet so that actions collide often.
fn id() -> impl Strategy<Value = String> {
    "[a-e][0-9]{1,2}"
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z]{1,6}"]
}

fn user() -> impl Strategy<Value = UserInfo> {
    (id(), name()).prop_map(|(i, n)| UserInfo {
        user_id: Some(i),
        user_name: (!n.is_empty()).then_some(n),
    })
}

#[derive(Debug, Clone)]
enum Op {
    Add(Vec<UserInfo>),
    Delete(Vec<String>),
    Undo(Vec<String>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        prop::collection::vec(user(), 0..30).prop_map(Op::Add),
        prop::collection::vec(id(), 0..30).prop_map(Op::Delete),
        prop::collection::vec(id(), 0..5).prop_map(Op::Undo),
    ]
}

fn loaded() -> impl Strategy<Value = Vec<UserInfo>> {
    prop::collection::btree_map(id(), "[a-z]{1,6}", 0..200)
        .prop_map(|m| m.into_iter().map(|(i, n)| UserInfo::new(i, n)).collect())
}

/// What the API does with a request: ADD overwrites by id, DELETE skips missing.
fn execute(server: &mut BTreeMap<String, String>, update_type: UpdateType, users: &[UserInfo]) {
    for u in users {
        let id = u.id().to_string();
        match update_type {
            UpdateType::Add => {
                server.insert(id, u.name().to_string());
            }
            UpdateType::Delete => {
                server.remove(&id);
            }
        }
    }
}

proptest! {
    #[test]
    fn executing_the_plan_yields_exactly_the_target(loaded in loaded(), ops in prop::collection::vec(op(), 0..8), batch in 1usize..40) {
        let mut table = Table::default();
        table.apply(Action::Loaded(loaded.clone()));
        for op in ops {
            table.apply(match op {
                Op::Add(u) => Action::Add(u),
                Op::Delete(i) => Action::Delete(i),
                Op::Undo(i) => Action::Undo(i),
            });
        }
        let target = table.target();
        match plan(&table, batch) {
            Err(PlanError::NothingStaged) => prop_assert_eq!(&target, table.loaded()),
            Err(e) => prop_assert!(false, "unexpected {e}"),
            Ok(p) => {
                let mut server: BTreeMap<String, String> = table.loaded().clone();
                let mut seen_add = false;
                for req in &p.requests {
                    prop_assert!(!req.non_migrate_users.is_empty());
                    prop_assert!(req.non_migrate_users.len() <= batch);
                    if req.update_type == UpdateType::Add { seen_add = true; }
                    prop_assert!(!(seen_add && req.update_type == UpdateType::Delete), "DELETE after ADD");
                    execute(&mut server, req.update_type, &req.non_migrate_users);
                    prop_assert!(server.len() <= MAX_USERS);
                    table.apply(Action::Applied { update_type: req.update_type, users: req.non_migrate_users.clone() });
                }
                prop_assert_eq!(&server, &target);
                prop_assert!(!table.is_dirty());
                prop_assert_eq!(table.loaded(), &target);
            }
        }
    }

    #[test]
    fn a_failed_batch_leaves_its_users_staged(loaded in loaded(), adds in prop::collection::vec(user(), 1..60), fail_at in 0usize..10) {
        let mut table = Table::default();
        table.apply(Action::Loaded(loaded));
        table.apply(Action::Add(adds));
        let before = table.target();
        if let Ok(p) = plan(&table, 7) {
            for (i, req) in p.requests.iter().enumerate() {
                if i == fail_at { break; }
                table.apply(Action::Applied { update_type: req.update_type, users: req.non_migrate_users.clone() });
            }
            // The intended result is unchanged, and whatever did not go through is still staged.
            prop_assert_eq!(table.target(), before);
            prop_assert_eq!(table.is_dirty(), fail_at < p.requests.len());
        }
    }

    #[test]
    fn export_then_import_round_trips(users in prop::collection::btree_map("[^\\p{C}\\s]{1,20}", "[^\\p{C}\\s]([^\\p{C}]{0,20}[^\\p{C}\\s])?", 0..50)) {
        let users: Vec<UserInfo> = users.into_iter().map(|(i, n)| UserInfo::new(i, n)).collect();
        let back = parse(&to_csv(&users));
        prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
        prop_assert_eq!(back.users, users);
    }

    #[test]
    fn import_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let i = parse(&text);
        let lines = text.split('\n').count();
        prop_assert!(i.problems.iter().all(|p| p.line >= 1 && p.line <= lines));
    }

    #[test]
    fn import_of_text_never_panics(text in "(?s).{0,400}") {
        let _ = parse(&text);
    }

    #[test]
    fn error_decoding_never_panics(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..500), rid in prop::option::of(".{0,20}"), ra in prop::option::of(".{0,5}")) {
        let e = ApiError::decode(status, rid.as_deref(), ra.as_deref(), &body);
        prop_assert_eq!(e.status, Some(status));
        prop_assert!(!e.message().is_empty());
    }
}

mod directory {
    use std::collections::{BTreeMap, HashMap};

    use hotspot_users::model::directory::DirectoryUser;
    use hotspot_users::model::import::NameLine;
    use hotspot_users::model::resolve::{answers_from, check, resolve, Answer};
    use proptest::prelude::*;

    fn dir_user() -> impl Strategy<Value = DirectoryUser> {
        ("[a-f][0-9]", "[abAB]{1,3}").prop_map(|(id, user_name)| DirectoryUser {
            id,
            user_name,
            ..DirectoryUser::default()
        })
    }

    proptest! {
        /// Whatever the directory answers (substring matches, duplicates,
        /// other cases), a resolved user is one the directory returned for
        /// that exact name, and every name ends resolved or listed.
        #[test]
        fn resolution_never_stages_an_id_the_directory_did_not_return(
            names in prop::collection::btree_set("[abAB]{1,3}", 0..8),
            listed in prop::collection::vec(dir_user(), 0..12),
        ) {
            let lines: Vec<NameLine> = names.iter().enumerate()
                .map(|(i, n)| NameLine { line: i + 1, name: n.clone() }).collect();
            let answers: HashMap<String, Answer> = lines.iter().map(|l| {
                let hits = listed.iter().filter(|u| u.user_name.to_lowercase().contains(&l.name.to_lowercase())).cloned().collect();
                (l.name.clone(), Ok(hits))
            }).collect();
            for r in [resolve(&lines, &answers), resolve(&lines, &answers_from(&listed, &lines))] {
                prop_assert_eq!(r.users.len() + r.unresolved.len(), lines.len());
                for u in &r.users {
                    prop_assert!(listed.iter().any(|d| d.id == u.id() && d.user_name == u.name()));
                    prop_assert!(names.contains(u.name()));
                }
            }
        }

        /// A configuration whose every entry is in the directory, with the
        /// directory's name, has nothing stale and nothing renamed.
        #[test]
        fn a_configuration_fully_in_the_directory_checks_clean(
            dir in prop::collection::vec(dir_user(), 0..20),
            pick in prop::collection::vec(any::<prop::sample::Index>(), 0..10),
        ) {
            let by_id: BTreeMap<String, String> = dir.iter().map(|u| (u.id.clone(), u.user_name.clone())).collect();
            let dir: Vec<DirectoryUser> = by_id.iter().map(|(id, n)| DirectoryUser { id: id.clone(), user_name: n.clone(), ..DirectoryUser::default() }).collect();
            let loaded: BTreeMap<String, String> = if dir.is_empty() { BTreeMap::new() } else {
                pick.iter().map(|i| { let u = &dir[i.index(dir.len())]; (u.id.clone(), u.user_name.clone()) }).collect()
            };
            let c = check(&loaded, &dir);
            prop_assert!(c.stale.is_empty() && c.renamed.is_empty());
        }
    }
}

mod history_sync_plan_files {
    use std::collections::BTreeMap;

    use hotspot_users::model::history::{revert, Change, History};
    use hotspot_users::model::plan_file::PlanFile;
    use hotspot_users::model::sync::{copy_plan, match_plan, Staging};
    use hotspot_users::model::{Action, Table, UserInfo, MAX_USERS};
    use proptest::prelude::*;

    use super::{id, loaded, user};

    /// Users (id to name), some without a name.
    fn users() -> impl Strategy<Value = BTreeMap<String, String>> {
        prop::collection::btree_map(id(), prop_oneof![Just(String::new()), "[a-c]{1,3}"], 0..60)
    }

    /// Users that all have a name, as the table keeps them.
    fn named() -> impl Strategy<Value = BTreeMap<String, String>> {
        prop::collection::btree_map(id(), "[a-c]{1,3}", 0..60)
    }

    fn as_users(m: &BTreeMap<String, String>) -> Vec<UserInfo> {
        m.iter().map(|(i, n)| UserInfo::new(i, n)).collect()
    }

    /// What the API does: ADD overwrites by id (a missing name is ""), DELETE removes.
    fn apply(server: &mut BTreeMap<String, String>, adds: &[UserInfo], deletes: &[String]) {
        for id in deletes {
            server.remove(id);
        }
        for u in adds {
            server.insert(u.id().to_string(), u.name().to_string());
        }
    }

    fn staged_table(loaded: Vec<UserInfo>, adds: Vec<UserInfo>, deletes: Vec<String>) -> Table {
        let mut t = Table::default();
        t.apply(Action::Loaded(loaded));
        t.apply(Action::Add(adds));
        t.apply(Action::Delete(deletes));
        t
    }

    proptest! {
        /// Reverting a change nobody touched since gives back exactly the state before it.
        #[test]
        fn reverting_an_untouched_change_restores_before(before in users(), after in users()) {
            let change = Change::between(&before, &after);
            let r = revert(&change, &after, &[]);
            prop_assert!(r.moved_on.is_empty());
            let mut server = after.clone();
            apply(&mut server, &r.adds, &r.deletes);
            prop_assert_eq!(&server, &before);
            // The same through the table, for users with names.
            let named_before: BTreeMap<String, String> = before.into_iter().filter(|(_, n)| !n.is_empty()).collect();
            let named_after: BTreeMap<String, String> = after.into_iter().filter(|(_, n)| !n.is_empty()).collect();
            let r = revert(&Change::between(&named_before, &named_after), &named_after, &[]);
            let table = Table::with_staged(as_users(&named_after), r.staged());
            prop_assert_eq!(table.target(), named_before.clone());
            let mut table = Table::default();
            table.apply(Action::Loaded(as_users(&named_after)));
            for a in r.actions() { table.apply(a); }
            prop_assert_eq!(table.target(), named_before);
        }

        /// Against a server changed since, a revert restores exactly the
        /// users that did not move on, plus the moved-on ones it is told to
        /// include; it never touches a user the change did not.
        #[test]
        fn a_revert_touches_only_what_it_may(before in users(), after in users(), now in users(), include_all in any::<bool>()) {
            let change = Change::between(&before, &after);
            let listed = revert(&change, &now, &[]);
            let include: Vec<String> = if include_all { listed.moved_on.iter().map(|m| m.user_id.clone()).collect() } else { Vec::new() };
            let r = revert(&change, &now, &include);
            prop_assert_eq!(&r.moved_on, &listed.moved_on);
            let mut server = now.clone();
            apply(&mut server, &r.adds, &r.deletes);
            let mut ids: Vec<&String> = before.keys().chain(after.keys()).chain(now.keys()).collect();
            ids.sort();
            ids.dedup();
            for id in ids {
                let touched = before.get(id) != after.get(id);
                let moved = r.moved_on.iter().any(|m| &m.user_id == id);
                prop_assert_eq!(moved, touched && now.get(id) != after.get(id));
                let want = if touched && (!moved || include_all) { before.get(id) } else { now.get(id) };
                prop_assert_eq!(server.get(id), want, "{}", id);
            }
        }

        /// A history read back from its JSON is the same history, within the bounds.
        #[test]
        fn a_history_round_trips(steps in prop::collection::vec((users(), users(), 0u64..1_000_000), 0..8)) {
            let mut h = History::default();
            for (before, after, at_ms) in steps {
                h.record(Change { project: "p".into(), config: "c".into(), at_ms, by: "token".into(), ..Change::between(&before, &after) });
            }
            let back = History::from_json(&h.to_json()).unwrap();
            prop_assert_eq!(&back, &h);
            let mut merged = back.clone();
            prop_assert_eq!(merged.merge(h.clone()).added, 0);
        }

        /// Applying a match plan to the target yields exactly the source.
        #[test]
        fn a_match_plan_yields_exactly_the_source(source in users(), target in users()) {
            let p = match_plan(&source, &target);
            let mut server = target.clone();
            apply(&mut server, &p.adds, &p.deletes);
            prop_assert_eq!(&server, &source);
            prop_assert_eq!(p.after(target.len()), source.len());
            prop_assert_eq!(p.added + p.renamed + p.already_there, source.len());
        }

        /// Through the table, with named users, a match plan stages exactly the source.
        #[test]
        fn a_staged_match_plan_targets_the_source(source in named(), target in named()) {
            let p = match_plan(&source, &target);
            let table = Table::with_staged(as_users(&target), p.staged());
            prop_assert_eq!(table.target(), source);
            prop_assert_eq!(table.counts().after, p.after(target.len()));
        }

        /// A copy plan yields the target plus the source's new ids, and never
        /// deletes or renames.
        #[test]
        fn a_copy_plan_only_adds_new_ids(source in users(), target in users()) {
            let p = copy_plan(&source, &target);
            prop_assert!(p.deletes.is_empty());
            prop_assert_eq!(p.renamed, 0);
            prop_assert!(p.adds.iter().all(|u| !target.contains_key(u.id())));
            let mut server = target.clone();
            apply(&mut server, &p.adds, &p.deletes);
            let mut expected = source.clone();
            expected.extend(target.clone());
            prop_assert_eq!(&server, &expected);
            prop_assert_eq!(p.after(target.len()), expected.len());
            prop_assert_eq!(p.check_cap(target.len()).is_ok(), expected.len() <= MAX_USERS);
            prop_assert_eq!(p.check_cap(MAX_USERS - p.added).is_ok(), true);
            prop_assert_eq!(p.check_cap(MAX_USERS + 1 - p.added).is_err(), true);
        }

        /// A plan file written, read back and checked against the same server
        /// gives back the same staged changes, unchanged and without drift.
        #[test]
        fn a_plan_file_round_trips(loaded in loaded(), adds in prop::collection::vec(user(), 0..30), deletes in prop::collection::vec(id(), 0..30)) {
            let table = staged_table(loaded, adds, deletes);
            let p = PlanFile::new("p", "c", 7, table.loaded(), table.staged());
            let back = PlanFile::parse(&p.to_json()).unwrap();
            prop_assert_eq!(&back, &p);
            let c = back.check("p", "c", table.loaded()).unwrap();
            prop_assert_eq!(&c.staged, table.staged());
            prop_assert!(c.unchanged);
            prop_assert!(c.changed_since.is_empty());
        }

        /// Against a changed server, every planned entry is staged as planned
        /// or listed; a deletion is staged only for a user still there, and
        /// listed when its name changed.
        #[test]
        fn a_plan_file_never_stages_a_stale_deletion_silently(loaded in loaded(), adds in prop::collection::vec(user(), 0..30), deletes in prop::collection::vec(id(), 0..30), now in users()) {
            let table = staged_table(loaded, adds, deletes);
            let p = PlanFile::new("p", "c", 7, table.loaded(), table.staged());
            let c = p.check("p", "c", &now).unwrap();
            prop_assert_eq!(c.unchanged, &now == table.loaded());
            let listed = |id: &str| c.changed_since.iter().any(|d| d.user_id() == id);
            for u in &p.deletes {
                let staged = c.staged.deletes.contains(u.id());
                prop_assert_eq!(staged, now.contains_key(u.id()));
                prop_assert_eq!(listed(u.id()), now.get(u.id()).map(String::as_str) != Some(u.name()));
            }
            for (id, name) in table.staged().adds.iter() {
                if c.staged.adds.get(id) != Some(name) || table.loaded().get(id) != now.get(id) {
                    prop_assert!(listed(id), "{} not listed", id);
                }
            }
            for d in &c.changed_since {
                let staged = c.staged.adds.contains_key(d.user_id()) || c.staged.deletes.contains(d.user_id());
                prop_assert_eq!(staged, d.staged());
            }
        }

        /// Reading any text as a plan file or a history never panics.
        #[test]
        fn reading_files_never_panics(text in "(?s).{0,300}") {
            let _ = PlanFile::parse(&text);
            let _ = History::from_json(&text);
        }
    }
}

proptest! {
    /// Whatever the sequence of renders, in place or by user, no key
    /// repeats within one render (Yew needs unique keys among siblings).
    #[test]
    fn row_keys_never_repeat_within_a_render(
        renders in prop::collection::vec(
            (prop::collection::btree_set("[a-z0-9p]{1,3}", 0..25), "[ab]{0,2}", any::<bool>()),
            1..12,
        )
    ) {
        let mut keys = RowKeys::default();
        for (ids, filter, focused) in renders {
            let got = keys.keys(ids.iter().map(String::as_str), &filter, focused);
            let unique: std::collections::BTreeSet<_> = got.iter().collect();
            prop_assert_eq!(unique.len(), ids.len());
        }
    }
}
