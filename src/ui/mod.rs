//! The browser console (wasm32 only): components ([`components`]) render the
//! model and dispatch its messages; [`net`] talks to the API, IAM and the
//! directory; [`browser`] holds storage, files, focus and the custom element.

pub mod browser;
pub mod components;
pub mod net;
pub mod state;

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
    browser::embed::define();
}
