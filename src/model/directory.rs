//! The Workspace user directory (`ListUsers`): a non-migration user's
//! `user_id` is a directory user's `id`, its `user_name` the directory's
//! `user_name`. The wire types live here, shared by the console and the
//! sandbox; matching, resolution and comparison live in
//! [`crate::model::resolve`].

use serde::{Deserialize, Serialize};

use crate::model::endpoints::{encode, ApiBase};
use crate::model::{Page, ProjectId};

/// One user of `GET /v2/{project_id}/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DirectoryUser {
    /// The user's id: a non-migration user's `user_id`.
    pub id: String,
    /// The user name.
    pub user_name: String,
    /// E-mail address.
    #[serde(default)]
    pub user_email: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// The account is disabled.
    #[serde(default)]
    pub disabled: bool,
    /// The account is locked.
    #[serde(default)]
    pub locked: bool,
    /// The account has expired.
    #[serde(default)]
    pub account_expired: bool,
}

/// The body of `GET /v2/{project_id}/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ListDirectoryUsersResponse {
    /// Users matching the query.
    #[serde(default)]
    pub total_count: u32,
    /// This page.
    #[serde(default)]
    pub users: Vec<DirectoryUser>,
}

impl ApiBase {
    /// `GET /v2/{project_id}/users?user_name=`: every user the directory
    /// matches with `user_name` (no `limit`: all of them).
    pub fn directory_search(&self, project: &ProjectId, user_name: &str) -> String {
        format!(
            "{}/v2/{}/users?user_name={}",
            self.as_str(),
            encode(project.as_str()),
            encode(user_name.trim())
        )
    }

    /// `GET /v2/{project_id}/users?user_name=&offset=&limit=`.
    pub fn directory_users(&self, project: &ProjectId, user_name: &str, page: Page) -> String {
        let name = match user_name.trim() {
            "" => String::new(),
            n => format!("user_name={}&", encode(n)),
        };
        format!(
            "{}/v2/{}/users?{name}offset={}&limit={}",
            self.as_str(),
            encode(project.as_str()),
            page.offset,
            page.limit
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_users_shape_and_url() {
        let body: ListDirectoryUsersResponse = serde_json::from_str(
            r#"{"total_count":1,"users":[{"id":"u1","user_name":"alice","user_email":"a@example.com",
            "description":"ops","disabled":false,"locked":true,"account_expired":false,"active_type":"USER_ACTIVATE",
            "total_desktops":0}]}"#,
        )
        .unwrap();
        assert_eq!(body.users[0].id, "u1");
        assert!(body.users[0].locked);
        let base = ApiBase::parse("https://portal.example").unwrap();
        let project = ProjectId::parse("p1").unwrap();
        assert_eq!(
            base.directory_users(&project, "王 伟", Page::first()),
            "https://portal.example/v2/p1/users?user_name=%E7%8E%8B%20%E4%BC%9F&offset=0&limit=100"
        );
        assert_eq!(
            base.directory_users(&project, " ", Page::first()),
            "https://portal.example/v2/p1/users?offset=0&limit=100"
        );
    }
}
