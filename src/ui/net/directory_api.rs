//! The Workspace user directory through the console's origin, read with the
//! model's retry policy: one search, every page, and resolving imported
//! names the cheaper way the model picks.

use std::cell::Cell;
use std::collections::HashMap;

use futures_util::future::join_all;

use crate::model::connection::Ready;
use crate::model::directory::{DirectoryUser, ListDirectoryUsersResponse};
use crate::model::import::NameLine;
use crate::model::resolve::{self, answers_from, Answer, Resolution, Strategy};
use crate::model::{ApiError, Page};
use crate::ui::net::access::Access;
use crate::ui::net::reads::get_retrying;

/// Requests at once.
const PARALLEL: usize = 6;
/// Time limit of one directory request.
const TIMEOUT_MS: u32 = 15_000;

impl Access {
    async fn get(&self, ready: &Ready, url: &str) -> Result<ListDirectoryUsersResponse, ApiError> {
        let (reply, _) = get_retrying::<ListDirectoryUsersResponse>(
            url,
            &ready.token,
            TIMEOUT_MS,
            &self.lifetime,
            &|_, _| {},
        )
        .await;
        reply.map(|r| r.body)
    }

    /// One page of users whose name matches `query` (all users for an empty one).
    pub async fn search(
        &self,
        query: &str,
        page: Page,
    ) -> Result<ListDirectoryUsersResponse, ApiError> {
        let ready = self.ready().await?;
        let url = ready.base.directory_users(&ready.project, query, page);
        self.get(&ready, &url).await
    }

    async fn pages(&self, ready: &Ready, pages: &[Page]) -> Result<Vec<DirectoryUser>, ApiError> {
        let mut all = Vec::new();
        for chunk in pages.chunks(PARALLEL) {
            let urls: Vec<String> = chunk
                .iter()
                .map(|p| ready.base.directory_users(&ready.project, "", *p))
                .collect();
            for reply in join_all(urls.iter().map(|u| self.get(ready, u))).await {
                all.extend(reply?.users);
            }
        }
        Ok(all)
    }

    /// Every user of the directory, a few pages at once.
    pub async fn read_all(&self) -> Result<Vec<DirectoryUser>, ApiError> {
        let ready = self.ready().await?;
        let first = self
            .get(
                &ready,
                &ready
                    .base
                    .directory_users(&ready.project, "", resolve::pages(0)[0]),
            )
            .await?;
        let rest = resolve::pages(first.total_count);
        let mut all = first.users;
        all.extend(self.pages(&ready, &rest[1..]).await?);
        Ok(all)
    }

    /// Resolves `names`: one search per name, or one read of the whole
    /// directory when that takes fewer requests. `on_progress(done, of)`
    /// follows the requests; returns the resolution and the requests made.
    pub async fn resolve_names(
        &self,
        names: &[NameLine],
        on_progress: &dyn Fn(usize, usize),
    ) -> (Resolution, usize) {
        let ready = match self.ready().await {
            Ok(r) => r,
            Err(e) => return (failed_all(names, &e), 0),
        };
        let probe_url = ready
            .base
            .directory_users(&ready.project, "", resolve::pages(0)[0]);
        let first = match self.get(&ready, &probe_url).await {
            Ok(f) => f,
            Err(e) => return (failed_all(names, &e), 1),
        };
        match resolve::strategy(names.len(), first.total_count) {
            Strategy::WholeDirectory => {
                let rest = resolve::pages(first.total_count);
                on_progress(1, rest.len());
                let mut all = first.users;
                match self.pages(&ready, &rest[1..]).await {
                    Ok(more) => all.extend(more),
                    Err(e) => return (failed_all(names, &e), rest.len()),
                }
                on_progress(rest.len(), rest.len());
                (
                    resolve::resolve(names, &answers_from(&all, names)),
                    rest.len(),
                )
            }
            Strategy::PerName => {
                let done = Cell::new(0usize);
                let mut answers: HashMap<String, Answer> = HashMap::new();
                let ready = &ready;
                for chunk in names.chunks(PARALLEL) {
                    let replies = join_all(chunk.iter().map(|n| {
                        let url = ready.base.directory_search(&ready.project, &n.name);
                        async move { self.get(ready, &url).await }
                    }))
                    .await;
                    for (n, reply) in chunk.iter().zip(replies) {
                        let answer = reply.map(|r| r.users).map_err(|e| e.message());
                        answers.insert(n.name.clone(), answer);
                    }
                    done.set(done.get() + chunk.len());
                    on_progress(done.get(), names.len());
                }
                (resolve::resolve(names, &answers), names.len() + 1)
            }
        }
    }
}

fn failed_all(names: &[NameLine], e: &ApiError) -> Resolution {
    let answers = names
        .iter()
        .map(|n| (n.name.clone(), Err(e.message())))
        .collect();
    resolve::resolve(names, &answers)
}
