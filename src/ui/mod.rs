//! The browser console (wasm32 only): Yew components wired to the model.

pub mod api;
pub mod app;

/// Mounts the console into the page's `#hotspot-users` element, or `<body>`.
pub fn start() {
    let document = gloo_utils_document();
    match document.get_element_by_id("hotspot-users") {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}
