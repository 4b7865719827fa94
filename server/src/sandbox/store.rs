//! The sandbox's data: projects, their configurations and each
//! configuration's non-migrated users, with the API's rules; and each
//! project's Workspace user directory.

use std::collections::BTreeMap;
use std::sync::Arc;

use hotspot_users::model::directory::DirectoryUser;
use hotspot_users::model::table::user_info;
use hotspot_users::model::{ids, HotspotSessionMigrationConfig, UpdateType, UserInfo, MAX_USERS};
use serde::{Deserialize, Serialize};

use crate::sandbox::error::SandboxError;

/// One configuration; users are keyed (and listed) by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Whether sessions migrate off hotspots.
    pub enable: bool,
    /// Session count at which a hotspot is left.
    pub exit_num: u32,
    /// `user_id` to `user_name`.
    pub users: BTreeMap<String, String>,
}

/// Everything the sandbox knows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Store {
    /// Project id to its configurations (config id to config).
    pub projects: BTreeMap<String, BTreeMap<String, Config>>,
    /// Counter for new config ids.
    #[serde(default)]
    pub next_id: u64,
    /// Project id to its Workspace user directory. Read-only, so it is
    /// shared rather than copied when a change clones the store; absent
    /// from state files saved before the sandbox had directories.
    #[serde(default)]
    pub directory: BTreeMap<String, Arc<Vec<DirectoryUser>>>,
}

/// A validated user entry: (id, name).
pub type Entry = (String, String);

/// Checks every user of a request, naming the first bad one.
pub fn validate_users(users: &[UserInfo]) -> Result<Vec<Entry>, SandboxError> {
    if users.len() > MAX_USERS {
        return Err(SandboxError::invalid(format!(
            "non_migrate_users has {} items; at most {MAX_USERS} are allowed.",
            users.len()
        )));
    }
    users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let id = u.user_id.as_deref().ok_or_else(|| {
                SandboxError::invalid(format!("non_migrate_users[{i}].user_id is required."))
            })?;
            let id = ids::validate(ids::Field::UserId, id)
                .map_err(|e| SandboxError::invalid(format!("non_migrate_users[{i}]: {e}")))?;
            let name = match u.user_name.as_deref() {
                None => String::new(),
                Some(n) => ids::validate(ids::Field::UserName, n)
                    .map_err(|e| SandboxError::invalid(format!("non_migrate_users[{i}]: {e}")))?,
            };
            Ok((id, name))
        })
        .collect()
}

impl Store {
    fn project(&self, project: &str) -> Result<&BTreeMap<String, Config>, SandboxError> {
        self.projects
            .get(project)
            .ok_or_else(|| SandboxError::not_found(format!("Project {project} does not exist.")))
    }

    /// A project's directory users (none for a project without a
    /// directory), or 404 for an unknown project.
    pub fn directory_users(&self, project: &str) -> Result<&[DirectoryUser], SandboxError> {
        match self.directory.get(project) {
            Some(users) => Ok(users),
            None => self.project(project).map(|_| &[][..]),
        }
    }

    /// The configuration, or 404.
    pub fn config(&self, project: &str, config: &str) -> Result<&Config, SandboxError> {
        self.project(project)?.get(config).ok_or_else(|| {
            SandboxError::not_found(format!(
                "Hotspot session configuration {config} does not exist."
            ))
        })
    }

    fn config_mut(&mut self, project: &str, config: &str) -> Result<&mut Config, SandboxError> {
        self.config(project, config)?;
        Ok(self
            .projects
            .get_mut(project)
            .and_then(|p| p.get_mut(config))
            .expect("checked above"))
    }

    /// `ADD` overwrites by id; `DELETE` skips missing ids. Refuses an ADD past the cap.
    pub fn update_users(
        &mut self,
        project: &str,
        config: &str,
        kind: UpdateType,
        users: Vec<Entry>,
    ) -> Result<(), SandboxError> {
        let cfg = self.config_mut(project, config)?;
        match kind {
            UpdateType::Add => {
                let new = users
                    .iter()
                    .filter(|(id, _)| !cfg.users.contains_key(id))
                    .map(|(id, _)| id)
                    .collect::<std::collections::BTreeSet<_>>();
                if cfg.users.len() + new.len() > MAX_USERS {
                    return Err(SandboxError::invalid(format!(
                        "The configuration holds {} users; adding {} new ones would exceed the limit of {MAX_USERS}.",
                        cfg.users.len(),
                        new.len()
                    )));
                }
                cfg.users.extend(users);
            }
            UpdateType::Delete => {
                for (id, _) in users {
                    cfg.users.remove(&id);
                }
            }
        }
        Ok(())
    }

    /// Users whose name contains `name` (case-insensitive), paged: (total, page).
    pub fn list_users(
        &self,
        project: &str,
        config: &str,
        name: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<UserInfo>), SandboxError> {
        let cfg = self.config(project, config)?;
        let needle = name.map(str::to_lowercase);
        let matching: Vec<_> = cfg
            .users
            .iter()
            .filter(|(_, n)| {
                needle
                    .as_deref()
                    .is_none_or(|s| n.to_lowercase().contains(s))
            })
            .collect();
        let page = matching
            .iter()
            .skip(offset)
            .take(limit)
            .map(|(id, n)| user_info(id, n))
            .collect();
        Ok((matching.len(), page))
    }

    /// The configuration as the API shows it.
    pub fn view(
        &self,
        project: &str,
        id: &str,
    ) -> Result<HotspotSessionMigrationConfig, SandboxError> {
        let c = self.config(project, id)?;
        Ok(HotspotSessionMigrationConfig {
            id: id.to_string(),
            project_id: Some(project.to_string()),
            hotspot_session_migration_enable: c.enable,
            hotspot_exit_session_num: c.exit_num,
            non_migrate_users: c.users.iter().map(|(i, n)| user_info(i, n)).collect(),
        })
    }

    /// One page of a project's configurations.
    pub fn list_configs(
        &self,
        project: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<HotspotSessionMigrationConfig>, SandboxError> {
        let ids: Vec<_> = self
            .project(project)?
            .keys()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect();
        ids.iter().map(|id| self.view(project, id)).collect()
    }

    /// Creates a configuration in a known project.
    pub fn create_config(
        &mut self,
        project: &str,
        enable: bool,
        exit_num: u32,
        users: Vec<Entry>,
    ) -> Result<String, SandboxError> {
        self.project(project)?;
        self.next_id += 1;
        let id = format!("{:032x}", 0x5a4d_0000_0000u64 + self.next_id);
        let cfg = Config {
            enable,
            exit_num,
            users: users.into_iter().collect(),
        };
        self.projects
            .get_mut(project)
            .expect("checked above")
            .insert(id.clone(), cfg);
        Ok(id)
    }

    /// Sets a configuration's two scalars.
    pub fn update_config(
        &mut self,
        project: &str,
        config: &str,
        enable: bool,
        exit_num: u32,
    ) -> Result<(), SandboxError> {
        let cfg = self.config_mut(project, config)?;
        cfg.enable = enable;
        cfg.exit_num = exit_num;
        Ok(())
    }
}
