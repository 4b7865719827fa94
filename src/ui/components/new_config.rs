//! A new configuration in the project: the two settings and, optionally,
//! the staged additions as its users (at most 1000, checked before
//! sending); reviewed as the exact request, then created, chosen and loaded.

use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::preview::preview_request;
use crate::model::settings::SettingsForm;
use crate::model::{ApiError, HotspotSessionMigrationConfig, ProjectId, UserInfo};
use crate::ui::browser::host::ConfigSaved;
use crate::ui::components::settings_form::{
    request_code, resume_with, save_status, settings_fields, SaveState, Writer,
};
use crate::ui::net::write::Write;
use crate::ui::use_lang;

/// Props of [`NewConfigPanel`].
#[derive(Properties, PartialEq)]
pub struct NewConfigPanelProps {
    /// What the panel writes with (the connection's project and token).
    pub writer: Writer,
    /// The project.
    pub project: ProjectId,
    /// The staged additions, offered as the initial users.
    pub staged: Vec<UserInfo>,
    /// Created: the new configuration's id.
    pub on_created: Callback<String>,
}

/// The panel.
#[function_component(NewConfigPanel)]
pub fn new_config_panel(p: &NewConfigPanelProps) -> Html {
    let lang = use_lang();
    let form = use_state(|| SettingsForm {
        migration: true,
        exit_sessions: "0".into(),
    });
    let with_users = use_state(|| false);
    let save = use_state(|| SaveState::Idle);
    let users = if *with_users {
        p.staged.clone()
    } else {
        Vec::new()
    };
    let request = form.create(users, lang);
    let url = p.writer.base.create_config(&p.project);
    let send = {
        let (save, request) = (save.clone(), request.clone());
        let (writer, on_created) = (p.writer.clone(), p.on_created.clone());
        Callback::from(move |token: Option<String>| {
            let Ok(body) = request.clone() else { return };
            let (save, writer, on_created) = (save.clone(), writer.clone(), on_created.clone());
            save.set(SaveState::Sending {
                attempt: 1,
                retrying: None,
            });
            wasm_bindgen_futures::spawn_local(async move {
                let (base, project, token) = match writer.access.connection.project_ready() {
                    Some((b, p, t)) => (b, p, token.unwrap_or(t)),
                    None => {
                        let e = ApiError::network("the project or the token is missing");
                        return save.set(SaveState::Failed(e));
                    }
                };
                let url = base.create_config(&project);
                let w = Write {
                    post: true,
                    url: &url,
                    body: &body,
                    kind: "CREATE",
                    timeout_ms: writer.timeout_ms,
                };
                let announce = |created: &HotspotSessionMigrationConfig| ConfigSaved {
                    config_id: created.id.clone(),
                    created: true,
                    migration_enabled: body.hotspot_session_migration_enable,
                    exit_session_num: body.hotspot_exit_session_num,
                };
                let Some(created) = writer.save_config(&w, &token, &save, announce).await else {
                    return;
                };
                save.set(SaveState::Saved(tf(
                    lang,
                    T::ConfigCreated,
                    &[("id", &created.id)],
                )));
                on_created.emit(created.id);
            });
        })
    };
    let on_create = send.reform(|_| None);
    let on_token = resume_with(&send, &p.writer.on_token);
    let on_change = {
        let form = form.clone();
        Callback::from(move |f: SettingsForm| form.set(f))
    };
    let on_with_users = {
        let with_users = with_users.clone();
        Callback::from(move |e: Event| {
            with_users.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            )
        })
    };
    let busy = matches!(*save, SaveState::Sending { .. } | SaveState::Saved(_));
    html! {
        <section class="hu-settings" aria-labelledby="hu-new-config-title">
            <h2 id="hu-new-config-title">{ tf(lang, T::NewConfigTitle, &[("project", &p.project.as_str())]) }</h2>
            { settings_fields("hu-new-config", &form, lang, &on_change) }
            if !p.staged.is_empty() {
                <div class="hu-field hu-check">
                    <label><input type="checkbox" id="hu-new-config-users" checked={*with_users} onchange={on_with_users} />
                        { tf(lang, T::WithStagedUsers, &[("n", &p.staged.len())]) }</label>
                </div>
            }
            { match &request {
                Ok(body) => request_code(&preview_request("POST", &url, body), lang),
                Err(problem) => html! { <p class="hu-error" role="alert">{ problem.clone() }</p> },
            } }
            <div class="hu-actions">
                <button type="button" class="hu-primary" disabled={request.is_err() || busy} onclick={on_create}>
                    { t(lang, T::CreateConfig) }
                </button>
            </div>
            { save_status(&save, lang, on_token) }
        </section>
    }
}
