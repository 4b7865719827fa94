//! The demo project's Workspace user directory: [`DEMO_DIRECTORY_USERS`]
//! users, the same on every start. It holds the demo configurations' users
//! with their ids and names, except for a few deliberate differences from
//! the large configuration (users deleted or renamed in the directory
//! since), and directory-only users: Latin and Chinese names, names that
//! differ from another user's only in case, and a few names that two users
//! share. Every other `user_name` is unique (exact, case-sensitive).

use hotspot_users::model::directory::DirectoryUser;

use super::{user_id, user_name, DEMO_LARGE_USERS, SMALL_USERS};

/// How many users the demo project's directory holds.
pub const DEMO_DIRECTORY_USERS: usize = 5000;

/// Large-configuration users deleted from the directory since (their `n`).
const STALE: [usize; 4] = [17, 88, 200, 311];

/// Large-configuration users renamed in the directory since: (`n`, new name).
const RENAMED: [(usize, &str); 3] = [
    (42, "sven.lindqvist"),
    (150, "赵丽娟"),
    (263, "yara.okafor"),
];

/// Directory-only users named like another user but for case:
/// (`n`, the other user's `n`). The first two mirror large-configuration users.
const CASE_TWINS: [(usize, usize); 5] =
    [(700, 0), (1700, 5), (2700, 384), (3700, 1010), (4700, 3333)];

/// Directory-only users who share a name in pairs: (`n`, name, description).
const SHARED_NAMES: [(usize, &str, &str); 6] = [
    (800, "王伟", "研发部, Beijing"),
    (3800, "王伟", "财务部, Shanghai"),
    (900, "maria.garcia", "Sales, Madrid"),
    (3900, "maria.garcia", "Legal, Dublin"),
    (950, "chen.jing", "Support, Chengdu"),
    (4950, "chen.jing", "Engineering, Singapore"),
];

const DEPARTMENTS: &[&str] = &[
    "Engineering",
    "Finance",
    "Sales",
    "Support",
    "Operations",
    "Legal",
    "Marketing",
    "HR",
    "研发部",
    "财务部",
    "市场部",
];
const SITES: &[&str] = &[
    "Beijing",
    "Shanghai",
    "Shenzhen",
    "Chengdu",
    "Singapore",
    "Dublin",
    "Madrid",
    "Johannesburg",
];

/// Mailbox names of the Chinese names (longest first where one starts another).
const PINYIN: &[(&str, &str)] = &[
    ("赵丽娟", "zhao.lijuan"),
    ("王伟", "wang.wei"),
    ("李娜", "li.na"),
    ("张敏", "zhang.min"),
    ("刘洋", "liu.yang"),
    ("陈静", "chen.jing"),
    ("杨磊", "yang.lei"),
    ("赵丽", "zhao.li"),
    ("黄勇", "huang.yong"),
];

/// The demo project's directory, ordered by `user_name` then `id`.
pub fn demo_directory() -> Vec<DirectoryUser> {
    let config = (0..DEMO_LARGE_USERS).filter(|n| !STALE.contains(n));
    let directory_only = (DEMO_LARGE_USERS..SMALL_USERS.start).chain(SMALL_USERS.end..);
    let known = DEMO_LARGE_USERS - STALE.len() + SMALL_USERS.len();
    let mut users: Vec<_> = config
        .chain(SMALL_USERS)
        .chain(directory_only.take(DEMO_DIRECTORY_USERS - known))
        .map(person)
        .collect();
    users.sort_by(|a, b| (&a.user_name, &a.id).cmp(&(&b.user_name, &b.id)));
    users
}

/// Ids of the large configuration's users that are not in the directory.
pub fn demo_stale_ids() -> Vec<String> {
    STALE.iter().map(|&n| user_id(n as u64)).collect()
}

/// The large configuration's users renamed in the directory:
/// (id, name in the configuration, name in the directory).
pub fn demo_renamed() -> Vec<(String, String, String)> {
    RENAMED
        .iter()
        .map(|&(n, new)| (user_id(n as u64), user_name(n), new.to_string()))
        .collect()
}

/// Names that exactly two different directory users have.
pub fn demo_ambiguous_names() -> Vec<String> {
    let mut names: Vec<String> = SHARED_NAMES.iter().map(|(_, n, _)| n.to_string()).collect();
    names.dedup();
    names
}

/// Directory names that differ only in case: (a user's name, another user's name).
pub fn demo_case_twins() -> Vec<(String, String)> {
    CASE_TWINS
        .iter()
        .map(|&(_, twin)| (user_name(twin), title_case(&user_name(twin))))
        .collect()
}

/// Demo user `n` as the directory knows it.
fn person(n: usize) -> DirectoryUser {
    let h = mix(n as u64);
    let user_name = directory_name(n);
    let description = SHARED_NAMES
        .iter()
        .find(|(m, _, _)| *m == n)
        .map_or_else(|| description(h), |(_, _, d)| d.to_string());
    DirectoryUser {
        id: user_id(n as u64),
        user_email: mailbox(&user_name),
        description,
        disabled: h % 23 == 0,
        locked: (h >> 12) % 29 == 0,
        account_expired: (h >> 24) % 37 == 0,
        user_name,
    }
}

fn directory_name(n: usize) -> String {
    if let Some((_, new)) = RENAMED.iter().find(|(m, _)| *m == n) {
        return new.to_string();
    }
    if let Some((_, twin)) = CASE_TWINS.iter().find(|(m, _)| *m == n) {
        return title_case(&user_name(*twin));
    }
    if let Some((_, name, _)) = SHARED_NAMES.iter().find(|(m, _, _)| *m == n) {
        return name.to_string();
    }
    user_name(n)
}

/// `alice.wang0` → `Alice.Wang0`.
fn title_case(name: &str) -> String {
    let part = |p: &str| {
        let mut chars = p.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    name.split('.').map(part).collect::<Vec<_>>().join(".")
}

fn description(h: u64) -> String {
    let dept = DEPARTMENTS[(h % DEPARTMENTS.len() as u64) as usize];
    let site = SITES[((h >> 8) % SITES.len() as u64) as usize];
    format!("{dept}, {site}")
}

/// An ASCII address for any demo name (`李娜2` → `li.na2@example.com`).
fn mailbox(name: &str) -> String {
    let local = PINYIN
        .iter()
        .find_map(|(han, py)| name.strip_prefix(han).map(|rest| format!("{py}{rest}")))
        .unwrap_or_else(|| name.to_lowercase().replace('ü', "ue"));
    format!("{local}@example.com")
}

/// SplitMix64: spreads the user number over the flags and descriptions.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn by_name(users: &[DirectoryUser]) -> BTreeMap<&str, usize> {
        let mut count = BTreeMap::new();
        for u in users {
            *count.entry(u.user_name.as_str()).or_default() += 1;
        }
        count
    }

    #[test]
    fn names_are_unique_but_for_the_ambiguous_pairs() {
        let users = demo_directory();
        assert_eq!(users.len(), DEMO_DIRECTORY_USERS);
        let ids: std::collections::BTreeSet<_> = users.iter().map(|u| &u.id).collect();
        assert_eq!(ids.len(), users.len(), "ids are unique");
        let shared: Vec<_> = by_name(&users)
            .into_iter()
            .filter(|(_, c)| *c > 1)
            .map(|(n, c)| (n.to_string(), c))
            .collect();
        let mut expected: Vec<_> = demo_ambiguous_names().into_iter().map(|n| (n, 2)).collect();
        expected.sort();
        assert_eq!(shared, expected);
        assert!(users
            .windows(2)
            .all(|w| (&w[0].user_name, &w[0].id) < (&w[1].user_name, &w[1].id)));
    }

    #[test]
    fn the_configurations_differ_only_where_intended() {
        let users = demo_directory();
        let ids: BTreeMap<_, _> = users.iter().map(|u| (u.id.clone(), u)).collect();
        let stale = demo_stale_ids();
        let renamed = demo_renamed();
        for n in (0..DEMO_LARGE_USERS).chain(SMALL_USERS) {
            let id = user_id(n as u64);
            match ids.get(&id) {
                None => assert!(stale.contains(&id), "{n} is missing"),
                Some(u) if u.user_name != user_name(n) => {
                    assert!(renamed.contains(&(id, user_name(n), u.user_name.clone())))
                }
                Some(_) => {}
            }
        }
        let names = by_name(&users);
        for (_, old, new) in &renamed {
            assert!(!names.contains_key(old.as_str()) && names[new.as_str()] == 1);
        }
        for (name, twin) in demo_case_twins() {
            assert_ne!(name, twin);
            assert_eq!(name.to_lowercase(), twin.to_lowercase());
            assert!(names[name.as_str()] == 1 && names[twin.as_str()] == 1);
        }
    }

    #[test]
    fn flags_and_addresses_look_real() {
        let users = demo_directory();
        for flag in [
            |u: &DirectoryUser| u.disabled,
            |u: &DirectoryUser| u.locked,
            |u: &DirectoryUser| u.account_expired,
        ] {
            let n = users.iter().filter(|u| flag(u)).count();
            assert!((20..500).contains(&n), "{n} users have a flag");
        }
        assert!(users.iter().all(|u| u.user_email.is_ascii()));
        assert_eq!(mailbox("李娜2"), "li.na2@example.com");
        assert_eq!(mailbox("Rosa.Müller20"), "rosa.mueller20@example.com");
        assert_eq!(title_case("rosa.müller20"), "Rosa.Müller20");
    }
}
