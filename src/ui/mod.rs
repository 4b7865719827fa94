//! The browser console (wasm32 only): Yew components wired to the model.

pub mod activity;
pub mod add_user;
pub mod api;
pub mod app;
pub mod connection;
pub mod download;
pub mod field;
pub mod flows;
pub mod import_dialog;
pub mod review;
pub mod state;
pub mod storage;
pub mod users_table;

/// Mounts the console into the page's `#hotspot-users` element, or `<body>`.
pub fn start() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("hotspot-users"));
    match root {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}
