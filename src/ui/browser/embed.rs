//! Embedding: the `<hotspot-users-console>` custom element and the
//! `mount(element, options)` function, each instance in its own shadow root
//! with its own state and the console's stylesheet adopted there.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::connection::Connection;
use crate::ui::browser::host::TokenSource;
use crate::ui::browser::startup::Embed;
use crate::ui::components::app::{App, AppProps};

/// The console's stylesheet, adopted by every instance's shadow root (a
/// constructed stylesheet: no `<style>` element, nothing for the CSP to
/// block). `static/console.css`, minified by `build.rs`.
const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/console.min.css"));

#[wasm_bindgen(inline_js = r#"
export function define_element(mount) {
  if (customElements.get("hotspot-users-console")) return;
  class HotspotUsersConsole extends HTMLElement {
    static get observedAttributes() { return ["api-base", "project-id", "config-id", "region", "lang", "remember", "sign-in"]; }
    connectedCallback() {
      // Properties set before the element was defined shadow the setters: re-apply them.
      for (const prop of ["token", "tokenProvider"]) {
        if (Object.prototype.hasOwnProperty.call(this, prop)) {
          const value = this[prop];
          delete this[prop];
          if (prop === "token") this._token = value; else this._provider = value;
        }
      }
      this._remount();
    }
    disconnectedCallback() { this._unmount(); }
    attributeChangedCallback() { if (this._handle) this._remount(); }
    set token(value) { this._token = value; if (this._handle) this._handle.set_token(value); else if (this.isConnected) this._remount(); }
    set tokenProvider(fn) { this._provider = fn; if (this.isConnected) this._remount(); }
    get tokenProvider() { return this._provider; }
    _unmount() { if (this._handle) { this._handle.unmount(); this._handle = null; } }
    _remount() {
      this._unmount();
      const attr = (name) => this.getAttribute(name) ?? undefined;
      this._handle = mount(this, {
        apiBase: attr("api-base"), projectId: attr("project-id"), configId: attr("config-id"),
        region: attr("region"), lang: attr("lang"), remember: this.hasAttribute("remember"), signIn: this.hasAttribute("sign-in"),
        token: this._token, tokenProvider: this._provider,
      });
    }
  }
  customElements.define("hotspot-users-console", HotspotUsersConsole);
}
"#)]
extern "C" {
    fn define_element(mount: &Closure<dyn Fn(web_sys::Element, JsValue) -> JsValue>);
}

/// What `mount` accepts (besides `tokenProvider`, a function).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Options {
    api_base: Option<String>,
    project_id: Option<String>,
    config_id: Option<String>,
    region: Option<String>,
    lang: Option<String>,
    token: Option<String>,
    #[serde(default)]
    remember: bool,
    #[serde(default)]
    sign_in: bool,
}

/// A mounted console; `unmount()` removes it with its listeners and timers.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<yew::AppHandle<App>>,
    container: web_sys::Element,
    token: Option<Rc<RefCell<String>>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the console from its element.
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.container.remove();
    }

    /// Replaces the token given as `options.token` (or the element's `token`).
    pub fn set_token(&self, token: String) {
        if let Some(t) = &self.token {
            *t.borrow_mut() = token;
        }
    }
}

fn shadow_root(element: &web_sys::Element) -> Result<web_sys::ShadowRoot, JsValue> {
    if let Some(root) = element.shadow_root() {
        return Ok(root);
    }
    let root =
        element.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?;
    let sheet = web_sys::CssStyleSheet::new()?;
    sheet.replace_sync(STYLESHEET)?;
    root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    Ok(root)
}

/// The names of the events the console dispatches on its element, from the
/// code that dispatches them (the package's manifest is checked against it).
#[wasm_bindgen]
pub fn event_names() -> Vec<String> {
    crate::ui::browser::host::HostEvent::NAMES
        .iter()
        .map(|n| n.to_string())
        .collect()
}

/// Mounts a console into `element`'s shadow root. `options`: `apiBase`,
/// `projectId`, `configId`, `region`, `lang`, and `token` or
/// `tokenProvider` (an async function returning a token); with either, the
/// console hides its token field.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<MountHandle, JsValue> {
    let opts: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options.clone())
            .map_err(|e| JsValue::from_str(&e.to_string()))?
    };
    let provider = js_sys::Reflect::get(&options, &"tokenProvider".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let fixed = opts.token.clone().map(|t| Rc::new(RefCell::new(t)));
    let token = match (&provider, &fixed) {
        (Some(f), _) => Some(TokenSource::Provider(f.clone())),
        (None, Some(t)) => Some(TokenSource::Fixed(t.clone())),
        (None, None) => None,
    };
    let root = shadow_root(&element)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let container = document.create_element("div")?;
    root.append_child(&container)?;
    let embed = Embed {
        host: element,
        token,
        connection: Connection {
            base: opts.api_base.unwrap_or_default(),
            region: opts.region.unwrap_or_default(),
            project: opts.project_id.unwrap_or_default(),
            config: opts.config_id.unwrap_or_default(),
            token: String::new(),
        },
        lang: opts.lang,
        remember: opts.remember,
        sign_in: opts.sign_in,
    };
    let app = yew::Renderer::<App>::with_root_and_props(
        container.clone(),
        AppProps { embed: Some(embed) },
    )
    .render();
    Ok(MountHandle {
        app: Some(app),
        container,
        token: fixed,
    })
}

/// Registers `<hotspot-users-console>`; the page's elements then mount themselves.
pub fn define() {
    let mount =
        Closure::<dyn Fn(web_sys::Element, JsValue) -> JsValue>::new(
            |element, options| match mount(element, options) {
                Ok(handle) => handle.into(),
                Err(e) => {
                    web_sys::console::error_2(&"hotspot-users: could not mount".into(), &e);
                    JsValue::NULL
                }
            },
        );
    define_element(&mount);
    // The element class keeps calling it for the page's lifetime.
    mount.forget();
}
