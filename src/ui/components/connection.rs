//! The connection form: API base URL, region, project, configuration picker
//! and the token (masked, memory only).

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::connection::{picker_value, Connection};
use crate::model::demo::Demo;
use crate::model::endpoints::{region, REGIONS};
use crate::model::server_info::{ServerInfo, SERVER_INFO_PATH};
use crate::model::{ApiError, HotspotSessionMigrationConfig};
use crate::ui::browser::host::TokenSource;
use crate::ui::browser::startup::page_origin;
use crate::ui::components::field::TextField;
use crate::ui::net::api;
use crate::ui::net::flows;
use crate::ui::net::lifetime::Lifetime;
use crate::ui::net::reads;
use crate::ui::use_lang;

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
    /// The host page's token, when it supplies one: the token field is hidden.
    #[prop_or_default]
    pub tokens: Option<TokenSource>,
    /// A pasted token, once edited and left: checked with IAM where sign-in is offered.
    #[prop_or_default]
    pub on_token_commit: Option<Callback<String>>,
    /// Changes when the project's configurations changed: a shown list is read again.
    #[prop_or_default]
    pub refresh: u32,
    /// Changes when a sign-in, or a project picked from the token's list,
    /// named the project: its configurations are listed.
    #[prop_or_default]
    pub find: u32,
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

fn config_label(c: &HotspotSessionMigrationConfig, lang: Lang) -> String {
    let state = t(
        lang,
        if c.hotspot_session_migration_enable {
            T::On
        } else {
            T::Off
        },
    );
    tf(
        lang,
        T::ConfigLabel,
        &[
            ("id", &c.id),
            ("state", &state),
            ("sessions", &c.hotspot_exit_session_num),
            ("users", &c.non_migrate_users.len()),
        ],
    )
}

/// The connection form.
#[function_component(ConnectionForm)]
pub fn connection_form(p: &ConnectionFormProps) -> Html {
    let lang = use_lang();
    let lifetime = use_context::<Lifetime>().unwrap_or_default();
    let show_token = use_state(|| false);
    let configs = use_state(|| Configs::None);
    let picker = use_node_ref();
    let demo = use_state(|| None::<Demo>);
    {
        // The server says what it is: the sandbox offers its demo data, a
        // gateway names its region. Hosts that supply the token get no demo.
        let (demo, supplied) = (demo.clone(), p.tokens.is_some());
        let (value, on_change) = (p.value.clone(), p.on_change.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let url = format!("{}{}", page_origin(), SERVER_INFO_PATH);
                let Some(info) = api::get_public(&url)
                    .await
                    .and_then(|b| ServerInfo::parse(&b))
                else {
                    return;
                };
                reads::offer_whole_lists(info.whole_lists);
                if let (Some(region), true) = (info.region, value.region.is_empty()) {
                    on_change.emit(Connection { region, ..value });
                }
                if !supplied {
                    demo.set(info.demo);
                }
            });
        });
    }
    let (shown, listed) = match &*configs {
        Some(Ok(list)) => (
            picker_value(&p.value.config, list.iter().map(|c| c.id.as_str())),
            list.len(),
        ),
        _ => (String::new(), 0),
    };
    {
        // The picker always displays what the Configuration ID field holds.
        let picker = picker.clone();
        use_effect_with((shown.clone(), listed), move |(shown, _)| {
            if let Some(select) = picker.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(shown);
            }
        });
    }
    let on_demo = {
        let (value, on_change, demo) = (p.value.clone(), p.on_change.clone(), demo.clone());
        Callback::from(move |_| {
            if let Some(d) = &*demo {
                on_change.emit(d.fill(&value));
            }
        })
    };
    let problems = p.value.problems_in(lang);
    let supplied = p.tokens.is_some();
    // With a supplied token only the other fields need to be valid.
    let with_token = p.value.counting_supplied(supplied);
    let ready = with_token.ready().is_some();
    let project_ready = with_token.project_ready().is_some();

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
        let (configs, value, tokens) = (configs.clone(), p.value.clone(), p.tokens.clone());
        Callback::from(move |()| {
            let (configs, value, tokens) = (configs.clone(), value.clone(), tokens.clone());
            let lifetime = lifetime.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let token = match &tokens {
                    Some(source) => match source.token().await {
                        Ok(t) => t,
                        Err(e) => return configs.set(Some(Err(e))),
                    },
                    None => value.token.clone(),
                };
                let target = Connection { token, ..value }.project_ready();
                if let Some((base, project, token)) = target {
                    configs.set(Some(
                        flows::list_configs(base, project, token, lifetime).await,
                    ));
                }
            });
        })
    };
    {
        let on_find = on_find.clone();
        use_effect_with(p.find, move |n| {
            if *n > 0 {
                on_find.emit(());
            }
        });
    }
    {
        // The picker's labels follow saved settings and new configurations.
        let (on_find, listed) = (on_find.clone(), matches!(*configs, Some(Ok(_))));
        use_effect_with(p.refresh, move |_| {
            if listed {
                on_find.emit(());
            }
        });
    }
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
    let endpoint = region(&p.value.region).map(|r| tf(lang, T::Endpoint, &[("host", &r.host)]));

    html! {
        <form class="hu-connection" onsubmit={on_submit} aria-label={t(lang, T::Connection)}>
            if demo.is_some() {
                <div class="hu-demo">
                    <button type="button" class="hu-secondary" onclick={on_demo} aria-describedby="hu-demo-hint">{ t(lang, T::TryDemo) }</button>
                    <span id="hu-demo-hint" class="hu-hint">{ t(lang, T::DemoHint) }</span>
                </div>
            }
            <TextField id="hu-base" label={t(lang, T::BaseUrl)} value={p.value.base.clone()} problem={problems.base}
                placeholder={t(lang, T::BasePlaceholder)} hint={t(lang, T::BaseHint)}
                on_input={setter(p, |c, v| c.base = v)} />
            <div class="hu-field">
                <label for="hu-region">{ t(lang, T::Region) }</label>
                <select id="hu-region" onchange={on_region} aria-describedby="hu-region-msg">
                    <option value="" selected={p.value.region.is_empty()}>{ t(lang, T::NotSet) }</option>
                    { for REGIONS.iter().map(|r| html! {
                        <option value={r.id} selected={p.value.region == r.id}>{ r.label(lang) }</option>
                    }) }
                </select>
                <div id="hu-region-msg" class="hu-hint">{ endpoint.unwrap_or_default() }</div>
            </div>
            <TextField id="hu-project" label={t(lang, T::ProjectId)} value={p.value.project.clone()} problem={problems.project}
                on_input={setter(p, |c, v| c.project = v)} />
            <div class="hu-field hu-config">
                <TextField id="hu-config" label={t(lang, T::ConfigId)} value={p.value.config.clone()} problem={problems.config}
                    on_input={setter(p, |c, v| c.config = v)} />
                <button type="button" class="hu-secondary" onclick={on_find.reform(|_| ())} disabled={!project_ready}>
                    { t(lang, T::FindConfigs) }
                </button>
                { match &*configs {
                    None => html! {},
                    Some(Err(e)) => html! { <div class="hu-error" role="alert">{ e.message_in(lang) }</div> },
                    Some(Ok(list)) if list.is_empty() => html! { <div class="hu-hint">{ t(lang, T::NoConfigs) }</div> },
                    Some(Ok(list)) => html! {
                        <select aria-label={t(lang, T::ProjectConfigs)} onchange={on_pick} ref={picker}>
                            <option value="" selected={shown.is_empty()}>{ tf(lang, T::ChooseConfig, &[("n", &list.len())]) }</option>
                            { for list.iter().map(|c| html! {
                                <option value={c.id.clone()} selected={shown == c.id}>{ config_label(c, lang) }</option>
                            }) }
                        </select>
                    },
                } }
            </div>
            if !supplied {
            <div class="hu-field hu-token">
                <TextField id="hu-token" label={t(lang, T::Token)} value={p.value.token.clone()} problem={problems.token}
                    kind={if *show_token { "text" } else { "password" }}
                    hint={t(lang, T::TokenHint)} on_commit={p.on_token_commit.clone()}
                    on_input={setter(p, |c, v| c.token = v)} />
                <button type="button" class="hu-secondary" onclick={toggle} aria-pressed={show_token.to_string()}>
                    { t(lang, if *show_token { T::HideToken } else { T::ShowToken }) }
                </button>
            </div>
            }
            <button type="submit" class="hu-primary" disabled={!ready || p.busy}>{ t(lang, T::LoadUsers) }</button>
        </form>
    }
}
