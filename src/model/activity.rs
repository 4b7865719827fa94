//! The activity log: each request sent in this session, exportable as JSON.

use serde::{Deserialize, Serialize};

/// One request as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When it finished (ISO 8601).
    pub time: String,
    /// `GET`, `ADD` or `DELETE`.
    pub kind: String,
    /// Users carried (PATCH) or returned (GET).
    pub users: usize,
    /// Final HTTP status; `None` when no response arrived.
    pub status: Option<u16>,
    /// `X-Request-Id` of the last attempt.
    pub request_id: Option<String>,
    /// Attempts made.
    pub attempts: u32,
    /// The error message, when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The log as pretty JSON.
pub fn to_json(entries: &[LogEntry]) -> String {
    crate::json::to_string_pretty(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_every_field() {
        let e = LogEntry {
            time: "2026-11-28T10:00:00Z".into(),
            kind: "ADD".into(),
            users: 3,
            status: Some(200),
            request_id: Some("r1".into()),
            attempts: 2,
            error: None,
        };
        let json = to_json(std::slice::from_ref(&e));
        let back: Vec<LogEntry> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, vec![e]);
        assert!(json.contains("\"attempts\": 2"));
    }
}
