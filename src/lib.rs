//! hotspot-users: an admin console for the users that Workspace Application
//! Streaming never migrates off hotspot sessions.
//!
//! [`model`] is plain Rust shared with the sandbox server; the browser UI in
//! `ui` is compiled for wasm32 only.

pub mod i18n;
pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;
