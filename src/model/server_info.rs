//! What the server that serves the console tells it, in one small document
//! at [`SERVER_INFO_PATH`] on the console's origin: the sandbox offers its
//! demo data, the gateway names its region (so sign-in is scoped to it
//! without the admin choosing it again). Served by anything else (a
//! portal), there is no such document and the console offers neither.

use serde::{Deserialize, Serialize};

use crate::model::demo::Demo;
use crate::model::endpoints::region;

/// Where both backends serve it.
pub const SERVER_INFO_PATH: &str = "/hotspot-users-server.json";

/// The document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ServerInfo {
    /// The sandbox's demo offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo: Option<Demo>,
    /// The gateway's region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Both backends read a configuration's whole list in one request
    /// ([`crate::model::ApiBase::whole_list`]): one round trip over the long
    /// hop instead of two, the server paging next to the API.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub whole_lists: bool,
}

impl ServerInfo {
    /// The document, keeping only a valid demo offer and a known region;
    /// `None` for anything that is not such a document.
    pub fn parse(bytes: &[u8]) -> Option<ServerInfo> {
        let info: ServerInfo = crate::json::parse_bytes(bytes).ok()?;
        Some(ServerInfo {
            demo: info.demo.filter(Demo::is_valid),
            region: info.region.filter(|r| region(r).is_some()),
            whole_lists: info.whole_lists,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_backend_s_part_is_kept_only_when_valid() {
        let sandbox = ServerInfo::parse(
            br#"{"demo":{"project_id":"p1","config_id":"c1","token":"demo-token"}}"#,
        )
        .unwrap();
        assert_eq!(sandbox.demo.unwrap().config_id, "c1");
        assert_eq!(sandbox.region, None);
        let gateway = ServerInfo::parse(br#"{"region":"cn-north-4"}"#).unwrap();
        assert_eq!(
            (gateway.demo, gateway.region.as_deref()),
            (None, Some("cn-north-4"))
        );
        assert_eq!(
            ServerInfo::parse(br#"{"region":"mars-1"}"#).unwrap().region,
            None
        );
        let bad_demo =
            ServerInfo::parse(br#"{"demo":{"project_id":"","config_id":"c","token":"t"}}"#);
        assert_eq!(bad_demo.unwrap().demo, None);
        assert_eq!(ServerInfo::parse(b"<!doctype html>"), None);
    }

    #[test]
    fn whole_lists_are_offered_only_when_the_server_says_so() {
        assert!(
            ServerInfo::parse(br#"{"whole_lists":true}"#)
                .unwrap()
                .whole_lists
        );
        assert!(
            !ServerInfo::parse(br#"{"region":"cn-north-4"}"#)
                .unwrap()
                .whole_lists
        );
        let said = ServerInfo {
            whole_lists: true,
            ..ServerInfo::default()
        };
        let text = crate::json::to_string(&said);
        assert_eq!(ServerInfo::parse(text.as_bytes()), Some(said));
    }
}
