//! What an embedding page supplies and receives: the token (a fixed value
//! or an async provider) and the events dispatched on the host element.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::model::connection::{Connection, Ready};
use crate::model::ApiError;

/// Where tokens come from when the host supplies them.
#[derive(Clone, PartialEq)]
pub enum TokenSource {
    /// Set by the host (`token` property); replaced by `set_token`.
    Fixed(Rc<RefCell<String>>),
    /// `options.tokenProvider`: an async function returning the token.
    Provider(js_sys::Function),
}

impl TokenSource {
    /// The current token: the fixed one, or a fresh one from the provider.
    pub async fn token(&self) -> Result<String, ApiError> {
        match self {
            TokenSource::Fixed(t) => Ok(t.borrow().clone()),
            TokenSource::Provider(f) => {
                let fail =
                    |what: &str| ApiError::network(format!("the page's token provider {what}"));
                let value = f
                    .call0(&JsValue::NULL)
                    .map_err(|_| fail("threw an error"))?;
                let value = match value.dyn_into::<js_sys::Promise>() {
                    Ok(p) => JsFuture::from(p).await.map_err(|_| fail("rejected"))?,
                    Err(v) => v,
                };
                value
                    .as_string()
                    .filter(|t| !t.trim().is_empty())
                    .ok_or_else(|| fail("returned no token"))
            }
        }
    }
}

/// `detail` of `hotspot-users:applied`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    /// Users added (or renamed).
    pub added: usize,
    /// Users deleted.
    pub deleted: usize,
    /// `X-Request-Id` of each PATCH, in order.
    pub request_ids: Vec<String>,
    /// Users where the server differs from the intent; `null` when the
    /// re-read failed (every request went through, the check did not).
    pub differences: Option<usize>,
}

/// `detail` of `hotspot-users:error`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// HTTP status, when a response came.
    pub status: Option<u16>,
    /// `error_code`.
    pub code: Option<String>,
    /// The message shown.
    pub message: String,
    /// `X-Request-Id`.
    pub request_id: Option<String>,
}

/// Events dispatched on the host element (bubbling, composed `CustomEvent`s).
#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    /// `hotspot-users:applied`: a run finished and the server was re-read.
    Applied(Applied),
    /// `hotspot-users:error`: loading or applying stopped on an error.
    Error(Failure),
    /// `hotspot-users:token-required`: a 401; a new token is needed.
    TokenRequired,
    /// `hotspot-users:config-saved`: a configuration was created or its settings changed.
    ConfigSaved(ConfigSaved),
}

/// `detail` of `hotspot-users:config-saved`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigSaved {
    /// The configuration's id.
    pub config_id: String,
    /// Whether it was created (else updated).
    pub created: bool,
    /// `hotspot_session_migration_enable`.
    pub migration_enabled: bool,
    /// `hotspot_exit_session_num`.
    pub exit_session_num: u32,
}

impl HostEvent {
    /// An error event from an API error.
    pub fn error(e: &ApiError) -> Self {
        HostEvent::Error(Failure {
            status: e.status,
            code: e.code.clone(),
            message: e.message(),
            request_id: e.request_id.clone(),
        })
    }

    /// Every event name the console dispatches (the package's manifest lists them).
    pub const NAMES: [&'static str; 4] = [
        "hotspot-users:applied",
        "hotspot-users:error",
        "hotspot-users:token-required",
        "hotspot-users:config-saved",
    ];

    fn name(&self) -> &'static str {
        let i = match self {
            HostEvent::Applied(_) => 0,
            HostEvent::Error(_) => 1,
            HostEvent::TokenRequired => 2,
            HostEvent::ConfigSaved(_) => 3,
        };
        Self::NAMES[i]
    }

    fn detail(&self) -> JsValue {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = match self {
            HostEvent::Applied(d) => d.serialize(&serializer),
            HostEvent::Error(d) => d.serialize(&serializer),
            HostEvent::TokenRequired => Ok(js_sys::Object::new().into()),
            HostEvent::ConfigSaved(d) => d.serialize(&serializer),
        };
        value.unwrap_or(JsValue::NULL)
    }

    /// Dispatches the event on `host`.
    pub fn dispatch(&self, host: &web_sys::Element) {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&self.detail());
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(self.name(), &init) {
            let _ = host.dispatch_event(&event);
        }
    }
}

/// The connection with a token: typed, or from the host page.
pub async fn resolve(
    connection: Connection,
    tokens: Option<TokenSource>,
) -> Result<Option<Ready>, ApiError> {
    Ok(match tokens {
        Some(source) => {
            let token: String = source.token().await?;
            connection.ready_with(&token)
        }
        None => connection.ready(),
    })
}
