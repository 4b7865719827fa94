//! Property tests of the shared model (native only).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use hotspot_users::model::errors::ApiError;
use hotspot_users::model::export::to_csv;
use hotspot_users::model::import::parse;
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
