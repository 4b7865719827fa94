//! hotspot-users: an admin console for the users that Workspace Application
//! Streaming never migrates off hotspot sessions.
//!
//! [`model`] is plain Rust shared with the sandbox server; the browser UI in
//! `ui` is compiled for wasm32 only. [`json`] reads and writes JSON with
//! `serde_json` natively and with the browser's `JSON` in wasm32; [`text`]
//! lowercases with Rust's Unicode tables natively and the browser's in wasm32.

pub mod i18n;
pub mod json;
pub mod model;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod ui;
