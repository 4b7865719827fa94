//! What the review panel shows for each request: method, URL, headers with
//! the token redacted, the JSON body, and a `curl` equivalent.

use serde::Serialize;

use crate::model::UpdateNonMigrationUsersRequest;

/// Shown in place of the token.
pub const REDACTED: &str = "•••••• (redacted)";

/// One request as the admin reviews it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPreview {
    /// `PATCH` or `POST`.
    pub method: &'static str,
    /// The absolute URL.
    pub url: String,
    /// Header lines, token redacted.
    pub headers: Vec<(String, String)>,
    /// Pretty-printed JSON body.
    pub body: String,
    /// A `curl` command with a `$TOKEN` placeholder.
    pub curl: String,
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Builds the preview of one PATCH of users to `url`.
pub fn preview(url: &str, body: &UpdateNonMigrationUsersRequest) -> RequestPreview {
    preview_request("PATCH", url, body)
}

/// Builds the preview of any JSON request (`PATCH` or `POST`) to `url`.
pub fn preview_request<B: Serialize>(method: &'static str, url: &str, body: &B) -> RequestPreview {
    let pretty = crate::json::to_string_pretty(body);
    let compact = crate::json::to_string(body);
    let curl = format!(
        "curl -X {method} {} \\\n  -H \"X-Auth-Token: $TOKEN\" \\\n  -H 'Content-Type: application/json' \\\n  --data-raw {}",
        shell_quote(url),
        shell_quote(&compact)
    );
    RequestPreview {
        method,
        url: url.to_string(),
        headers: vec![
            ("X-Auth-Token".into(), REDACTED.into()),
            ("Content-Type".into(), "application/json".into()),
        ],
        body: pretty,
        curl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{UpdateType, UserInfo};

    #[test]
    fn curl_quotes_names_and_never_holds_a_token() {
        let body = UpdateNonMigrationUsersRequest {
            update_type: UpdateType::Add,
            non_migrate_users: vec![UserInfo::new("u1", "O'Brien")],
        };
        let p = preview(
            "https://h/v1/p/hotspot-session-config/c/non-migration-users",
            &body,
        );
        assert_eq!(p.method, "PATCH");
        assert!(p.curl.contains("$TOKEN"));
        assert!(p.curl.contains(r#"'{"update_type":"ADD","non_migrate_users":[{"user_id":"u1","user_name":"O'\''Brien"}]}'"#));
        assert_eq!(p.headers[0].1, REDACTED);
        assert!(p.body.contains("\"update_type\": \"ADD\""));
    }
}
