//! The API's JSON shapes, with the exact field names of the Workspace
//! Application Streaming `hotspot-session-config` family.

use serde::{Deserialize, Serialize};

/// The most users one configuration may hold, and one request may carry.
pub const MAX_USERS: usize = 1000;

/// One user as the API knows it. Both fields are optional in the schema;
/// the console always sends both.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct UserInfo {
    /// The user's id, the key of an entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The user's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
}

impl UserInfo {
    /// A user with both fields set.
    pub fn new(user_id: impl Into<String>, user_name: impl Into<String>) -> Self {
        Self {
            user_id: Some(user_id.into()),
            user_name: Some(user_name.into()),
        }
    }

    /// The id, or `""` when absent.
    pub fn id(&self) -> &str {
        self.user_id.as_deref().unwrap_or("")
    }

    /// The name, or `""` when absent.
    pub fn name(&self) -> &str {
        self.user_name.as_deref().unwrap_or("")
    }
}

/// What a PATCH of non-migration users does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UpdateType {
    /// Adds users; existing entries (by id) are overwritten.
    #[serde(rename = "ADD")]
    Add,
    /// Deletes users; missing entries are skipped.
    #[serde(rename = "DELETE")]
    Delete,
}

impl UpdateType {
    /// The wire value, `ADD` or `DELETE`.
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateType::Add => "ADD",
            UpdateType::Delete => "DELETE",
        }
    }
}

/// Body of `PATCH .../non-migration-users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateNonMigrationUsersRequest {
    /// `ADD` or `DELETE`.
    pub update_type: UpdateType,
    /// The users to add or delete.
    pub non_migrate_users: Vec<UserInfo>,
}

/// Response of `GET .../non-migration-users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ListNonMigrationUsersResponse {
    /// All users matching the filter; absent in some responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u32>,
    /// This page of users.
    #[serde(default)]
    pub non_migrate_users: Vec<UserInfo>,
}

/// A hotspot session migration configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct HotspotSessionMigrationConfig {
    /// The configuration's id.
    #[serde(default)]
    pub id: String,
    /// The project it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Whether sessions migrate off hotspots.
    #[serde(default)]
    pub hotspot_session_migration_enable: bool,
    /// Session count at which a hotspot is left, 0..=100.
    #[serde(default)]
    pub hotspot_exit_session_num: u32,
    /// The users that are never migrated (0..=1000).
    #[serde(default)]
    pub non_migrate_users: Vec<UserInfo>,
}

/// Response of `GET /v1/{project_id}/hotspot-session-config`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ListHotspotSessionConfigResponse {
    /// One page of configurations; a short page is the last.
    #[serde(default)]
    pub items: Vec<HotspotSessionMigrationConfig>,
}

/// Body of `POST /v1/{project_id}/hotspot-session-config`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateHotspotSessionConfigRequest {
    /// Whether sessions migrate off hotspots.
    pub hotspot_session_migration_enable: bool,
    /// Session count at which a hotspot is left, 0..=100.
    pub hotspot_exit_session_num: u32,
    /// Initial non-migrated users.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_migrate_users: Vec<UserInfo>,
}

/// Body of `PATCH /v1/{project_id}/hotspot-session-config/{config_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateHotspotSessionConfigRequest {
    /// Whether sessions migrate off hotspots.
    pub hotspot_session_migration_enable: bool,
    /// Session count at which a hotspot is left, 0..=100.
    pub hotspot_exit_session_num: u32,
}

/// Response of the config PATCH.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateHotspotSessionConfigResponse {
    /// The configuration's id.
    pub id: String,
    /// As set.
    pub hotspot_session_migration_enable: bool,
    /// As set.
    pub hotspot_exit_session_num: u32,
}

/// The service's error body: `{"error_code", "error_msg"}`; the API gateway adds `request_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceErrorBody {
    /// E.g. `WKS.00211102` or `APIGW.0301`.
    pub error_code: String,
    /// A human message, shown as given (some gateways leave it out).
    #[serde(default)]
    pub error_msg: String,
    /// Present in gateway errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_body_round_trips_with_exact_field_names() {
        let json =
            r#"{"update_type":"ADD","non_migrate_users":[{"user_id":"u-1","user_name":"alice"}]}"#;
        let body: UpdateNonMigrationUsersRequest = serde_json::from_str(json).unwrap();
        assert_eq!(body.update_type, UpdateType::Add);
        assert_eq!(body.non_migrate_users, vec![UserInfo::new("u-1", "alice")]);
        assert_eq!(serde_json::to_string(&body).unwrap(), json);
        let del = r#"{"update_type":"DELETE","non_migrate_users":[]}"#;
        let body: UpdateNonMigrationUsersRequest = serde_json::from_str(del).unwrap();
        assert_eq!(body.update_type, UpdateType::Delete);
        assert_eq!(serde_json::to_string(&body).unwrap(), del);
    }

    #[test]
    fn unknown_update_type_is_rejected() {
        let json = r#"{"update_type":"UPSERT","non_migrate_users":[]}"#;
        assert!(serde_json::from_str::<UpdateNonMigrationUsersRequest>(json).is_err());
    }

    #[test]
    fn list_users_total_count_may_be_absent() {
        let r: ListNonMigrationUsersResponse =
            serde_json::from_str(r#"{"non_migrate_users":[{"user_id":"a","user_name":"b"}]}"#)
                .unwrap();
        assert_eq!(r.total_count, None);
        assert_eq!(r.non_migrate_users.len(), 1);
        let r: ListNonMigrationUsersResponse =
            serde_json::from_str(r#"{"total_count":3,"non_migrate_users":[]}"#).unwrap();
        assert_eq!(r.total_count, Some(3));
    }

    #[test]
    fn user_info_fields_are_optional() {
        let u: UserInfo = serde_json::from_str(r#"{"user_name":"only-name"}"#).unwrap();
        assert_eq!(u.id(), "");
        assert_eq!(u.name(), "only-name");
        assert_eq!(
            serde_json::to_string(&u).unwrap(),
            r#"{"user_name":"only-name"}"#
        );
    }

    #[test]
    fn config_list_round_trips() {
        let json = r#"{"items":[{"id":"c1","project_id":"p1","hotspot_session_migration_enable":true,"hotspot_exit_session_num":5,"non_migrate_users":[{"user_id":"u","user_name":"n"}]}]}"#;
        let r: ListHotspotSessionConfigResponse = serde_json::from_str(json).unwrap();
        assert_eq!(r.items[0].hotspot_exit_session_num, 5);
        assert!(r.items[0].hotspot_session_migration_enable);
        assert_eq!(serde_json::to_string(&r).unwrap(), json);
    }

    #[test]
    fn create_and_update_config_bodies() {
        let c = CreateHotspotSessionConfigRequest {
            hotspot_session_migration_enable: false,
            hotspot_exit_session_num: 0,
            non_migrate_users: vec![],
        };
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"hotspot_session_migration_enable":false,"hotspot_exit_session_num":0}"#
        );
        let u: UpdateHotspotSessionConfigRequest = serde_json::from_str(
            r#"{"hotspot_session_migration_enable":true,"hotspot_exit_session_num":100}"#,
        )
        .unwrap();
        assert_eq!(u.hotspot_exit_session_num, 100);
    }

    #[test]
    fn gateway_error_body_keeps_request_id() {
        let e: ServiceErrorBody = serde_json::from_str(
            r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information","request_id":"r-1"}"#,
        )
        .unwrap();
        assert_eq!(e.request_id.as_deref(), Some("r-1"));
    }
}
