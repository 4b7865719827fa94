//! The two settings as form fields, each with what it means, and the state
//! of a save (attempt, 401 pause, error, result), shared by the settings of
//! a configuration and a new configuration.

use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::preview::RequestPreview;
use crate::model::settings::SettingsForm;
use crate::model::{ApiBase, ApiError};
use crate::ui::browser::host::{ConfigSaved, HostEvent};
use crate::ui::components::run_status::error_block;
use crate::ui::net::access::Access;
use crate::ui::net::flows::Dispatch;
use crate::ui::net::lifetime::Lifetime;
use crate::ui::net::write::{write, Write, Written};

/// What the configuration panels (settings, new configuration) write with.
#[derive(Clone, PartialEq)]
pub struct Writer {
    /// The connection and its token.
    pub access: Access,
    /// The API base as an absolute URL, for the review.
    pub base: ApiBase,
    /// Time limit of one request.
    pub timeout_ms: u32,
    /// The activity log.
    pub dispatch: Dispatch,
    /// Events for the host page.
    pub events: Callback<HostEvent>,
    /// A new token typed after a 401.
    pub on_token: Callback<String>,
}

impl Writer {
    /// Sends a configuration's settings (`w`, retried, `save` showing each
    /// attempt) and, once they went through, tells the host page what was
    /// saved (`saved` of the answer).
    pub async fn save_config<B: Serialize, R: DeserializeOwned>(
        &self,
        w: &Write<'_, B>,
        token: &str,
        save: &UseStateHandle<SaveState>,
        saved: impl FnOnce(&R) -> ConfigSaved,
    ) -> Option<R> {
        let answer =
            write_showing::<B, R>(w, token, &self.dispatch, &self.access.lifetime, save).await?;
        self.events.emit(HostEvent::ConfigSaved(saved(&answer)));
        Some(answer)
    }
}

/// Where a save stands.
#[derive(Clone, PartialEq)]
pub enum SaveState {
    /// Not sending.
    Idle,
    /// Sending; `retrying` holds what failed before this attempt.
    Sending {
        /// The attempt.
        attempt: u32,
        /// The last error, while retrying.
        retrying: Option<ApiError>,
    },
    /// A 401: the same request waits for a new token.
    NeedsToken(ApiError),
    /// Stopped on an error.
    Failed(ApiError),
    /// Saved; the text says what the server holds now.
    Saved(String),
}

/// The migration switch and the exit-session count, with their meanings.
pub fn settings_fields(
    id: &str,
    form: &SettingsForm,
    lang: Lang,
    on_change: &Callback<SettingsForm>,
) -> Html {
    let on_migration = {
        let (form, cb) = (form.clone(), on_change.clone());
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            cb.emit(SettingsForm {
                migration: on,
                ..form.clone()
            })
        })
    };
    let on_count = {
        let (form, cb) = (form.clone(), on_change.clone());
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            cb.emit(SettingsForm {
                exit_sessions: v,
                ..form.clone()
            })
        })
    };
    let problem = form.exit_count_in(lang).err();
    let (mig_id, count_id) = (format!("{id}-migration"), format!("{id}-exit"));
    html! {
        <div class="hu-settings-fields">
            <div class="hu-field hu-check">
                <label><input type="checkbox" id={mig_id.clone()} checked={form.migration} onchange={on_migration}
                    aria-describedby={format!("{mig_id}-hint")} />{ t(lang, T::MigrationSetting) }</label>
                <div id={format!("{mig_id}-hint")} class="hu-hint">{ t(lang, T::MigrationMeaning) }</div>
            </div>
            <div class="hu-field">
                <label for={count_id.clone()}>{ t(lang, T::ExitSessions) }</label>
                <input id={count_id.clone()} type="text" inputmode="numeric" value={form.exit_sessions.clone()} oninput={on_count}
                    aria-invalid={problem.is_some().to_string()} aria-describedby={format!("{count_id}-msg")} autocomplete="off" />
                <div id={format!("{count_id}-msg")} class={classes!("hu-hint", problem.is_some().then_some("hu-error"))}>
                    { problem.unwrap_or_else(|| t(lang, T::ExitSessionsMeaning).to_string()) }
                </div>
            </div>
        </div>
    }
}

/// A request as the admin reviews it: method, URL, redacted headers, body, curl.
pub fn request_code(pv: &RequestPreview, lang: Lang) -> Html {
    let head = format!(
        "{} {}\n{}",
        pv.method,
        pv.url,
        pv.headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    html! {
        <>
            <pre class="hu-code">{ head }</pre>
            <pre class="hu-code">{ pv.body.clone() }</pre>
            <p>{ t(lang, T::CurlEquivalent) }</p>
            <pre class="hu-code hu-curl">{ pv.curl.clone() }</pre>
        </>
    }
}

/// Sends `w`, showing each attempt in `save`; a 401 or a failure ends there
/// (`save` says which). Returns the answer when the write went through.
pub async fn write_showing<B: Serialize, T: DeserializeOwned>(
    w: &Write<'_, B>,
    token: &str,
    dispatch: &Dispatch,
    lifetime: &Lifetime,
    save: &UseStateHandle<SaveState>,
) -> Option<T> {
    let on_attempt = |attempt, e: &ApiError| {
        save.set(SaveState::Sending {
            attempt,
            retrying: Some(e.clone()),
        })
    };
    match write::<B, T>(w, token, dispatch, lifetime, &on_attempt).await {
        Written::Done(answer) => Some(answer),
        Written::NeedsToken(e) => {
            save.set(SaveState::NeedsToken(e));
            None
        }
        Written::Failed(e) => {
            save.set(SaveState::Failed(e));
            None
        }
    }
}

/// After a 401: the typed token goes to the page's connection (`on_token`)
/// and the same request is sent again with it (`send`).
pub fn resume_with(
    send: &Callback<Option<String>>,
    on_token: &Callback<String>,
) -> Callback<String> {
    let (send, on_token) = (send.clone(), on_token.clone());
    Callback::from(move |token: String| {
        on_token.emit(token.clone());
        send.emit(Some(token));
    })
}

/// What a save is doing; a 401 asks for a token (`on_token`) to resume.
pub fn save_status(state: &SaveState, lang: Lang, on_token: Callback<String>) -> Html {
    match state {
        SaveState::Idle => html! {},
        SaveState::Sending { attempt, retrying } => html! {
            <div class="hu-progress" role="status">
                <span>{ t(lang, T::SavingSettings) }{ if *attempt > 1 { tf(lang, T::Attempt, &[("n", attempt)]) } else { String::new() } }</span>
                if let Some(e) = retrying {
                    <p class="hu-hint">{ tf(lang, T::Retrying, &[("message", &e.headline_in(lang))]) }</p>
                }
            </div>
        },
        SaveState::NeedsToken(e) => html! {
            <div class="hu-paused">
                { error_block(e, lang) }
                <p>{ t(lang, T::SavePaused) }</p>
                <crate::ui::components::run_status::NewToken {on_token} />
            </div>
        },
        SaveState::Failed(e) => error_block(e, lang),
        SaveState::Saved(text) => {
            html! { <p class="hu-success" role="status">{ text.clone() }</p> }
        }
    }
}
