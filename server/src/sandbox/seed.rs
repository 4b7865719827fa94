//! Deterministic demo data: one project with two configurations, one of
//! them holding a few hundred users with realistic ids and names, and the
//! project's Workspace user directory ([`demo_directory`]).

mod directory;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

pub use directory::{
    demo_ambiguous_names, demo_case_twins, demo_directory, demo_renamed, demo_stale_ids,
    DEMO_DIRECTORY_USERS,
};

use crate::sandbox::store::{Config, Store};

/// The demo project's id.
pub const DEMO_PROJECT: &str = "0b5e3f9a6c2d4e71a8f9b0c1d2e3f405";
/// A configuration with [`DEMO_LARGE_USERS`] users.
pub const DEMO_CONFIG_LARGE: &str = "7f3c2a9e5b8d4c1fa0e6b2d9c8a71f05";
/// A configuration with a handful of users.
pub const DEMO_CONFIG_SMALL: &str = "1c9e4b7a2f6d4e83b5a0c7d2e9f31a64";
/// How many users the large demo configuration holds.
pub const DEMO_LARGE_USERS: usize = 320;
/// The `n` of [`user_id`] of the small configuration's users.
const SMALL_USERS: Range<usize> = 1000..1005;

const GIVEN: &[&str] = &[
    "alice", "bob", "carol", "dmitri", "elena", "farid", "grace", "hiro", "ines", "jamal", "kofi",
    "lena", "mateo", "nadia", "oskar", "priya", "quentin", "rosa", "sven", "tariq", "uma",
    "viktor", "wei", "yara",
];
const FAMILY: &[&str] = &[
    "wang", "li", "zhang", "chen", "liu", "smith", "garcia", "müller", "rossi", "silva", "kim",
    "nguyen", "okafor", "haddad", "novak",
];
const CHINESE: &[&str] = &[
    "王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄勇",
];

/// The demo data's user number `n` as an id that looks like an IAM user id:
/// 32 lowercase hex digits. The large configuration holds `n` in
/// `0..DEMO_LARGE_USERS`.
pub fn user_id(n: u64) -> String {
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    x ^= x >> 29;
    let y = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    format!("{x:016x}{y:016x}")
}

fn user_name(n: usize) -> String {
    if n % 7 == 3 {
        format!("{}{}", CHINESE[n % CHINESE.len()], n / 7)
    } else {
        format!(
            "{}.{}{}",
            GIVEN[n % GIVEN.len()],
            FAMILY[(n / GIVEN.len() + n) % FAMILY.len()],
            n / 50
        )
    }
}

fn users(range: Range<usize>) -> BTreeMap<String, String> {
    range.map(|n| (user_id(n as u64), user_name(n))).collect()
}

/// The demo store.
pub fn demo() -> Store {
    let mut configs = BTreeMap::new();
    configs.insert(
        DEMO_CONFIG_LARGE.to_string(),
        Config {
            enable: true,
            exit_num: 10,
            users: users(0..DEMO_LARGE_USERS),
        },
    );
    configs.insert(
        DEMO_CONFIG_SMALL.to_string(),
        Config {
            enable: false,
            exit_num: 0,
            users: users(SMALL_USERS),
        },
    );
    let mut store = Store::default();
    store.projects.insert(DEMO_PROJECT.to_string(), configs);
    ensure_directory(&mut store);
    store
}

/// Gives the demo project its directory when it has none (a state file
/// saved before the sandbox had directories); true when it did.
pub fn ensure_directory(store: &mut Store) -> bool {
    if !store.projects.contains_key(DEMO_PROJECT) || store.directory.contains_key(DEMO_PROJECT) {
        return false;
    }
    store
        .directory
        .insert(DEMO_PROJECT.to_string(), Arc::new(demo_directory()));
    true
}
