//! A configuration's settings: the form (migration on or off, the
//! exit-session count), its validation, which settings changed (no request
//! when none did), and the requests that create or update a configuration.

use crate::i18n::{t, tf, Lang, T};
use crate::model::{
    ApiError, CreateHotspotSessionConfigRequest, HotspotSessionMigrationConfig,
    UpdateHotspotSessionConfigRequest, UserInfo, MAX_USERS,
};

/// The highest exit-session count the API accepts.
pub const MAX_EXIT_SESSIONS: u32 = 100;

/// The settings form, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettingsForm {
    /// `hotspot_session_migration_enable`.
    pub migration: bool,
    /// `hotspot_exit_session_num`, as typed.
    pub exit_sessions: String,
}

impl SettingsForm {
    /// The form showing `c`'s settings.
    pub fn of(c: &HotspotSessionMigrationConfig) -> Self {
        Self {
            migration: c.hotspot_session_migration_enable,
            exit_sessions: c.hotspot_exit_session_num.to_string(),
        }
    }

    /// The exit-session count, or what is wrong with it, in `lang`.
    pub fn exit_count_in(&self, lang: Lang) -> Result<u32, String> {
        let typed = self.exit_sessions.trim();
        let rule = || {
            tf(
                lang,
                T::ExitSessionsRule,
                &[("typed", &typed), ("max", &MAX_EXIT_SESSIONS)],
            )
        };
        if typed.is_empty() {
            return Err(tf(
                lang,
                T::FieldEmpty,
                &[("field", &t(lang, T::ExitSessions))],
            ));
        }
        match typed.parse::<u32>() {
            Ok(n) if n <= MAX_EXIT_SESSIONS => Ok(n),
            _ => Err(rule()),
        }
    }

    /// The update request, when the form is valid.
    pub fn update(&self) -> Option<UpdateHotspotSessionConfigRequest> {
        Some(UpdateHotspotSessionConfigRequest {
            hotspot_session_migration_enable: self.migration,
            hotspot_exit_session_num: self.exit_count_in(Lang::En).ok()?,
        })
    }

    /// The update request when the form is valid and differs from `current`;
    /// `None` when nothing changed (so nothing is sent).
    pub fn changes(
        &self,
        current: &HotspotSessionMigrationConfig,
    ) -> Option<UpdateHotspotSessionConfigRequest> {
        self.update().filter(|u| {
            u.hotspot_session_migration_enable != current.hotspot_session_migration_enable
                || u.hotspot_exit_session_num != current.hotspot_exit_session_num
        })
    }

    /// The create request with `users` as the initial list, or why not.
    pub fn create(
        &self,
        users: Vec<UserInfo>,
        lang: Lang,
    ) -> Result<CreateHotspotSessionConfigRequest, String> {
        let n = self.exit_count_in(lang)?;
        if users.len() > MAX_USERS {
            return Err(tf(
                lang,
                T::TooManyInitialUsers,
                &[("n", &users.len()), ("max", &MAX_USERS)],
            ));
        }
        Ok(CreateHotspotSessionConfigRequest {
            hotspot_session_migration_enable: self.migration,
            hotspot_exit_session_num: n,
            non_migrate_users: users,
        })
    }
}

/// Configuration `id` from the project's list, or a 404-shaped error naming it.
pub fn find_config(
    list: Vec<HotspotSessionMigrationConfig>,
    id: &str,
) -> Result<HotspotSessionMigrationConfig, ApiError> {
    list.into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ApiError::config_not_listed(id))
}

/// Whether the server's configuration now has the settings that were saved.
pub fn saved_as_intended(
    intended: &UpdateHotspotSessionConfigRequest,
    server: &HotspotSessionMigrationConfig,
) -> bool {
    intended.hotspot_session_migration_enable == server.hotspot_session_migration_enable
        && intended.hotspot_exit_session_num == server.hotspot_exit_session_num
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(on: bool, n: u32) -> HotspotSessionMigrationConfig {
        HotspotSessionMigrationConfig {
            id: "c1".into(),
            hotspot_session_migration_enable: on,
            hotspot_exit_session_num: n,
            ..Default::default()
        }
    }

    fn form(on: bool, typed: &str) -> SettingsForm {
        SettingsForm {
            migration: on,
            exit_sessions: typed.into(),
        }
    }

    #[test]
    fn the_count_is_0_to_100_and_the_rule_is_named() {
        assert_eq!(form(true, " 0 ").exit_count_in(Lang::En), Ok(0));
        assert_eq!(form(true, "100").exit_count_in(Lang::En), Ok(100));
        for bad in ["101", "-1", "1.5", "ten", "99999999999"] {
            let e = form(true, bad).exit_count_in(Lang::En).unwrap_err();
            assert_eq!(
                e,
                format!("Exit-session count must be a whole number from 0 to 100; “{bad}” is not.")
            );
        }
        assert_eq!(
            form(true, "").exit_count_in(Lang::En).unwrap_err(),
            "Exit-session count is empty."
        );
        assert!(form(true, "101").update().is_none());
    }

    #[test]
    fn only_changed_settings_make_a_request() {
        let c = config(true, 10);
        assert_eq!(SettingsForm::of(&c).changes(&c), None);
        assert_eq!(form(true, "010").changes(&c), None);
        let on_off = form(false, "10").changes(&c).unwrap();
        assert!(!on_off.hotspot_session_migration_enable);
        assert_eq!(
            form(true, "20")
                .changes(&c)
                .unwrap()
                .hotspot_exit_session_num,
            20
        );
        assert!(form(true, "200").changes(&c).is_none());
        assert!(saved_as_intended(&on_off, &config(false, 10)));
        assert!(!saved_as_intended(&on_off, &config(true, 10)));
    }

    #[test]
    fn a_configuration_missing_from_the_list_is_a_404_naming_it() {
        assert_eq!(find_config(vec![config(true, 1)], "c1").unwrap().id, "c1");
        let e = find_config(vec![config(true, 1)], "c9").unwrap_err();
        assert_eq!(e.status, Some(404));
        assert_eq!(e.code, None);
        assert!(e
            .message_in(Lang::En)
            .contains("The project does not list configuration c9."));
    }

    #[test]
    fn a_new_configuration_takes_at_most_1000_users() {
        let users = |n: usize| {
            (0..n)
                .map(|i| UserInfo::new(format!("u{i}"), "x"))
                .collect()
        };
        let ok = form(false, "3").create(users(3), Lang::En).unwrap();
        assert_eq!(ok.non_migrate_users.len(), 3);
        assert_eq!(ok.hotspot_exit_session_num, 3);
        let too_many = form(false, "3").create(users(1001), Lang::En).unwrap_err();
        assert_eq!(
            too_many,
            "A new configuration holds at most 1000 users; 1001 are staged."
        );
        assert!(form(false, "x").create(users(1), Lang::En).is_err());
    }
}
