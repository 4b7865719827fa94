//! The connection form's values and their validation: what the console
//! needs before it may send anything.

use crate::i18n::{t, tf, Lang, T};
use crate::model::endpoints::{region, ApiBase};
use crate::model::ids::{ConfigId, ProjectId};

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Connection {
    /// API base URL; empty for this page's origin.
    pub base: String,
    /// Region id (informational: the proxy must reach its endpoint).
    pub region: String,
    /// Project id.
    pub project: String,
    /// Configuration id.
    pub config: String,
    /// The IAM token; kept in memory only.
    pub token: String,
}

/// Per-field problems, `None` where the field is fine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    /// API base URL.
    pub base: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Project id.
    pub project: Option<String>,
    /// Configuration id.
    pub config: Option<String>,
    /// Token.
    pub token: Option<String>,
}

/// A connection that may be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ready {
    /// Where requests go.
    pub base: ApiBase,
    /// Project id.
    pub project: ProjectId,
    /// Configuration id.
    pub config: ConfigId,
    /// The token.
    pub token: String,
}

/// Checks a token: present, and one unbroken string; the problem in `lang`.
pub fn check_token(token: &str, lang: Lang) -> Result<(), String> {
    let token = token.trim();
    if token.is_empty() {
        return Err(t(lang, T::TokenEmpty).into());
    }
    if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(t(lang, T::TokenSpaces).into());
    }
    Ok(())
}

impl Connection {
    /// Every field's problem.
    pub fn problems(&self) -> Problems {
        self.problems_in(Lang::En)
    }

    /// Every field's problem, in `lang`.
    pub fn problems_in(&self, lang: Lang) -> Problems {
        Problems {
            base: ApiBase::parse(&self.base)
                .err()
                .map(|e| e.message_in(lang).to_string()),
            region: (!self.region.is_empty() && region(&self.region).is_none())
                .then(|| tf(lang, T::UnknownRegion, &[("region", &self.region)])),
            project: ProjectId::parse(&self.project)
                .err()
                .map(|e| e.message_in(lang)),
            config: ConfigId::parse(&self.config)
                .err()
                .map(|e| e.message_in(lang)),
            token: check_token(&self.token, lang).err(),
        }
    }

    /// The validated connection, or `None` while any field has a problem.
    pub fn ready(&self) -> Option<Ready> {
        let p = self.problems();
        if p != Problems::default() {
            return None;
        }
        Some(Ready {
            base: ApiBase::parse(&self.base).ok()?,
            project: ProjectId::parse(&self.project).ok()?,
            config: ConfigId::parse(&self.config).ok()?,
            token: self.token.trim().to_string(),
        })
    }

    /// The project and configuration the form names, when both are valid.
    pub fn key(&self) -> Option<(ProjectId, ConfigId)> {
        Some((
            ProjectId::parse(&self.project).ok()?,
            ConfigId::parse(&self.config).ok()?,
        ))
    }

    /// This connection aimed at `key`, the configuration whose users were
    /// loaded and reviewed: a change, its resumption after a 401 and its
    /// verification go there, whatever the form's project and configuration
    /// fields hold since (the base URL and the token stay the form's).
    pub fn aimed_at(&self, key: &(ProjectId, ConfigId)) -> Connection {
        Connection {
            project: key.0.as_str().to_string(),
            config: key.1.as_str().to_string(),
            ..self.clone()
        }
    }

    /// The form as the console may use it: where the host page supplies the
    /// token (`supplied`), the token field's problems do not count.
    pub fn counting_supplied(&self, supplied: bool) -> Connection {
        Connection {
            token: match supplied {
                true => "supplied".into(),
                false => self.token.clone(),
            },
            ..self.clone()
        }
    }

    /// Everything but the token: for a host page that supplies the token.
    pub fn ready_with(&self, token: &str) -> Option<Ready> {
        Connection {
            token: token.to_string(),
            ..self.clone()
        }
        .ready()
    }

    /// Enough to list the project's configurations (no config id needed).
    pub fn project_ready(&self) -> Option<(ApiBase, ProjectId, String)> {
        let p = self.problems();
        if p.base.is_some() || p.project.is_some() || p.token.is_some() {
            return None;
        }
        Some((
            ApiBase::parse(&self.base).ok()?,
            ProjectId::parse(&self.project).ok()?,
            self.token.trim().to_string(),
        ))
    }
}

/// What the configuration picker displays: the configuration the
/// Configuration ID field names when it is listed, else "" (its
/// "choose one" option). The picker never shows a choice not made.
pub fn picker_value<'a>(field: &str, listed: impl IntoIterator<Item = &'a str>) -> String {
    let field = field.trim();
    listed
        .into_iter()
        .find(|id| *id == field && !field.is_empty())
        .map(str::to_string)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> Connection {
        Connection {
            base: String::new(),
            region: "cn-north-4".into(),
            project: "p1".into(),
            config: "c1".into(),
            token: " tok ".into(),
        }
    }

    #[test]
    fn a_change_is_aimed_at_the_loaded_configuration_not_the_field() {
        let loaded = (
            ProjectId::parse("p1").unwrap(),
            ConfigId::parse("c1").unwrap(),
        );
        // Typed since the load: another project and configuration.
        let form = Connection {
            project: "p2".into(),
            config: "c2".into(),
            ..good()
        };
        let ready = form.aimed_at(&loaded).ready().unwrap();
        assert_eq!((ready.project, ready.config), loaded);
        assert_eq!(ready.token, "tok");
        // Even when the fields were emptied.
        let emptied = Connection {
            project: String::new(),
            config: String::new(),
            ..good()
        };
        assert!(emptied.ready().is_none());
        assert_eq!(emptied.aimed_at(&loaded).key(), Some(loaded));
    }

    #[test]
    fn a_complete_form_is_ready() {
        let r = good().ready().unwrap();
        assert_eq!(r.token, "tok");
        assert_eq!(r.project.as_str(), "p1");
    }

    #[test]
    fn each_field_reports_its_own_problem() {
        let c = Connection {
            base: "ftp://x".into(),
            region: "moon-1".into(),
            project: String::new(),
            config: "a\u{0}".into(),
            token: "two words".into(),
        };
        let p = c.problems();
        assert!(p.base.unwrap().contains("https://"));
        assert!(p.region.unwrap().contains("moon-1"));
        assert_eq!(p.project.unwrap(), "Project ID is empty.");
        assert!(p.config.unwrap().contains("control character"));
        assert!(p.token.unwrap().contains("one piece"));
        assert!(c.ready().is_none());
    }

    #[test]
    fn a_supplied_token_completes_the_form() {
        let c = Connection {
            token: String::new(),
            ..good()
        };
        assert!(c.ready().is_none());
        assert_eq!(c.ready_with("t2").unwrap().token, "t2");
        assert!(c.ready_with("").is_none());
    }

    #[test]
    fn listing_configs_needs_no_config_id() {
        let c = Connection {
            config: String::new(),
            ..good()
        };
        assert!(c.ready().is_none());
        assert!(c.project_ready().is_some());
        assert!(check_token("", Lang::En).is_err());
    }

    #[test]
    fn settings_and_new_configurations_wait_for_a_token_unless_the_host_supplies_it() {
        let no_token = Connection {
            token: String::new(),
            ..good()
        };
        assert!(no_token.counting_supplied(false).ready().is_none());
        assert!(no_token.counting_supplied(false).project_ready().is_none());
        assert!(no_token.counting_supplied(true).ready().is_some());
        assert!(no_token.counting_supplied(true).project_ready().is_some());
        // A typed token still counts, and other fields' problems still do.
        assert!(good().counting_supplied(false).ready().is_some());
        let no_project = Connection {
            project: String::new(),
            ..good()
        };
        assert!(no_project.counting_supplied(true).project_ready().is_none());
    }

    #[test]
    fn the_picker_shows_only_what_the_field_names() {
        let listed = ["c-1", "c-2"];
        assert_eq!(picker_value("", listed), "");
        assert_eq!(picker_value("c-2", listed), "c-2");
        assert_eq!(picker_value(" c-1 ", listed), "c-1");
        assert_eq!(picker_value("c-3", listed), "");
        assert_eq!(picker_value("", ["", "c-1"]), "");
    }
}
