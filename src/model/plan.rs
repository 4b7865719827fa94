//! The change plan: the staged table as the fewest PATCH requests, DELETE
//! batches first (so a configuration near its cap has room), then ADD.

use crate::i18n::{t, tf, Lang, T};
use crate::model::table::{user_info, Table};
use crate::model::{UpdateNonMigrationUsersRequest, UpdateType, MAX_USERS};

/// Why no plan could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Nothing is staged.
    #[error("Nothing is staged: add or delete users first.")]
    NothingStaged,
    /// The configuration would hold more than [`MAX_USERS`] users.
    #[error(
        "After this change the configuration would hold {after} users; at most {max} are allowed. \
         Remove {excess} additions or stage {excess} more deletions."
    )]
    OverCapacity {
        /// Users afterwards.
        after: usize,
        /// The cap.
        max: usize,
        /// How many too many.
        excess: usize,
    },
}

impl PlanError {
    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match self {
            PlanError::NothingStaged => t(lang, T::NothingStaged).to_string(),
            PlanError::OverCapacity { after, max, excess } => tf(
                lang,
                T::OverCapacity,
                &[("after", after), ("max", max), ("excess", excess)],
            ),
        }
    }
}

/// The requests that carry out every staged change, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// PATCH bodies: DELETE batches, then ADD batches; none empty.
    pub requests: Vec<UpdateNonMigrationUsersRequest>,
}

impl Plan {
    /// Users carried by requests of this type.
    pub fn users(&self, update_type: UpdateType) -> usize {
        self.requests
            .iter()
            .filter(|r| r.update_type == update_type)
            .map(|r| r.non_migrate_users.len())
            .sum()
    }
}

/// Clamps a batch size to 1..=1000.
pub fn batch_size(requested: usize) -> usize {
    requested.clamp(1, MAX_USERS)
}

/// Plans the staged changes of `table` in batches of at most `batch` users.
pub fn plan(table: &Table, batch: usize) -> Result<Plan, PlanError> {
    if !table.is_dirty() {
        return Err(PlanError::NothingStaged);
    }
    let after = table.counts().after;
    if after > MAX_USERS {
        return Err(PlanError::OverCapacity {
            after,
            max: MAX_USERS,
            excess: after - MAX_USERS,
        });
    }
    let batch = batch_size(batch);
    let staged = table.staged();
    let deletes: Vec<_> = staged
        .deletes
        .iter()
        .map(|id| user_info(id, table.loaded().get(id).map_or("", String::as_str)))
        .collect();
    let adds: Vec<_> = staged.adds.iter().map(|(i, n)| user_info(i, n)).collect();
    let mut requests = Vec::new();
    for (update_type, users) in [(UpdateType::Delete, deletes), (UpdateType::Add, adds)] {
        for chunk in users.chunks(batch) {
            requests.push(UpdateNonMigrationUsersRequest {
                update_type,
                non_migrate_users: chunk.to_vec(),
            });
        }
    }
    Ok(Plan { requests })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::table::Action;
    use crate::model::UserInfo;

    fn users(prefix: &str, n: usize) -> Vec<UserInfo> {
        (0..n)
            .map(|i| UserInfo::new(format!("{prefix}{i:04}"), format!("name {i}")))
            .collect()
    }

    #[test]
    fn deletes_come_first_then_adds_in_full_batches() {
        let mut t = Table::default();
        t.apply(Action::Loaded(users("old", 1000)));
        t.apply(Action::Delete(
            users("old", 1000)
                .into_iter()
                .map(|u| u.user_id.unwrap())
                .collect(),
        ));
        t.apply(Action::Add(users("new", 1000)));
        let p = plan(&t, 1000).unwrap();
        assert_eq!(p.requests.len(), 2);
        assert_eq!(p.requests[0].update_type, UpdateType::Delete);
        assert_eq!(p.requests[1].update_type, UpdateType::Add);
        assert_eq!(p.users(UpdateType::Delete), 1000);
        assert_eq!(p.users(UpdateType::Add), 1000);
    }

    #[test]
    fn batch_size_splits_and_is_clamped() {
        let mut t = Table::default();
        t.apply(Action::Add(users("u", 250)));
        let p = plan(&t, 100).unwrap();
        let sizes: Vec<_> = p
            .requests
            .iter()
            .map(|r| r.non_migrate_users.len())
            .collect();
        assert_eq!(sizes, [100, 100, 50]);
        assert_eq!(plan(&t, 0).unwrap().requests.len(), 250);
        assert_eq!(plan(&t, 5000).unwrap().requests.len(), 1);
    }

    #[test]
    fn over_capacity_is_refused_before_sending() {
        let mut t = Table::default();
        t.apply(Action::Loaded(users("old", 990)));
        t.apply(Action::Add(users("new", 20)));
        assert_eq!(
            plan(&t, 1000),
            Err(PlanError::OverCapacity {
                after: 1010,
                max: 1000,
                excess: 10
            })
        );
        let msg = plan(&t, 1000).unwrap_err().to_string();
        assert!(msg.contains("1010 users"), "{msg}");
        t.apply(Action::Delete(
            users("old", 10)
                .into_iter()
                .map(|u| u.user_id.unwrap())
                .collect(),
        ));
        assert!(plan(&t, 1000).is_ok());
    }

    #[test]
    fn renames_do_not_count_against_the_cap() {
        let mut t = Table::default();
        t.apply(Action::Loaded(users("u", 1000)));
        t.apply(Action::Add(vec![UserInfo::new("u0001", "renamed")]));
        let p = plan(&t, 1000).unwrap();
        assert_eq!(p.users(UpdateType::Add), 1);
    }

    #[test]
    fn nothing_staged_is_no_plan() {
        assert_eq!(plan(&Table::default(), 10), Err(PlanError::NothingStaged));
    }
}
