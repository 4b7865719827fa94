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

/// The table's rows prepared for filtering and sorting: built once per
/// table change, so a filter keystroke allocates nothing but the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIndex {
    rows: Vec<Row>,
    /// Lowercased `id`, a separator no one types, and lowercased `name`.
    haystack: Vec<String>,
    /// Row positions ordered by name, then id.
    by_name: Vec<usize>,
}

impl RowIndex {
    /// Indexes every row of `table` (rows come in id order).
    pub fn new(table: &Table) -> Self {
        let rows = table.rows();
        let haystack = rows
            .iter()
            .map(|r| crate::text::lowercase(&format!("{}\u{1}{}", r.id, r.name)))
            .collect();
        let mut by_name: Vec<usize> = (0..rows.len()).collect();
        // Ids are unique: the order is total, an unstable sort gives the same.
        by_name.sort_unstable_by(|&a, &b| {
            rows[a]
                .name
                .cmp(&rows[b].name)
                .then_with(|| rows[a].id.cmp(&rows[b].id))
        });
        Self {
            rows,
            haystack,
            by_name,
        }
    }

    /// All rows, in id order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Positions of the rows whose id or name contains `filter`
    /// (case-insensitive), in `sort` order.
    pub fn select(&self, filter: &str, sort: Sort) -> Vec<usize> {
        let needle = crate::text::lowercase(filter.trim());
        let keep = |&i: &usize| needle.is_empty() || self.haystack[i].contains(&needle);
        let mut out: Vec<usize> = match sort.column {
            Column::Id => (0..self.rows.len()).filter(keep).collect(),
            Column::Name => self.by_name.iter().copied().filter(keep).collect(),
        };
        if sort.descending {
            out.reverse();
        }
        out
    }
}

/// A long ID as its start and end around an ellipsis ("7f3c2a…a71f05"),
/// for narrow columns; short IDs come back whole.
pub fn middle_ellipsis(id: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= head + tail + 1 {
        return id.to_string();
    }
    let start: String = chars[..head].iter().collect();
    let end: String = chars[chars.len() - tail..].iter().collect();
    format!("{start}…{end}")
}

/// How the table's rendered rows are keyed, kept from one render to the next.
///
/// By user (`u` and the id): the row's elements move with the user (a
/// scroll, a sort, a change of state) and a focused control stays on its
/// user. A render that a filter keystroke caused while the filter has focus
/// keys rows in place instead: the row at position `n` takes the key that
/// position had in the render before (a position's own key, `p` and `n`,
/// where there was none), so the keystroke replaces the contents of the
/// rendered rows instead of removing them and creating new ones, the first
/// keystroke after a by-user render included. No row control has focus
/// then, so none can come to show another user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowKeys {
    /// The keys of the last render, by position.
    last: Vec<String>,
    /// The filter of the last render.
    last_filter: String,
}

impl RowKeys {
    /// The keys for one render of the rows showing `ids` (in the window's
    /// order) under `filter`: in place when the filter changed since the
    /// last render and has focus. Keys are unique within a render.
    pub fn keys<'a>(
        &mut self,
        ids: impl Iterator<Item = &'a str>,
        filter: &str,
        filter_focused: bool,
    ) -> Vec<String> {
        let in_place = filter != self.last_filter && filter_focused;
        self.last_filter.replace_range(.., filter);
        let keys: Vec<String> = match in_place {
            false => ids.map(|id| format!("u{id}")).collect(),
            // `p{n}` is only ever taken at position `n`, and the last keys
            // are unique: no key repeats.
            true => ids
                .enumerate()
                .map(|(n, _)| self.last.get(n).cloned().unwrap_or_else(|| format!("p{n}")))
                .collect(),
        };
        self.last.clone_from(&keys);
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, UserInfo};

    /// Rows whose id or name contains `filter` (case-insensitive), sorted.
    fn visible_rows(table: &Table, filter: &str, sort: Sort) -> Vec<Row> {
        let index = RowIndex::new(table);
        index
            .select(filter, sort)
            .into_iter()
            .map(|i| index.rows[i].clone())
            .collect()
    }

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

    #[test]
    fn a_filter_never_matches_across_id_and_name() {
        assert!(visible_rows(&table(), "2alice", Sort::default()).is_empty());
    }

    #[test]
    fn long_ids_keep_their_start_and_end() {
        assert_eq!(
            middle_ellipsis("7f3c2a9e5b8d4c1fa0e6b2d9c8a71f05", 4, 4),
            "7f3c…1f05"
        );
        assert_eq!(middle_ellipsis("short-id1", 4, 4), "short-id1");
        assert_eq!(
            middle_ellipsis("用户标识符很长的一个用户", 2, 2),
            "用户…用户"
        );
    }

    #[test]
    fn a_filter_keystroke_keeps_the_keys_of_the_render_before() {
        let mut keys = RowKeys::default();
        let mut render = |ids: &[&str], filter: &str, focused: bool| {
            keys.keys(ids.iter().copied(), filter, focused)
        };
        assert_eq!(render(&["a", "0"], "", false), ["ua", "u0"]);
        // A keystroke typed in the filter: the same keys by position,
        // whatever users they show; more rows than before get positions' keys.
        assert_eq!(render(&["x", "y", "z"], "x", true), ["ua", "u0", "p2"]);
        assert_eq!(render(&["q"], "xq", true), ["ua"]);
        assert_eq!(render(&["r", "s", "t"], "r", true), ["ua", "p1", "p2"]);
        // The same filter (a sort, a scroll, a change of state) keys by
        // user again; a user id that looks like a position never takes a
        // position's key.
        assert_eq!(render(&["2", "p1"], "r", true), ["u2", "up1"]);
        // A changed filter without its focus keys by user too.
        assert_eq!(render(&["b"], "b", false), ["ub"]);
        assert!(render(&[], "bc", true).is_empty());
    }
}
