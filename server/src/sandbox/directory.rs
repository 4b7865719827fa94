//! The Workspace user directory, `GET /v2/{project_id}/users` (`ListUsers`):
//! read-only, seeded for the demo project ([`crate::sandbox::seed`]),
//! searched by name and description, behind the same faults and token
//! check as the other API routes.
//!
//! Whether the cloud matches `user_name` exactly or as a substring is not
//! published: the sandbox searches (case-insensitive substring) by default
//! and compares exactly (case-sensitive) with
//! [`Settings::directory_exact_names`](crate::sandbox::Settings), so the
//! console can be tried against both.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use hotspot_users::model::directory::DirectoryUser;
use serde::Serialize;

use crate::sandbox::error::SandboxError;
use crate::sandbox::{api, gate, AppState};

type Result<T> = std::result::Result<T, SandboxError>;

/// The most users one page holds (`limit`).
pub const MAX_LIMIT: usize = 1000;
/// The longest `user_name` filter the vendor's document allows.
const MAX_USER_NAME: usize = 255;
/// The longest `description` filter the vendor's document allows.
const MAX_DESCRIPTION: usize = 100;
/// The longest `group_name` the vendor's document allows.
const MAX_GROUP_NAME: usize = 64;

/// The directory's router, behind faults and the token check.
pub fn routes(state: AppState) -> Router {
    let not_allowed = || async { SandboxError::method_not_allowed() };
    let router = Router::new().route("/v2/{project_id}/users", get(list).fallback(not_allowed));
    gate::api_layers(router, state)
}

/// A validated `ListUsers` query. `group_name` is checked (at most 64
/// characters) and otherwise ignored: the demo directory has no groups.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DirectoryQuery {
    /// `user_name`: a case-insensitive substring, or the exact name.
    pub user_name: Option<String>,
    /// Whether `user_name` must equal a user's name (case-sensitive).
    pub exact_names: bool,
    /// `description`: a case-insensitive substring.
    pub description: Option<String>,
    /// Matches to skip.
    pub offset: usize,
    /// Page size; every match when absent.
    pub limit: Option<usize>,
}

/// A non-empty filter value of at most `max` characters.
fn filter(q: &HashMap<String, String>, key: &str, max: usize) -> Result<Option<String>> {
    match q.get(key).filter(|v| !v.is_empty()) {
        Some(v) if v.chars().count() > max => Err(SandboxError::invalid(format!(
            "{key} must be at most {max} characters."
        ))),
        v => Ok(v.cloned()),
    }
}

fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

impl DirectoryQuery {
    /// Reads a query string; 400 for values the service refuses.
    pub fn parse(q: &HashMap<String, String>, exact_names: bool) -> Result<Self> {
        filter(q, "group_name", MAX_GROUP_NAME)?;
        Ok(Self {
            user_name: filter(q, "user_name", MAX_USER_NAME)?,
            exact_names,
            description: filter(q, "description", MAX_DESCRIPTION)?,
            offset: api::offset(q)?,
            limit: api::limit(q, MAX_LIMIT)?,
        })
    }

    /// Whether `user` passes the filters.
    pub fn matches(&self, user: &DirectoryUser) -> bool {
        let name = match &self.user_name {
            None => true,
            Some(n) if self.exact_names => user.user_name == *n,
            Some(n) => contains_ignoring_case(&user.user_name, n),
        };
        name && self
            .description
            .as_deref()
            .is_none_or(|d| contains_ignoring_case(&user.description, d))
    }

    /// The matches ordered by name then id: (how many match, this page).
    pub fn run<'a>(&self, users: &'a [DirectoryUser]) -> (usize, Vec<&'a DirectoryUser>) {
        let mut hits: Vec<_> = users.iter().filter(|u| self.matches(u)).collect();
        hits.sort_by(|a, b| (&a.user_name, &a.id).cmp(&(&b.user_name, &b.id)));
        let total = hits.len();
        let page = hits
            .into_iter()
            .skip(self.offset)
            .take(self.limit.unwrap_or(usize::MAX))
            .collect();
        (total, page)
    }
}

/// One user as `ListUsers` sends it: the shared [`DirectoryUser`] plus the
/// vendor's fields the console does not read, so the console meets the
/// cloud's whole shape.
#[derive(Serialize)]
struct WireUser<'a> {
    #[serde(flatten)]
    user: &'a DirectoryUser,
    /// `"0"` for never; an expired account's date in the format the
    /// vendor documents for creating users (inferred for listing them).
    account_expires: &'static str,
    active_type: &'static str,
    /// App Streaming users have no desktops (the vendor's example sends 0).
    total_desktops: u32,
    enable_change_password: bool,
    next_login_change_password: bool,
}

impl<'a> From<&'a DirectoryUser> for WireUser<'a> {
    fn from(user: &'a DirectoryUser) -> Self {
        let by_admin = user.id.bytes().map(u32::from).sum::<u32>() % 5 == 0;
        WireUser {
            user,
            account_expires: if user.account_expired {
                "2025-06-30T16:00:00.000Z"
            } else {
                "0"
            },
            active_type: if by_admin {
                "ADMIN_ACTIVATE"
            } else {
                "USER_ACTIVATE"
            },
            total_desktops: 0,
            enable_change_password: true,
            next_login_change_password: by_admin,
        }
    }
}

/// The body of `ListUsers`.
#[derive(Serialize)]
struct WireList<'a> {
    total_count: u32,
    users: Vec<WireUser<'a>>,
}

async fn list(
    State(state): State<AppState>,
    Path(project): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response> {
    api::ids_ok(&project, None)?;
    let query = DirectoryQuery::parse(&q, state.settings.directory_exact_names)?;
    let store = state.store.lock().expect("store lock");
    let (total, page) = query.run(store.directory_users(&project)?);
    let body = WireList {
        total_count: total as u32,
        users: page.into_iter().map(WireUser::from).collect(),
    };
    Ok(Json(body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, name: &str, description: &str) -> DirectoryUser {
        DirectoryUser {
            id: id.into(),
            user_name: name.into(),
            description: description.into(),
            ..Default::default()
        }
    }

    fn query(pairs: &[(&str, &str)], exact: bool) -> Result<DirectoryQuery> {
        let q = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        DirectoryQuery::parse(&q, exact)
    }

    fn names(q: &DirectoryQuery, users: &[DirectoryUser]) -> Vec<String> {
        let (_, page) = q.run(users);
        page.iter()
            .map(|u| format!("{}/{}", u.user_name, u.id))
            .collect()
    }

    #[test]
    fn substring_or_exact_ordered_by_name_then_id() {
        let users = [
            user("2", "alice.wang1", "Finance"),
            user("1", "Alice.Wang1", "HR"),
            user("4", "alice.wang10", "finance"),
            user("3", "alice.wang1", "Sales"),
        ];
        let sub = query(&[("user_name", "ALICE.WANG1")], false).unwrap();
        assert_eq!(
            names(&sub, &users),
            [
                "Alice.Wang1/1",
                "alice.wang1/2",
                "alice.wang1/3",
                "alice.wang10/4"
            ]
        );
        let exact = query(&[("user_name", "alice.wang1")], true).unwrap();
        assert_eq!(names(&exact, &users), ["alice.wang1/2", "alice.wang1/3"]);
        let dept = query(&[("description", "FINANCE"), ("limit", "1")], false).unwrap();
        assert_eq!(dept.run(&users).0, 2);
        assert_eq!(names(&dept, &users), ["alice.wang1/2"]);
        let all = query(&[("user_name", ""), ("offset", "3")], true).unwrap();
        assert_eq!(names(&all, &users), ["alice.wang10/4"]);
    }

    #[test]
    fn bad_values_are_refused() {
        for (k, v) in [
            ("limit", "0".to_string()),
            ("limit", "1001".into()),
            ("offset", "-1".into()),
            ("user_name", "n".repeat(256)),
            ("description", "d".repeat(101)),
            ("group_name", "g".repeat(65)),
        ] {
            let e = query(&[(k, &v)], false).unwrap_err();
            assert!(e.msg.contains(k), "{}", e.msg);
        }
        assert_eq!(
            query(&[("limit", "1000")], false).unwrap().limit,
            Some(1000)
        );
    }
}
