//! A new configuration in the project: the two settings and, optionally,
//! the staged additions as its users (at most 1000, checked before
//! sending); reviewed as the exact request, then created, chosen and loaded.

use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::preview::preview_request;
use crate::model::settings::SettingsForm;
use crate::model::{ApiBase, ApiError, HotspotSessionMigrationConfig, ProjectId, UserInfo};
use crate::ui::browser::host::{ConfigSaved, HostEvent};
use crate::ui::components::settings_form::{
    request_code, resume_with, save_status, settings_fields, write_showing, SaveState,
};
use crate::ui::net::access::Access;
use crate::ui::net::flows::Dispatch;
use crate::ui::net::write::Write;
use crate::ui::use_lang;

/// Props of [`NewConfigPanel`].
#[derive(Properties, PartialEq)]
pub struct NewConfigPanelProps {
    /// The connection (the project) and its token.
    pub access: Access,
    /// The project.
    pub project: ProjectId,
    /// The API base as an absolute URL, for the review.
    pub base: ApiBase,
    /// The staged additions, offered as the initial users.
    pub staged: Vec<UserInfo>,
    /// Time limit of one request.
    pub timeout_ms: u32,
    /// The activity log.
    pub dispatch: Dispatch,
    /// Events for the host page.
    pub events: Callback<HostEvent>,
    /// A new token typed after a 401.
    pub on_token: Callback<String>,
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
    let url = p.base.create_config(&p.project);
    let send = {
        let (save, request) = (save.clone(), request.clone());
        let (access, dispatch, events, on_created) = (
            p.access.clone(),
            p.dispatch.clone(),
            p.events.clone(),
            p.on_created.clone(),
        );
        let timeout_ms = p.timeout_ms;
        Callback::from(move |token: Option<String>| {
            let Ok(body) = request.clone() else { return };
            let (save, access, dispatch, events, on_created) = (
                save.clone(),
                access.clone(),
                dispatch.clone(),
                events.clone(),
                on_created.clone(),
            );
            save.set(SaveState::Sending {
                attempt: 1,
                retrying: None,
            });
            wasm_bindgen_futures::spawn_local(async move {
                let (base, project, token) = match access.connection.project_ready() {
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
                    timeout_ms,
                };
                let Some(created) = write_showing::<_, HotspotSessionMigrationConfig>(
                    &w,
                    &token,
                    &dispatch,
                    &access.lifetime,
                    &save,
                )
                .await
                else {
                    return;
                };
                events.emit(HostEvent::ConfigSaved(ConfigSaved {
                    config_id: created.id.clone(),
                    created: true,
                    migration_enabled: body.hotspot_session_migration_enable,
                    exit_session_num: body.hotspot_exit_session_num,
                }));
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
    let on_token = resume_with(&send, &p.on_token);
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
