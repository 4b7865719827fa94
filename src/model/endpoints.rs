//! Regions, the API base URL and the URLs of every operation.

use crate::i18n::{t, Lang, T};
use crate::model::ids::{ConfigId, ProjectId};

/// A region and the host of its Workspace Application Streaming endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// E.g. `cn-north-4`.
    pub id: &'static str,
    /// E.g. `appstream.cn-north-4.myhuaweicloud.com`.
    pub host: &'static str,
    /// The region's name as Huawei Cloud's console shows it, in English and
    /// in Chinese (`CN North-Beijing4`, `华北-北京四`); empty where not known.
    names: (&'static str, &'static str),
}

impl Region {
    /// `https://` plus the host.
    pub fn endpoint(&self) -> String {
        format!("https://{}", self.host)
    }

    /// How the region is offered: its id, which the admin finds in project
    /// names and URLs, then its name in `lang` (`cn-north-4 · CN North-Beijing4`).
    pub fn label(&self, lang: Lang) -> String {
        let name = match lang {
            Lang::En => self.names.0,
            Lang::Zh => self.names.1,
        };
        if name.is_empty() {
            self.id.to_string()
        } else {
            format!("{} · {name}", self.id)
        }
    }
}

macro_rules! regions {
    ($($family:literal: [$($id:literal => ($en:literal, $zh:literal)),*]),*) => {
        /// Every region with this service, from the SDKs' region tables.
        pub const REGIONS: &[Region] = &[$($(Region {
            id: $id,
            host: concat!($family, ".", $id, ".myhuaweicloud.com"),
            names: ($en, $zh),
        },)*)*];
    };
}

regions!(
    "appstream": [
        "cn-north-4" => ("CN North-Beijing4", "华北-北京四"),
        "cn-east-3" => ("CN East-Shanghai1", "华东-上海一"),
        "cn-south-1" => ("CN South-Guangzhou", "华南-广州"),
        "cn-southwest-2" => ("CN Southwest-Guiyang1", "西南-贵阳一"),
        "cn-north-9" => ("CN North-Ulanqab1", "华北-乌兰察布一")
    ],
    "workspace": [
        "ap-southeast-1" => ("CN-Hong Kong", "中国-香港"),
        "ap-southeast-2" => ("AP-Bangkok", "亚太-曼谷"),
        "ap-southeast-3" => ("AP-Singapore", "亚太-新加坡"),
        "af-south-1" => ("AF-Johannesburg", "非洲-约翰内斯堡"),
        "af-north-1" => ("AF-Cairo", "非洲-开罗"),
        "la-south-2" => ("LA-Santiago", "拉美-圣地亚哥"),
        "la-north-2" => ("LA-Mexico City2", "拉美-墨西哥城二"),
        "sa-brazil-1" => ("LA-Sao Paulo1", "拉美-圣保罗一"),
        "me-east-1" => ("ME-Riyadh", "中东-利雅得"),
        "tr-west-1" => ("TR-Istanbul", "土耳其-伊斯坦布尔"),
        "cn-east-5" => ("CN East-Qingdao", "华东-青岛"),
        "cn-north-11" => ("", "")
    ]
);

impl BaseUrlError {
    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                BaseUrlError::Scheme => T::BaseScheme,
                BaseUrlError::NoHost => T::BaseNoHost,
                BaseUrlError::Junk => T::BaseJunk,
            },
        )
    }
}

/// The region with this id.
pub fn region(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.id == id)
}

/// Why an API base URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    /// Not `http://` or `https://`.
    #[error("The API base URL must start with https:// or http://, or be left empty to use this page's origin.")]
    Scheme,
    /// No host after the scheme.
    #[error("The API base URL has no host name.")]
    NoHost,
    /// Spaces, a query or a fragment.
    #[error("The API base URL must not contain spaces, '?' or '#'.")]
    Junk,
}

/// Where requests go: an origin (plus optional path prefix), or empty for this page's origin.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiBase(String);

impl ApiBase {
    /// Parses a base URL; empty input means "same origin" (relative URLs).
    pub fn parse(raw: &str) -> Result<Self, BaseUrlError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(Self::default());
        }
        if raw
            .chars()
            .any(|c| c.is_whitespace() || c == '?' || c == '#')
        {
            return Err(BaseUrlError::Junk);
        }
        let (scheme, rest) = raw
            .split_once("://")
            .filter(|(s, _)| s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http"))
            .ok_or(BaseUrlError::Scheme)?;
        let rest = rest.trim_end_matches('/');
        if rest.split('/').next().unwrap_or("").is_empty() {
            return Err(BaseUrlError::NoHost);
        }
        Ok(Self(format!("{}://{rest}", scheme.to_ascii_lowercase())))
    }

    /// The base as given (no trailing slash), `""` for same origin.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where the console's own server answers whole-list reads, before the API's path.
pub const WHOLE_LISTS_PREFIX: &str = "/hotspot-users-server";

/// The whole-list read's route, as both backends serve and log it.
pub const WHOLE_LIST_ROUTE: &str =
    "/hotspot-users-server/v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users";

/// Largest page the list calls return.
pub const MAX_PAGE: u32 = 100;

/// One page of a list call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Items skipped.
    pub offset: u32,
    /// Items wanted, 1..=100.
    pub limit: u32,
}

impl Page {
    /// A page; `None` when `limit` is outside 1..=100.
    pub fn new(offset: u32, limit: u32) -> Option<Self> {
        (1..=MAX_PAGE)
            .contains(&limit)
            .then_some(Self { offset, limit })
    }

    /// The first page of the largest size.
    pub fn first() -> Self {
        Self {
            offset: 0,
            limit: MAX_PAGE,
        }
    }

    /// The page after this one.
    pub fn next(self) -> Self {
        Self {
            offset: self.offset + self.limit,
            ..self
        }
    }
}

impl ApiBase {
    fn configs(&self, project: &ProjectId) -> String {
        format!(
            "{}/v1/{}/hotspot-session-config",
            self.0,
            encode(project.as_str())
        )
    }

    /// IAM's `POST /v3/auth/tokens?nocatalog=true` (sign-in) and, without the
    /// query, its `GET` (check a token), through the same origin.
    pub fn iam_tokens(&self, sign_in: bool) -> String {
        let query = if sign_in { "?nocatalog=true" } else { "" };
        format!("{}{}{query}", self.0, crate::model::iam::TOKENS_PATH)
    }

    /// IAM's `GET /v3/auth/projects`.
    pub fn iam_projects(&self) -> String {
        format!("{}{}", self.0, crate::model::iam::PROJECTS_PATH)
    }

    /// `GET /v1/{project_id}/hotspot-session-config?offset=&limit=`.
    pub fn list_configs(&self, project: &ProjectId, page: Page) -> String {
        format!(
            "{}?offset={}&limit={}",
            self.configs(project),
            page.offset,
            page.limit
        )
    }

    /// `POST /v1/{project_id}/hotspot-session-config`.
    pub fn create_config(&self, project: &ProjectId) -> String {
        self.configs(project)
    }

    /// `PATCH /v1/{project_id}/hotspot-session-config/{config_id}`.
    pub fn config(&self, project: &ProjectId, config: &ConfigId) -> String {
        format!("{}/{}", self.configs(project), encode(config.as_str()))
    }

    /// `PATCH /v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users`.
    pub fn non_migration_users(&self, project: &ProjectId, config: &ConfigId) -> String {
        format!("{}/non-migration-users", self.config(project, config))
    }

    /// The server's whole-list read, `GET /hotspot-users-server/v1/{project_id}/
    /// hotspot-session-config/{config_id}/non-migration-users`: every user of
    /// the configuration in one answer, shaped like a page. Only on the
    /// page's own origin, and only when its server says it has it
    /// ([`crate::model::server_info::ServerInfo::whole_lists`]); `None` for
    /// any other base.
    pub fn whole_list(&self, project: &ProjectId, config: &ConfigId) -> Option<String> {
        self.0
            .is_empty()
            .then(|| Self(WHOLE_LISTS_PREFIX.into()).non_migration_users(project, config))
    }

    /// `GET .../non-migration-users?user_name=&offset=&limit=`.
    pub fn list_users(
        &self,
        project: &ProjectId,
        config: &ConfigId,
        user_name: Option<&str>,
        page: Page,
    ) -> String {
        let name = user_name
            .filter(|n| !n.is_empty())
            .map(|n| format!("user_name={}&", encode(n)))
            .unwrap_or_default();
        format!(
            "{}?{name}offset={}&limit={}",
            self.non_migration_users(project, config),
            page.offset,
            page.limit
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> (ProjectId, ConfigId) {
        (
            ProjectId::parse("p 1/x").unwrap(),
            ConfigId::parse("c?#").unwrap(),
        )
    }

    #[test]
    fn the_whole_list_read_is_asked_of_the_page_s_own_server_only() {
        let (p, c) = ids();
        assert_eq!(
            ApiBase::default().whole_list(&p, &c).as_deref(),
            Some("/hotspot-users-server/v1/p%201%2Fx/hotspot-session-config/c%3F%23/non-migration-users")
        );
        // Another base is a proxy of the API, which has no such read.
        let other = ApiBase::parse("https://proxy.example.com/api").unwrap();
        assert_eq!(other.whole_list(&p, &c), None);
    }

    #[test]
    fn a_region_is_offered_by_its_id_and_the_name_the_cloud_console_shows() {
        let beijing = region("cn-north-4").unwrap();
        assert_eq!(beijing.label(Lang::En), "cn-north-4 · CN North-Beijing4");
        assert_eq!(beijing.label(Lang::Zh), "cn-north-4 · 华北-北京四");
        assert_eq!(
            region("ap-southeast-1").unwrap().label(Lang::En),
            "ap-southeast-1 · CN-Hong Kong"
        );
        // A region whose name is not known here is offered by its id alone.
        assert_eq!(
            region("cn-north-11").unwrap().label(Lang::Zh),
            "cn-north-11"
        );
        for r in REGIONS.iter().filter(|r| r.id != "cn-north-11") {
            for lang in [Lang::En, Lang::Zh] {
                let label = r.label(lang);
                assert!(label.starts_with(r.id), "{label}");
                assert!(
                    label.len() > r.id.len() + 4,
                    "{} has no name in {lang:?}",
                    r.id
                );
            }
        }
    }

    #[test]
    fn seventeen_regions_in_two_families() {
        assert_eq!(REGIONS.len(), 17);
        assert_eq!(
            REGIONS
                .iter()
                .filter(|r| r.host.starts_with("appstream."))
                .count(),
            5
        );
        assert_eq!(
            region("cn-north-4").unwrap().endpoint(),
            "https://appstream.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            region("ap-southeast-3").unwrap().host,
            "workspace.ap-southeast-3.myhuaweicloud.com"
        );
        assert!(region("mars-1").is_none());
    }

    #[test]
    fn base_url_parsing() {
        assert_eq!(ApiBase::parse("").unwrap().as_str(), "");
        assert_eq!(
            ApiBase::parse(" https://h.example/proxy/ ")
                .unwrap()
                .as_str(),
            "https://h.example/proxy"
        );
        assert_eq!(ApiBase::parse("ftp://x"), Err(BaseUrlError::Scheme));
        assert_eq!(ApiBase::parse("https://"), Err(BaseUrlError::NoHost));
        assert_eq!(ApiBase::parse("https://h/?a"), Err(BaseUrlError::Junk));
    }

    #[test]
    fn path_segments_and_query_are_encoded() {
        let (p, c) = ids();
        let base = ApiBase::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(
            base.non_migration_users(&p, &c),
            "http://127.0.0.1:8080/v1/p%201%2Fx/hotspot-session-config/c%3F%23/non-migration-users"
        );
        assert_eq!(
            ApiBase::default().list_users(&p, &c, Some("a&b=张"), Page::new(200, 100).unwrap()),
            "/v1/p%201%2Fx/hotspot-session-config/c%3F%23/non-migration-users?user_name=a%26b%3D%E5%BC%A0&offset=200&limit=100"
        );
        assert_eq!(
            ApiBase::default().list_configs(&p, Page::first()),
            "/v1/p%201%2Fx/hotspot-session-config?offset=0&limit=100"
        );
    }

    #[test]
    fn page_limits() {
        assert!(Page::new(0, 0).is_none());
        assert!(Page::new(0, 101).is_none());
        assert_eq!(Page::first().next(), Page::new(100, 100).unwrap());
    }
}
