//! Reading a paged list of users: which pages are still needed, what has
//! been read, and when the read is complete. A read that fails part-way
//! keeps its pages, so reading again asks only for what is missing.

use crate::model::endpoints::MAX_PAGE;
use crate::model::{Page, UserInfo, MAX_USERS};

/// The pages of one paged read (100 users a page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PagedRead {
    /// Users of each page read, ordered by offset (a sorted list: a
    /// configuration has ten pages at most, and the wasm then needs no
    /// tree code for this map).
    pages: Vec<(u32, Vec<UserInfo>)>,
    /// `total_count`, as the latest page told it.
    total: Option<u32>,
    /// The count expected before any page told it (see [`PagedRead::expecting`]).
    expected: Option<u32>,
}

/// Pages the first round asks for when the count is unknown: what a browser
/// runs at once to one origin over HTTP/1.1.
pub const FIRST_ROUND_PAGES: usize = 6;

/// Pages one read has in flight at most: every page a configuration can
/// hold. Over HTTP/1.1 the browser runs six at a time and starts the next
/// as soon as a connection is free, without waiting for the console to
/// handle the answer before it; over HTTP/2 they all run at once.
pub const IN_FLIGHT_PAGES: usize = MAX_USERS / MAX_PAGE as usize;

impl PagedRead {
    /// Nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Nothing read yet, about `expected` users thought to be there (the
    /// count last seen, or the count a write should leave): every page below
    /// it may be asked for at once, before the first page tells the total.
    /// Without an expectation, the first round still asks for as many pages
    /// as a browser runs at once ([`FIRST_ROUND_PAGES`]): on a small
    /// configuration the extra pages come back empty; on a large one a round
    /// trip is saved.
    /// An expectation above what a configuration can hold counts as that.
    pub fn expecting(expected: Option<u32>) -> Self {
        let guess = expected
            .unwrap_or(FIRST_ROUND_PAGES as u32 * Self::limit())
            .min(MAX_USERS as u32);
        Self {
            expected: Some(guess),
            ..Self::default()
        }
    }

    fn limit() -> u32 {
        Page::first().limit
    }

    /// Records one page's users and the `total_count` it carried.
    pub fn record(&mut self, page: Page, users: Vec<UserInfo>, total: Option<u32>) {
        if total.is_some() {
            self.total = total;
        }
        match self.pages.binary_search_by_key(&page.offset, |(o, _)| *o) {
            Ok(i) => self.pages[i].1 = users,
            Err(i) => self.pages.insert(i, (page.offset, users)),
        }
    }

    /// Whether the server's whole-list read is worth asking for first:
    /// nothing is read yet (a read that kept pages goes on by pages).
    pub fn wants_whole(&self) -> bool {
        self.pages.is_empty()
    }

    /// Records a whole list read at once (the server's whole-list read): its
    /// users as the pages they would have come in, and their count as the
    /// total, so the read is complete.
    pub fn record_whole(&mut self, users: Vec<UserInfo>) {
        let limit = Self::limit() as usize;
        self.total = Some(users.len() as u32);
        self.pages.clear();
        let mut rest = users;
        let mut offset = 0u32;
        // Page 0 always, even when empty: a read is complete with its pages in.
        loop {
            let tail = rest.split_off(rest.len().min(limit));
            self.pages.push((offset, rest));
            if tail.is_empty() {
                break;
            }
            rest = tail;
            offset += limit as u32;
        }
    }

    /// The users of the page at `offset`, when it was read.
    fn page(&self, offset: u32) -> Option<&Vec<UserInfo>> {
        self.pages
            .binary_search_by_key(&offset, |(o, _)| *o)
            .ok()
            .map(|i| &self.pages[i].1)
    }

    /// The offset of the first short page: nothing is expected past it.
    fn end(&self) -> Option<u32> {
        self.pages
            .iter()
            .find(|(_, users)| (users.len() as u32) < Self::limit())
            .map(|(offset, _)| *offset)
    }

    /// Up to `max` pages still to read, in order. Pages below the total
    /// (or, before any page told it, below the expected count) are known at
    /// once and may be read in parallel; past them, without a total, a page
    /// is asked for only once the one before came back full.
    pub fn missing(&self, max: usize) -> Vec<Page> {
        let end = self.end();
        let known = self.total.or(self.expected);
        let mut out = Vec::new();
        let mut next = Some(Page::first());
        while let Some(page) = next.filter(|p| out.len() < max && end.is_none_or(|e| p.offset <= e))
        {
            // Offsets near u32::MAX (an absurd total) end the list, not wrap.
            next = page
                .offset
                .checked_add(page.limit)
                .map(|offset| Page { offset, ..page });
            let listed = page.offset == 0 || known.is_some_and(|t| page.offset < t);
            if !listed {
                // Past the total: nothing. Past a guess, or with nothing
                // known: the next page exists only if the one before was full.
                let before_full = page.offset >= Self::limit()
                    && self
                        .page(page.offset - Self::limit())
                        .is_some_and(|u| u.len() as u32 >= Self::limit());
                if self.total.is_some() || !before_full {
                    break;
                }
            }
            if self.page(page.offset).is_none() {
                out.push(page);
            }
        }
        out
    }

    /// Whether the page at `offset` is part of the list: not past the first
    /// short page, nor (the first page apart) at or past the total. Pages
    /// asked for before the total was known may lie past it.
    fn within(&self, offset: u32) -> bool {
        self.end().is_none_or(|end| offset <= end)
            && (offset == 0 || self.total.is_none_or(|t| offset < t))
    }

    /// Every page is in.
    pub fn is_complete(&self) -> bool {
        !self.pages.is_empty() && self.missing(1).is_empty()
    }

    /// Users read so far.
    pub fn received(&self) -> usize {
        self.pages
            .iter()
            .filter(|(o, _)| self.within(*o))
            .map(|(_, users)| users.len())
            .sum()
    }

    /// `total_count`, when the API sent it.
    pub fn total(&self) -> Option<u32> {
        self.total
    }

    /// The users read, in page order.
    pub fn users(&self) -> Vec<UserInfo> {
        self.pages
            .iter()
            .filter(|(o, _)| self.within(*o))
            .flat_map(|(_, users)| users.iter().cloned())
            .collect()
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

/// The least time between two reports of a read, in milliseconds: each
/// report renders the console, and pages come back in bursts.
pub const REPORT_EVERY_MS: f64 = 100.0;

/// When a read reports the pages that came back: the first at once, then
/// at most once per [`REPORT_EVERY_MS`], the pages in between together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reports {
    last: Option<f64>,
    pending: Vec<Page>,
}

impl Reports {
    /// `page` came back at `now` (ms): the pages to report now, if it is
    /// time to.
    pub fn came_back(&mut self, page: Page, now: f64) -> Option<Vec<Page>> {
        self.pending.push(page);
        self.due(now)
    }

    /// The pages to report at `now`, if some wait and it is time to.
    pub fn due(&mut self, now: f64) -> Option<Vec<Page>> {
        let time = self.last.is_none_or(|last| now - last >= REPORT_EVERY_MS);
        (time && !self.pending.is_empty()).then(|| {
            self.last = Some(now);
            std::mem::take(&mut self.pending)
        })
    }

    /// How long until the pages waiting are due (ms); `None` when none wait.
    pub fn wait(&self, now: f64) -> Option<f64> {
        if self.pending.is_empty() {
            return None;
        }
        Some(
            self.last
                .map_or(0.0, |last| (last + REPORT_EVERY_MS - now).max(0.0)),
        )
    }

    /// Every page still waiting (the read ended).
    pub fn rest(&mut self) -> Vec<Page> {
        std::mem::take(&mut self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_list_is_a_complete_read_of_its_pages() {
        for n in [0usize, 1, 99, 100, 101, 250, 999, 1000] {
            let mut read = PagedRead::expecting(None);
            assert!(read.wants_whole());
            read.record_whole(users(n, "w"));
            assert!(read.is_complete(), "{n} users");
            assert!(!read.wants_whole());
            assert_eq!(read.received(), n);
            assert_eq!(read.total(), Some(n as u32));
            assert_eq!(read.users(), users(n, "w"), "{n} users, in order");
            assert!(read.missing(10).is_empty());
        }
    }

    #[test]
    fn a_read_that_kept_pages_goes_on_by_pages() {
        let mut read = PagedRead::new();
        read.record(Page::first(), users(100, "a"), Some(300));
        assert!(!read.wants_whole());
    }

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
    fn an_expected_count_lists_its_pages_before_the_first_answer() {
        let r = PagedRead::expecting(Some(250));
        assert_eq!(r.missing(6), vec![at(0), at(100), at(200)]);
        let fresh = PagedRead::expecting(None);
        let offsets: Vec<u32> = fresh.missing(10).iter().map(|p| p.offset).collect();
        assert_eq!(offsets, [0, 100, 200, 300, 400, 500]);
    }

    #[test]
    fn a_total_smaller_than_expected_ends_the_read_at_the_total() {
        let mut r = PagedRead::expecting(None);
        r.record(at(0), users(5, "a"), Some(5));
        assert!(r.is_complete(), "pages past the total are not waited for");
        r.record(at(100), vec![], Some(5));
        assert_eq!(r.users().len(), 5);
    }

    #[test]
    fn past_an_expectation_without_a_total_pages_come_one_by_one() {
        let mut r = PagedRead::expecting(Some(200));
        r.record(at(0), users(100, "a"), None);
        assert_eq!(r.missing(6), vec![at(100)]);
        r.record(at(100), users(100, "b"), None);
        assert_eq!(r.missing(6), vec![at(200)], "grown past the expectation");
        r.record(at(200), users(3, "c"), None);
        assert!(r.is_complete());
        assert_eq!(r.received(), 203);
    }

    #[test]
    fn an_expectation_too_high_without_a_total_ends_at_the_short_page() {
        let mut r = PagedRead::expecting(Some(600));
        r.record(at(0), users(100, "a"), None);
        r.record(at(100), users(40, "b"), None);
        r.record(at(300), vec![], None);
        assert!(r.is_complete(), "{:?}", r.missing(6));
        assert_eq!(r.received(), 140);
    }

    #[test]
    fn pages_past_the_total_never_count() {
        // A page asked for before the total was known, answered after the
        // list grew: its users are not part of this read.
        let mut r = PagedRead::expecting(None);
        r.record(at(0), users(100, "a"), Some(150));
        r.record(at(100), users(50, "b"), Some(150));
        r.record(at(200), users(3, "late"), Some(153));
        assert!(r.is_complete());
        assert_eq!(r.received(), 150);
        assert!(r
            .users()
            .iter()
            .all(|u| !u.user_id.as_deref().unwrap().starts_with("late")));
    }

    #[test]
    fn an_absurd_total_or_expectation_stays_bounded() {
        let r = PagedRead::expecting(Some(u32::MAX));
        assert_eq!(
            r.missing(usize::MAX).len(),
            10,
            "at most a full configuration's pages"
        );
        let mut huge = PagedRead::new();
        huge.record(at(0), users(100, "a"), Some(u32::MAX));
        let next = huge.missing(3);
        assert_eq!(next, vec![at(100), at(200), at(300)]);
    }

    #[test]
    fn page_numbers_for_messages() {
        assert_eq!(page_span(at(500)), (6, 501, 600));
        assert_eq!(page_span(at(0)), (1, 1, 100));
    }
    #[test]
    fn reports_come_at_most_every_interval_and_keep_every_page() {
        let p = |n: u32| Page {
            offset: n * 100,
            limit: 100,
        };
        let mut r = Reports::default();
        assert_eq!(r.wait(0.0), None);
        assert_eq!(r.came_back(p(0), 1000.0), Some(vec![p(0)]));
        assert_eq!(r.came_back(p(1), 1010.0), None);
        assert_eq!(r.came_back(p(2), 1050.0), None);
        assert_eq!(r.wait(1050.0), Some(50.0));
        assert_eq!(r.due(1099.0), None);
        assert_eq!(r.due(1100.0), Some(vec![p(1), p(2)]));
        assert_eq!(r.due(1300.0), None, "nothing waits");
        assert_eq!(r.came_back(p(3), 1300.0), Some(vec![p(3)]));
        assert_eq!(r.came_back(p(4), 1301.0), None);
        assert_eq!(r.rest(), vec![p(4)]);
        assert_eq!(r.wait(5000.0), None);
    }
}
