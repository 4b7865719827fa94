//! What the table shows: rows filtered by id or name and sorted by a column.

use crate::model::table::{Row, Table};

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// User id.
    #[default]
    Id,
    /// User name.
    Name,
}

/// Column and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    /// Sorted by.
    pub column: Column,
    /// Descending when true.
    pub descending: bool,
}

impl Sort {
    /// The sort after a click on `column`'s header: same column flips direction.
    pub fn toggled(self, column: Column) -> Self {
        if self.column == column {
            Sort {
                descending: !self.descending,
                ..self
            }
        } else {
            Sort {
                column,
                descending: false,
            }
        }
    }
}

/// Rows whose id or name contains `filter` (case-insensitive), sorted.
pub fn visible_rows(table: &Table, filter: &str, sort: Sort) -> Vec<Row> {
    let needle = filter.trim().to_lowercase();
    let mut rows: Vec<Row> = table
        .rows()
        .into_iter()
        .filter(|r| {
            needle.is_empty()
                || r.id.to_lowercase().contains(&needle)
                || r.name.to_lowercase().contains(&needle)
        })
        .collect();
    match sort.column {
        // rows() is already in id order.
        Column::Id => {}
        Column::Name => rows.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id))),
    }
    if sort.descending {
        rows.reverse();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, UserInfo};

    fn table() -> Table {
        let mut t = Table::default();
        t.apply(Action::Loaded(vec![
            UserInfo::new("u2", "Alice"),
            UserInfo::new("u1", "bob"),
            UserInfo::new("x9", "Carol"),
        ]));
        t
    }

    #[test]
    fn filters_on_id_or_name_ignoring_case() {
        let ids = |f| -> Vec<String> {
            visible_rows(&table(), f, Sort::default())
                .into_iter()
                .map(|r| r.id)
                .collect()
        };
        assert_eq!(ids("ALI"), ["u2"]);
        assert_eq!(ids("u"), ["u1", "u2"]);
        assert_eq!(ids(" x9 "), ["x9"]);
        assert!(ids("zzz").is_empty());
    }

    #[test]
    fn sorts_by_either_column_both_ways() {
        let names = |s| -> Vec<String> {
            visible_rows(&table(), "", s)
                .into_iter()
                .map(|r| r.name)
                .collect()
        };
        let by_name = Sort::default().toggled(Column::Name);
        assert_eq!(names(by_name), ["Alice", "Carol", "bob"]);
        assert_eq!(
            names(by_name.toggled(Column::Name)),
            ["bob", "Carol", "Alice"]
        );
        assert_eq!(names(Sort::default()), ["bob", "Alice", "Carol"]);
    }
}
