//! What the console keeps in local storage: staged changes and the user
//! count per project and configuration, the non-secret connection fields,
//! the language chosen and the history of applied changes. Never the token.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::json;
use crate::model::history::History;
use crate::model::{ConfigId, ProjectId, Staged};
use crate::ui::state::Key;

/// This page's local storage (none where the browser refuses it).
fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text stored under `key`, if any.
fn read(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

/// Stores `text` under `key`; false when the browser refused it.
fn write(key: &str, text: &str) -> bool {
    local()
        .and_then(|storage| storage.set_item(key, text).ok())
        .is_some()
}

/// The JSON value stored under `key`, if it is there and reads as a `T`.
fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    json::parse(&read(key)?).ok()
}

/// Stores `value` as JSON under `key`; false when the browser refused it.
fn set<T: Serialize + ?Sized>(key: &str, value: &T) -> bool {
    write(key, &json::to_string(value))
}

fn delete(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

fn staged_key((project, config): &Key) -> String {
    format!("hotspot-users/v1/staged/{project}/{config}")
}

/// Staged work saved for `key`, if any.
pub fn load_staged(key: &Key) -> Staged {
    get(&staged_key(key)).unwrap_or_default()
}

/// Saves (or, when empty, forgets) the staged work of `key`.
pub fn save_staged(key: &Key, staged: &Staged) {
    if staged.is_empty() {
        delete(&staged_key(key));
    } else if !set(&staged_key(key), staged) {
        web_sys::console::warn_1(
            &"hotspot-users: staged changes could not be saved locally".into(),
        );
    }
}

fn count_prefix(project: &ProjectId) -> String {
    format!("hotspot-users/v1/count/{project}/")
}

fn count_key((project, config): &Key) -> String {
    count_prefix(project) + config.as_str()
}

/// How many users `key` had when last read: how many pages the next read
/// asks for at once.
pub fn load_count(key: &Key) -> Option<u32> {
    get(&count_key(key))
}

/// Remembers how many users `key` has now.
pub fn save_count(key: &Key, users: usize) {
    set(&count_key(key), &(users as u32));
}

/// Remembers the count of each configuration the project's list holds and
/// forgets the counts of the project's configurations it no longer holds
/// (deleted since): one number each, but no longer true.
pub fn save_listed_counts(project: &ProjectId, listed: &[(ConfigId, usize)]) {
    let Some(storage) = local() else {
        return;
    };
    let prefix = count_prefix(project);
    let stored: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .collect();
    for key in stored {
        let config = &key[prefix.len()..];
        if !listed.iter().any(|(c, _)| c.as_str() == config) {
            let _ = storage.remove_item(&key);
        }
    }
    for (config, users) in listed {
        save_count(&(project.clone(), config.clone()), *users);
    }
}

const LANG_KEY: &str = "hotspot-users/v1/lang";

/// The language last chosen with the switch, as its tag.
pub fn load_lang() -> Option<String> {
    get(LANG_KEY)
}

/// Remembers the language chosen with the switch.
pub fn save_lang(tag: &str) {
    set(LANG_KEY, tag);
}

/// The connection fields worth remembering (no token).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedConnection {
    /// API base URL.
    pub base: String,
    /// Region id.
    pub region: String,
    /// Project id.
    pub project: String,
    /// Configuration id.
    pub config: String,
}

const CONNECTION_KEY: &str = "hotspot-users/v1/connection";

/// The remembered connection fields.
pub fn load_connection() -> SavedConnection {
    get(CONNECTION_KEY).unwrap_or_default()
}

/// Remembers the connection fields.
pub fn save_connection(c: &SavedConnection) {
    set(CONNECTION_KEY, c);
}

const HISTORY_KEY: &str = "hotspot-users/v1/history";

/// The applied changes kept in this browser (an unreadable entry: none).
pub fn load_history() -> History {
    read(HISTORY_KEY)
        .and_then(|text| History::from_json(&text).ok())
        .unwrap_or_default()
}

/// Keeps `history` in this browser.
pub fn save_history(history: &History) {
    if !write(HISTORY_KEY, &history.to_json()) {
        web_sys::console::warn_1(&"hotspot-users: the history could not be saved locally".into());
    }
}
