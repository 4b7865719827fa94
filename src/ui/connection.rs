//! The connection form: API base URL, region, project, configuration picker
//! and the token (masked, memory only).

use yew::prelude::*;

use crate::model::connection::Connection;
use crate::model::endpoints::{region, REGIONS};
use crate::model::{ApiError, HotspotSessionMigrationConfig};
use crate::ui::field::TextField;
use crate::ui::flows;

/// Props of [`ConnectionForm`].
#[derive(Properties, PartialEq)]
pub struct ConnectionFormProps {
    /// The form's values.
    pub value: Connection,
    /// Any edit.
    pub on_change: Callback<Connection>,
    /// Load pressed (only possible when the form is valid).
    pub on_load: Callback<()>,
    /// A load is under way.
    pub busy: bool,
}

type Configs = Option<Result<Vec<HotspotSessionMigrationConfig>, ApiError>>;

fn setter(p: &ConnectionFormProps, set: fn(&mut Connection, String)) -> Callback<String> {
    let (value, on_change) = (p.value.clone(), p.on_change.clone());
    Callback::from(move |v: String| {
        let mut c = value.clone();
        set(&mut c, v);
        on_change.emit(c);
    })
}

fn config_label(c: &HotspotSessionMigrationConfig) -> String {
    format!(
        "{} — migration {}, exit at {} sessions, {} users",
        c.id,
        if c.hotspot_session_migration_enable {
            "on"
        } else {
            "off"
        },
        c.hotspot_exit_session_num,
        c.non_migrate_users.len()
    )
}

/// The connection form.
#[function_component(ConnectionForm)]
pub fn connection_form(p: &ConnectionFormProps) -> Html {
    let show_token = use_state(|| false);
    let configs = use_state(|| Configs::None);
    let problems = p.value.problems();
    let ready = p.value.ready().is_some();

    let on_submit = {
        let on_load = p.on_load.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if ready {
                on_load.emit(());
            }
        })
    };
    let on_find = {
        let configs = configs.clone();
        let target = p.value.project_ready();
        Callback::from(move |_| {
            let Some((base, project, token)) = target.clone() else {
                return;
            };
            let configs = configs.clone();
            wasm_bindgen_futures::spawn_local(async move {
                configs.set(Some(flows::list_configs(base, project, token).await));
            });
        })
    };
    let on_pick = setter(p, |c, v| c.config = v).reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    let on_region = setter(p, |c, v| c.region = v).reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    let toggle = {
        let show = show_token.clone();
        Callback::from(move |_| show.set(!*show))
    };
    let endpoint = region(&p.value.region).map(|r| {
        format!(
            "Endpoint: {} (the proxy behind the API base URL must reach it)",
            r.host
        )
    });

    html! {
        <form class="hu-connection" onsubmit={on_submit} aria-label="Connection">
            <TextField id="hu-base" label="API base URL" value={p.value.base.clone()} problem={problems.base}
                placeholder="empty: this page's origin" hint="Same-origin proxy to the Workspace API; empty uses this page's origin."
                on_input={setter(p, |c, v| c.base = v)} />
            <div class="hu-field">
                <label for="hu-region">{ "Region" }</label>
                <select id="hu-region" onchange={on_region} aria-describedby="hu-region-msg">
                    <option value="" selected={p.value.region.is_empty()}>{ "— not set —" }</option>
                    { for REGIONS.iter().map(|r| html! {
                        <option value={r.id} selected={p.value.region == r.id}>{ r.id }</option>
                    }) }
                </select>
                <div id="hu-region-msg" class="hu-hint">{ endpoint.unwrap_or_default() }</div>
            </div>
            <TextField id="hu-project" label="Project ID" value={p.value.project.clone()} problem={problems.project}
                on_input={setter(p, |c, v| c.project = v)} />
            <div class="hu-field hu-config">
                <TextField id="hu-config" label="Configuration ID" value={p.value.config.clone()} problem={problems.config}
                    on_input={setter(p, |c, v| c.config = v)} />
                <button type="button" class="hu-secondary" onclick={on_find} disabled={p.value.project_ready().is_none()}>
                    { "Find configurations" }
                </button>
                { match &*configs {
                    None => html! {},
                    Some(Err(e)) => html! { <div class="hu-error" role="alert">{ e.message() }</div> },
                    Some(Ok(list)) if list.is_empty() => html! { <div class="hu-hint">{ "This project has no configurations." }</div> },
                    Some(Ok(list)) => html! {
                        <select aria-label="Configurations of this project" onchange={on_pick}>
                            <option value="">{ format!("{} configurations — choose one", list.len()) }</option>
                            { for list.iter().map(|c| html! {
                                <option value={c.id.clone()} selected={p.value.config == c.id}>{ config_label(c) }</option>
                            }) }
                        </select>
                    },
                } }
            </div>
            <div class="hu-field hu-token">
                <TextField id="hu-token" label="Token" value={p.value.token.clone()} problem={problems.token}
                    kind={if *show_token { "text" } else { "password" }}
                    hint="IAM user token; kept in memory only, never stored."
                    on_input={setter(p, |c, v| c.token = v)} />
                <button type="button" class="hu-secondary" onclick={toggle} aria-pressed={show_token.to_string()}>
                    { if *show_token { "Hide token" } else { "Show token" } }
                </button>
            </div>
            <button type="submit" class="hu-primary" disabled={!ready || p.busy}>{ "Load users" }</button>
        </form>
    }
}
