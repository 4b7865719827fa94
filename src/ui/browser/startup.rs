//! What a console starts from: the host page's embedding options, the
//! remembered connection fields and the language.

use crate::i18n::Lang;
use crate::model::connection::Connection;
use crate::ui::browser::host::TokenSource;
use crate::ui::browser::storage::{self, SavedConnection};

/// What an embedding page gave (see `mount`).
#[derive(Clone, PartialEq)]
pub struct Embed {
    /// The host element events are dispatched on.
    pub host: web_sys::Element,
    /// The host's token, when it supplies one; the token field is then hidden.
    pub token: Option<TokenSource>,
    /// Preset connection fields (empty ones are left to the admin).
    pub connection: Connection,
    /// `en` or `zh-CN`.
    pub lang: Option<String>,
    /// Remember the connection fields (never the token) in local storage:
    /// for the stand-alone page; embedded instances leave it to the host.
    pub remember: bool,
    /// Offer sign-in with an IAM user (the stand-alone page; hosts opt in).
    pub sign_in: bool,
}

/// This page's origin, the API base when none is set.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

pub fn initial_connection(embed: Option<&Embed>) -> Connection {
    let saved = if remembers(embed) {
        storage::load_connection()
    } else {
        SavedConnection::default()
    };
    let preset = embed.map(|e| e.connection.clone()).unwrap_or_default();
    let pick = |preset: String, saved: String| if preset.is_empty() { saved } else { preset };
    Connection {
        base: pick(preset.base, saved.base),
        region: pick(preset.region, saved.region),
        project: pick(preset.project, saved.project),
        config: pick(preset.config, saved.config),
        token: String::new(),
    }
}

/// Whether this console remembers what the admin chose (connection fields,
/// language) in local storage: the stand-alone page does; embedded
/// instances leave it to the host unless it asks (`remember`).
pub fn remembers(embed: Option<&Embed>) -> bool {
    embed.is_none_or(|e| e.remember)
}

/// The language asked for by the host, else the one last chosen with the
/// switch (where the console remembers), else the browser's.
pub fn initial_lang(embed: Option<&Embed>) -> Lang {
    let chosen = || remembers(embed).then(storage::load_lang).flatten();
    let browser = || web_sys::window().and_then(|w| w.navigator().language());
    embed
        .and_then(|e| e.lang.clone())
        .or_else(chosen)
        .or_else(browser)
        .map_or(Lang::En, |tag| Lang::from_tag(&tag))
}
