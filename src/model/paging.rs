//! Reading a paged list of users: which pages are still needed, what has
//! been read, and when the read is complete. A read that fails part-way
//! keeps its pages, so reading again asks only for what is missing.

use std::collections::BTreeMap;

use crate::model::{Page, UserInfo};

/// The pages of one paged read (100 users a page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PagedRead {
    /// Users of each page read, by offset.
    pages: BTreeMap<u32, Vec<UserInfo>>,
    /// `total_count`, as the latest page told it.
    total: Option<u32>,
}

impl PagedRead {
    /// Nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn limit() -> u32 {
        Page::first().limit
    }

    /// Records one page's users and the `total_count` it carried.
    pub fn record(&mut self, page: Page, users: Vec<UserInfo>, total: Option<u32>) {
        if total.is_some() {
            self.total = total;
        }
        self.pages.insert(page.offset, users);
    }

    /// The offset of the first short page: nothing is expected past it.
    fn end(&self) -> Option<u32> {
        self.pages
            .iter()
            .find(|(_, users)| (users.len() as u32) < Self::limit())
            .map(|(offset, _)| *offset)
    }

    /// Up to `max` pages still to read, in order. Without a total, pages
    /// are found one at a time (until a short one); with a total, every
    /// page below it is known at once and may be read in parallel.
    pub fn missing(&self, max: usize) -> Vec<Page> {
        let end = self.end();
        let pages = std::iter::successors(Some(Page::first()), |p| Some(p.next()))
            .take_while(|p| end.is_none_or(|end| p.offset <= end))
            .take_while(|p| p.offset == 0 || self.total.is_none_or(|t| p.offset < t));
        let mut out = Vec::new();
        for page in pages {
            if out.len() >= max {
                break;
            }
            if self.pages.contains_key(&page.offset) {
                continue;
            }
            out.push(page);
            if self.total.is_none() {
                // The next page's existence is known only once this one is read.
                break;
            }
        }
        out
    }

    /// Every page is in.
    pub fn is_complete(&self) -> bool {
        !self.pages.is_empty() && self.missing(1).is_empty()
    }

    /// Users read so far.
    pub fn received(&self) -> usize {
        self.pages.values().map(Vec::len).sum()
    }

    /// `total_count`, when the API sent it.
    pub fn total(&self) -> Option<u32> {
        self.total
    }

    /// The users read, in page order.
    pub fn users(&self) -> Vec<UserInfo> {
        self.pages.values().flatten().cloned().collect()
    }
}

/// The 1-based number of a page and the 1-based positions of its first
/// and last users, for messages ("page 6, users 501–600").
pub fn page_span(page: Page) -> (u32, u32, u32) {
    (
        page.offset / page.limit + 1,
        page.offset + 1,
        page.offset + page.limit,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users(n: usize, tag: &str) -> Vec<UserInfo> {
        (0..n)
            .map(|i| UserInfo {
                user_id: Some(format!("{tag}-{i}")),
                user_name: Some(format!("user {i}")),
            })
            .collect()
    }

    fn at(offset: u32) -> Page {
        Page { offset, limit: 100 }
    }

    #[test]
    fn starts_with_the_first_page() {
        let r = PagedRead::new();
        assert_eq!(r.missing(6), vec![at(0)]);
        assert!(!r.is_complete());
    }

    #[test]
    fn a_total_makes_every_page_known_at_once() {
        let mut r = PagedRead::new();
        r.record(at(0), users(100, "a"), Some(1000));
        let offsets: Vec<u32> = r.missing(6).iter().map(|p| p.offset).collect();
        assert_eq!(offsets, [100, 200, 300, 400, 500, 600]);
        for o in (100..1000).step_by(100) {
            if o != 500 {
                r.record(at(o), users(100, &o.to_string()), Some(1000));
            }
        }
        assert_eq!(r.missing(6), vec![at(500)]);
        assert_eq!(r.received(), 900);
        r.record(at(500), users(100, "f"), Some(1000));
        assert!(r.is_complete());
        assert_eq!(r.users().len(), 1000);
        assert_eq!(r.users()[500].user_id.as_deref(), Some("f-0"));
    }

    #[test]
    fn without_a_total_pages_come_one_by_one_until_a_short_one() {
        let mut r = PagedRead::new();
        r.record(at(0), users(100, "a"), None);
        assert_eq!(r.missing(6), vec![at(100)]);
        r.record(at(100), users(100, "b"), None);
        assert_eq!(r.missing(6), vec![at(200)]);
        r.record(at(200), users(7, "c"), None);
        assert!(r.is_complete());
        assert_eq!(r.received(), 207);
    }

    #[test]
    fn a_short_first_page_ends_the_read() {
        let mut r = PagedRead::new();
        r.record(at(0), users(5, "a"), Some(5));
        assert!(r.is_complete());
        let mut empty = PagedRead::new();
        empty.record(at(0), vec![], Some(0));
        assert!(empty.is_complete());
        assert!(empty.users().is_empty());
    }

    #[test]
    fn a_full_last_page_at_the_total_is_the_end() {
        let mut r = PagedRead::new();
        r.record(at(0), users(100, "a"), Some(200));
        r.record(at(100), users(100, "b"), Some(200));
        assert!(r.is_complete());
    }

    #[test]
    fn page_numbers_for_messages() {
        assert_eq!(page_span(at(500)), (6, 501, 600));
        assert_eq!(page_span(at(0)), (1, 1, 100));
    }
}
