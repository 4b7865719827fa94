//! The browser console (wasm32 only): Yew components wired to the model.

pub mod access;
pub mod activity;
pub mod add_user;
pub mod api;
pub mod app;
pub mod apply;
pub mod config_tools;
pub mod connection;
pub mod directory_api;
pub mod directory_check;
pub mod directory_dialog;
pub mod directory_tools;
pub mod embed;
pub mod field;
pub mod files;
pub mod flows;
pub mod focus;
pub mod history_dialog;
pub mod host;
pub mod iam;
pub mod identity;
pub mod import_dialog;
pub mod lifetime;
pub mod loading;
pub mod new_config;
pub mod plan_tools;
pub mod reads;
pub mod review;
pub mod run_status;
pub mod settings_form;
pub mod settings_panel;
pub mod sign_in;
pub mod startup;
pub mod state;
pub mod storage;
pub mod sync_dialog;
pub mod users_table;
pub mod write;

use yew::prelude::*;

use crate::i18n::Lang;

/// The console's language, from the context the app provides (English without one).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Registers `<hotspot-users-console>`: every such element on the page
/// (the stand-alone page has one) mounts a console in its shadow root.
pub fn start() {
    embed::define();
}
