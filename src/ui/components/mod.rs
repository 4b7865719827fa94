//! The console's components: what the admin sees and does. They render the
//! model's state and dispatch its messages; requests go through [`super::net`],
//! the browser's storage and files through [`super::browser`].

pub mod activity;
pub mod add_user;
pub mod app;
pub mod config_tools;
pub mod connection;
pub mod directory_check;
pub mod directory_dialog;
pub mod directory_tools;
pub mod field;
pub mod history_dialog;
pub mod identity;
pub mod import_dialog;
pub mod loading;
pub mod new_config;
pub mod plan_actions;
pub mod plan_tools;
pub mod review;
pub mod run_status;
pub mod settings_form;
pub mod settings_panel;
pub mod sign_in;
pub mod sync_dialog;
pub mod users_table;
