//! The loaded configuration's settings: migration on or off and the
//! exit-session count, reviewed as the exact request, saved with retries
//! and a 401 pause, then re-read and compared.

use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::preview::preview_request;
use crate::model::settings::{find_config, saved_as_intended, SettingsForm};
use crate::model::{ApiError, HotspotSessionMigrationConfig, UpdateHotspotSessionConfigResponse};
use crate::ui::browser::host::ConfigSaved;
use crate::ui::components::settings_form::{
    request_code, resume_with, save_status, settings_fields, SaveState, Writer,
};
use crate::ui::net::access::Access;
use crate::ui::net::flows::list_configs;
use crate::ui::net::write::Write;
use crate::ui::use_lang;

/// Props of [`SettingsPanel`].
#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    /// What the panel writes with (the connection's project and
    /// configuration, and its token).
    pub writer: Writer,
    /// The settings were saved (the picker's labels are stale).
    pub on_saved: Callback<()>,
}

type Current = Option<Result<HotspotSessionMigrationConfig, ApiError>>;

/// Reads the configuration's settings from the project's list.
async fn read(access: &Access) -> Result<HotspotSessionMigrationConfig, ApiError> {
    let ready = access.ready().await?;
    let all = list_configs(
        ready.base.clone(),
        ready.project.clone(),
        ready.token.clone(),
        access.lifetime.clone(),
    )
    .await?;
    find_config(all, ready.config.as_str())
}

/// The panel.
#[function_component(SettingsPanel)]
pub fn settings_panel(p: &SettingsPanelProps) -> Html {
    let lang = use_lang();
    let current = use_state(|| Current::None);
    let form = use_state(SettingsForm::default);
    let save = use_state(|| SaveState::Idle);
    {
        let (current, form, access) = (current.clone(), form.clone(), p.writer.access.clone());
        use_effect_with(access.connection.key(), move |_| {
            current.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let read = read(&access).await;
                if let Ok(c) = &read {
                    form.set(SettingsForm::of(c));
                }
                current.set(Some(read));
            });
        });
    }
    let Some(key) = p.writer.access.connection.key() else {
        return html! {};
    };
    let url = p.writer.base.config(&key.0, &key.1);
    let changes = match &*current {
        Some(Ok(c)) => form.changes(c),
        _ => None,
    };
    let send = {
        let (save, current, form) = (save.clone(), current.clone(), form.clone());
        let (writer, on_saved, changes) = (p.writer.clone(), p.on_saved.clone(), changes.clone());
        Callback::from(move |token: Option<String>| {
            let Some(body) = changes.clone() else { return };
            let (save, current, form) = (save.clone(), current.clone(), form.clone());
            let (writer, on_saved) = (writer.clone(), on_saved.clone());
            let access = writer.access.clone();
            save.set(SaveState::Sending {
                attempt: 1,
                retrying: None,
            });
            wasm_bindgen_futures::spawn_local(async move {
                let ready = match access.ready().await {
                    Ok(r) => r,
                    Err(e) => return save.set(SaveState::Failed(e)),
                };
                let url = ready.base.config(&ready.project, &ready.config);
                let w = Write {
                    post: false,
                    url: &url,
                    body: &body,
                    kind: "SETTINGS",
                    timeout_ms: writer.timeout_ms,
                };
                let token = token.unwrap_or(ready.token.clone());
                let announce = |_: &UpdateHotspotSessionConfigResponse| ConfigSaved {
                    config_id: ready.config.as_str().to_string(),
                    created: false,
                    migration_enabled: body.hotspot_session_migration_enable,
                    exit_session_num: body.hotspot_exit_session_num,
                };
                if writer
                    .save_config(&w, &token, &save, announce)
                    .await
                    .is_none()
                {
                    return;
                }
                on_saved.emit(());
                let reread = Access {
                    connection: crate::model::connection::Connection {
                        token: token.clone(),
                        ..access.connection.clone()
                    },
                    ..access.clone()
                };
                match read(&reread).await {
                    Ok(server) => {
                        let state = t(
                            lang,
                            if server.hotspot_session_migration_enable {
                                T::On
                            } else {
                                T::Off
                            },
                        );
                        let key = if saved_as_intended(&body, &server) {
                            T::SettingsSaved
                        } else {
                            T::SettingsDiffer
                        };
                        save.set(SaveState::Saved(tf(
                            lang,
                            key,
                            &[("state", &state), ("n", &server.hotspot_exit_session_num)],
                        )));
                        form.set(SettingsForm::of(&server));
                        current.set(Some(Ok(server)));
                    }
                    Err(e) => save.set(SaveState::Failed(e)),
                }
            });
        })
    };
    let on_save = send.reform(|_| None);
    let on_token = resume_with(&send, &p.writer.on_token);
    let on_change = {
        let (form, save) = (form.clone(), save.clone());
        Callback::from(move |f: SettingsForm| {
            form.set(f);
            if matches!(*save, SaveState::Saved(_) | SaveState::Failed(_)) {
                save.set(SaveState::Idle);
            }
        })
    };
    let sending = matches!(*save, SaveState::Sending { .. });
    html! {
        <section class="hu-settings" aria-labelledby="hu-settings-title">
            <h2 id="hu-settings-title">{ tf(lang, T::SettingsTitle, &[("id", &key.1.as_str())]) }</h2>
            { match &*current {
                None => html! { <p role="status">{ t(lang, T::ReadingConfig) }</p> },
                Some(Err(e)) => html! { <div class="hu-error" role="alert">{ e.message_in(lang) }</div> },
                Some(Ok(_)) => html! {
                    <>
                        { settings_fields("hu-settings", &form, lang, &on_change) }
                        { match (&changes, form.update()) {
                            (Some(body), _) => request_code(&preview_request("PATCH", &url, body), lang),
                            (None, Some(_)) => html! { <p class="hu-hint">{ t(lang, T::NoSettingsChange) }</p> },
                            (None, None) => html! {},
                        } }
                        <div class="hu-actions">
                            <button type="button" class="hu-primary" disabled={changes.is_none() || sending} onclick={on_save}>
                                { t(lang, T::SaveSettings) }
                            </button>
                        </div>
                    </>
                },
            } }
            { save_status(&save, lang, on_token) }
        </section>
    }
}
