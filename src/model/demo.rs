//! The sandbox's demo offer (part of its [`crate::model::server_info`]
//! document): its demo project, configuration and token. The console offers
//! "Try the demo data" only when a valid one is there, so nothing else (a
//! portal, a gateway) ever shows it.

use serde::{Deserialize, Serialize};

use crate::model::connection::Connection;
use crate::model::{ConfigId, ProjectId};

/// The demo document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Demo {
    /// The demo project.
    pub project_id: String,
    /// The demo configuration to load first.
    pub config_id: String,
    /// A token the sandbox accepts.
    pub token: String,
}

impl Demo {
    /// The offer, when `bytes` is one with valid ids and a token; `None`
    /// for anything else (an HTML fallback page, an error, junk).
    pub fn parse(bytes: &[u8]) -> Option<Demo> {
        crate::json::parse_bytes::<Demo>(bytes)
            .ok()
            .filter(Demo::is_valid)
    }

    /// Valid ids and a token in one piece.
    pub fn is_valid(&self) -> bool {
        let token_ok = !self.token.trim().is_empty() && !self.token.contains(char::is_whitespace);
        ProjectId::parse(&self.project_id).is_ok()
            && ConfigId::parse(&self.config_id).is_ok()
            && token_ok
    }

    /// The connection with the demo's project, configuration and token
    /// (base URL and region as they were).
    pub fn fill(&self, c: &Connection) -> Connection {
        Connection {
            project: self.project_id.clone(),
            config: self.config_id.clone(),
            token: self.token.clone(),
            ..c.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_sandbox_document_and_fills_the_form() {
        let demo =
            Demo::parse(br#"{"project_id":"p1","config_id":"c1","token":"demo-token"}"#).unwrap();
        let before = Connection {
            base: "https://portal.example".into(),
            region: "cn-north-4".into(),
            ..Connection::default()
        };
        let after = demo.fill(&before);
        assert_eq!(
            (
                after.project.as_str(),
                after.config.as_str(),
                after.token.as_str()
            ),
            ("p1", "c1", "demo-token")
        );
        assert_eq!(after.base, before.base);
        assert_eq!(after.region, before.region);
        assert!(after.ready().is_some());
    }

    #[test]
    fn anything_else_is_no_offer() {
        for body in [
            &b"<!doctype html><title>console</title>"[..],
            b"",
            b"{}",
            br#"{"project_id":"","config_id":"c","token":"t"}"#,
            br#"{"project_id":"p","config_id":"c","token":" "}"#,
            br#"{"project_id":"p","config_id":"c\u0001x","token":"t"}"#,
        ] {
            assert_eq!(Demo::parse(body), None, "{}", String::from_utf8_lossy(body));
        }
    }
}
