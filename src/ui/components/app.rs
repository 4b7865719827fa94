//! The console's top level: state, side effects (storage, requests, host
//! events) and layout.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, Lang, T};
use crate::model::connection::{check_token, Connection};
use crate::model::iam::{AuthProject, Who};
use crate::model::table::user_info;
use crate::model::{Action, ApiBase};
use crate::ui::browser::host::{resolve, HostEvent};
use crate::ui::browser::on_demand::opening;
use crate::ui::browser::startup::{
    initial_connection, initial_lang, page_origin, remembers, Embed,
};
use crate::ui::browser::storage::{self, SavedConnection};
use crate::ui::components::activity::ActivityLog;
use crate::ui::components::add_user::AddUserForm;
use crate::ui::components::config_tools::ConfigTools;
use crate::ui::components::connection::ConnectionForm;
use crate::ui::components::directory_tools::DirectoryTools;
use crate::ui::components::history_dialog::HistoryDialog;
use crate::ui::components::identity::IdentityPanel;
use crate::ui::components::import_dialog::ImportDialog;
use crate::ui::components::loading::loading_status;
use crate::ui::components::plan_tools::PlanTools;
use crate::ui::components::review::ReviewPanel;
use crate::ui::components::settings_form::Writer;
use crate::ui::components::sync_dialog::{SyncDialog, SyncMode};
use crate::ui::components::users_table::UsersTable;
use crate::ui::net::access::Access;
use crate::ui::net::apply::{self, RunContext};
use crate::ui::net::flows;
use crate::ui::net::iam;
use crate::ui::net::lifetime::Lifetime;
use crate::ui::state::{Console, LoadFailure, Loading, Msg, Run};

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Set when a host page mounted the console.
    #[prop_or_default]
    pub embed: Option<Embed>,
}

/// The console.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let embed = props.embed.clone();
    let tokens = embed.as_ref().and_then(|e| e.token.clone());
    // Whether this console keeps the admin's choices in local storage.
    let remember = remembers(embed.as_ref());
    let connection = {
        let embed = embed.clone();
        use_state(move || initial_connection(embed.as_ref()))
    };
    let lang = {
        let embed = embed.clone();
        use_state(move || initial_lang(embed.as_ref()))
    };
    let console = use_reducer(Console::default);
    let import_button = use_node_ref();
    let lifetime = use_memo((), |_| Lifetime::new());
    {
        let lifetime = lifetime.clone();
        use_effect_with((), move |_| move || lifetime.end());
    }
    // Sign-in with an IAM user: the stand-alone page, and hosts that opt in
    // without supplying a token themselves.
    let sign_in_on = tokens.is_none() && embed.as_ref().is_none_or(|e| e.sign_in);
    let who = use_state(|| None::<Who>);
    let token_projects = use_state(Vec::<AuthProject>::new);
    let check_failed = use_state(|| None::<String>);
    let batch = use_state(|| 1000usize);
    let timeout_secs = use_state(|| apply::PATCH_TIMEOUT_SECS);
    let importing = use_state(|| false);
    let history_open = use_state(|| false);
    let syncing = use_state(|| None::<SyncMode>);
    let (history_button, copy_button, match_button) =
        (use_node_ref(), use_node_ref(), use_node_ref());
    let dispatcher = console.dispatcher();
    let on_msg = {
        let d = dispatcher.clone();
        use_callback((), move |m: Msg, _| d.dispatch(m))
    };
    let events = {
        let host = embed.as_ref().map(|e| e.host.clone());
        use_callback(host, |event: HostEvent, host| {
            if let Some(host) = host {
                event.dispatch(host);
            }
        })
    };

    {
        // Several embedded instances would overwrite each other: only a
        // console asked to (the stand-alone page) remembers its connection.
        let c = (*connection).clone();
        use_effect_with(c, move |c| {
            if remember {
                storage::save_connection(&SavedConnection {
                    base: c.base.clone(),
                    region: c.region.clone(),
                    project: c.project.clone(),
                    config: c.config.clone(),
                });
            }
        });
    }
    {
        let saved = (
            console.key.clone(),
            console.table.staged().clone(),
            console.loading == Loading::Done,
        );
        use_effect_with(saved, |(key, staged, loaded)| {
            if let (Some(key), true) = (key, loaded) {
                storage::save_staged(key, staged);
            }
        });
    }

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            let tag = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let chosen = Lang::from_tag(&tag);
            if remember {
                storage::save_lang(chosen.tag());
            }
            lang.set(chosen);
        })
    };
    let on_change = {
        let connection = connection.clone();
        Callback::from(move |c: Connection| connection.set(c))
    };
    // The running load's own lifetime: "Stop loading" ends it.
    let load_lifetime = use_mut_ref(|| None::<Lifetime>);
    let start_load = {
        let (tokens, d, events) = (tokens.clone(), dispatcher.clone(), events.clone());
        let (console_lifetime, load_lifetime) = ((*lifetime).clone(), load_lifetime.clone());
        let timeout_ms = *timeout_secs * 1000;
        let console = console.clone();
        Callback::from(move |c: Connection| {
            // Pages a stopped load kept, for the configuration the form names.
            let partial = c.key().and_then(|key| console.partial_for(&key));
            let (tokens, d, events) = (tokens.clone(), d.clone(), events.clone());
            let lifetime = console_lifetime.child();
            *load_lifetime.borrow_mut() = Some(lifetime.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match resolve(c, tokens).await {
                    Ok(Some(ready)) => {
                        flows::load(ready, partial, timeout_ms, d, events, lifetime).await
                    }
                    Ok(None) => {}
                    Err(e) => d.dispatch(Msg::LoadFailed(LoadFailure::before_reading(e), None)),
                }
            });
        })
    };
    let on_load = {
        let (start_load, c) = (start_load.clone(), (*connection).clone());
        Callback::from(move |()| start_load.emit(c.clone()))
    };
    let configs_version = use_state(|| 0u32);
    let on_configs_changed = {
        let v = configs_version.clone();
        Callback::from(move |()| v.set(*v + 1))
    };
    // Chooses the configuration `c` names in the form and loads it.
    let open = {
        let (connection, start_load) = (connection.clone(), start_load.clone());
        Callback::from(move |c: Connection| {
            connection.set(c.clone());
            start_load.emit(c);
        })
    };
    let on_created = {
        let (open, connection) = (open.clone(), connection.clone());
        Callback::from(move |id: String| {
            open.emit(Connection {
                config: id,
                ..(*connection).clone()
            })
        })
    };
    let on_settings_token = {
        let (connection, supplied) = (connection.clone(), tokens.is_some());
        Callback::from(move |token: String| {
            if !supplied {
                connection.set(Connection {
                    token,
                    ..(*connection).clone()
                });
            }
        })
    };
    // The running apply's own lifetime: "Stop applying" ends it.
    let run_lifetime = use_mut_ref(|| None::<Lifetime>);
    let on_stop_run = {
        let (run_lifetime, d) = (run_lifetime.clone(), dispatcher.clone());
        Callback::from(move |()| {
            if let Some(lifetime) = run_lifetime.borrow().as_ref() {
                lifetime.end();
            }
            d.dispatch(Msg::Halt);
        })
    };
    let on_stop_loading = {
        let load_lifetime = load_lifetime.clone();
        Callback::from(move |_| {
            if let Some(lifetime) = load_lifetime.borrow().as_ref() {
                lifetime.end();
            }
        })
    };
    // A change, its resumption and its verification go to the loaded
    // configuration, whatever the form's fields hold since.
    let aimed = console.key.as_ref().map(|key| connection.aimed_at(key));
    // The loaded table's connection, else the form's (nothing loaded yet).
    let loaded_or_form = aimed.clone().unwrap_or_else(|| (*connection).clone());
    let on_recheck = {
        let (c, tokens, d) = (aimed.clone(), tokens.clone(), dispatcher.clone());
        let lifetime = (*lifetime).clone();
        let timeout_ms = *timeout_secs * 1000;
        let intended = match &console.run {
            Run::Unverified { intended, .. } => Some(intended.clone()),
            _ => None,
        };
        Callback::from(move |_| {
            let (Some(intended), Some(c)) = (intended.clone(), c.clone()) else {
                return;
            };
            let (tokens, d, lifetime) = (tokens.clone(), d.clone(), lifetime.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match resolve(c, tokens).await {
                    Ok(Some(ready)) => {
                        apply::verify(&ready, intended, timeout_ms, &d, &lifetime).await;
                    }
                    Ok(None) => {}
                    Err(error) => d.dispatch(Msg::Run(Run::Unverified { error, intended })),
                }
            });
        })
    };
    // Who applies, for the history: the signed-in identity, else "token".
    let by = who.as_ref().map_or_else(
        || "token".to_string(),
        |w| format!("{}/{}", w.account, w.user),
    );
    let start_apply = {
        // The Rc, not the table: this closure is rebuilt on every render.
        let table = console.table.clone();
        let (batch, timeout_ms) = (*batch, *timeout_secs * 1000);
        let (d, events, tokens, lang) = (dispatcher.clone(), events.clone(), tokens.clone(), *lang);
        let (console_lifetime, run_lifetime) = ((*lifetime).clone(), run_lifetime.clone());
        move |c: Connection, typed: Option<String>| {
            let lifetime = console_lifetime.child();
            *run_lifetime.borrow_mut() = Some(lifetime.clone());
            let by = by.clone();
            let (table, d, events, tokens) =
                (table.clone(), d.clone(), events.clone(), tokens.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // A token typed after a 401 wins over the host's.
                let ready = match typed {
                    Some(t) => Ok(c.ready_with(&t)),
                    None => resolve(c, tokens.clone()).await,
                };
                match ready {
                    Ok(Some(ready)) => {
                        let cx = RunContext {
                            ready,
                            batch,
                            timeout_ms,
                            dispatch: d,
                            events,
                            tokens,
                            lang,
                            lifetime,
                            by,
                        };
                        apply::apply(cx, (*table).clone()).await;
                    }
                    Ok(None) => {}
                    Err(e) => d.dispatch(Msg::Run(Run::Stopped(e))),
                }
            });
        }
    };
    let on_apply = {
        let (c, start) = (aimed.clone(), start_apply.clone());
        Callback::from(move |_| {
            if let Some(c) = c.clone() {
                start(c, None)
            }
        })
    };
    // The API base as an absolute URL (this page's origin when empty).
    let iam_base = {
        let base = ApiBase::parse(&connection.base).unwrap_or_default();
        if base.as_str().is_empty() {
            ApiBase::parse(&page_origin()).unwrap_or_default()
        } else {
            base
        }
    };
    // What IAM says of a token: who, until when, which projects.
    let learn = {
        let (who, projects, failed) = (who.clone(), token_projects.clone(), check_failed.clone());
        let (base, region, lang) = (iam_base.clone(), connection.region.clone(), *lang);
        let lifetime = (*lifetime).clone();
        Callback::from(move |(token, known): (String, Option<Who>)| {
            let (who, projects, failed) = (who.clone(), projects.clone(), failed.clone());
            let (base, region, lifetime) = (base.clone(), region.clone(), lifetime.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let checked = match known {
                    Some(w) => Ok(w),
                    None => iam::check(&base, &token, &lifetime).await,
                };
                match checked {
                    Ok(w) => {
                        who.set(Some(w));
                        failed.set(None);
                        projects.set(
                            iam::projects(&base, &token, &region, &lifetime)
                                .await
                                .unwrap_or_default(),
                        );
                    }
                    Err(e) => {
                        who.set(None);
                        projects.set(Vec::new());
                        failed.set(Some(e.message_in(lang)));
                    }
                }
            });
        })
    };
    // Counts the times a sign-in or a picked project named the project:
    // the form then lists its configurations.
    let find_configs = use_state(|| 0u32);
    let on_signed_in = {
        let (connection, learn, find) = (connection.clone(), learn.clone(), find_configs.clone());
        Callback::from(move |(token, w): (String, Who)| {
            let c = (*connection).clone();
            connection.set(Connection {
                token: token.clone(),
                project: w.project_id.clone().unwrap_or(c.project.clone()),
                ..c
            });
            find.set(*find + 1);
            learn.emit((token, Some(w)));
        })
    };
    let on_token_commit = sign_in_on.then(|| {
        let learn = learn.clone();
        Callback::from(move |token: String| {
            if check_token(&token, Lang::En).is_ok() {
                learn.emit((token.trim().to_string(), None));
            }
        })
    });
    let on_project = {
        let (connection, find) = (connection.clone(), find_configs.clone());
        Callback::from(move |project: String| {
            connection.set(Connection {
                project,
                ..(*connection).clone()
            });
            find.set(*find + 1);
        })
    };
    let on_new_token = {
        let (connection, aimed) = (connection.clone(), aimed.clone());
        let supplied = tokens.is_some();
        let learn = learn.clone();
        Callback::from(move |token: String| {
            if sign_in_on {
                learn.emit((token.clone(), None));
            }
            if let Some(c) = aimed.clone() {
                start_apply(c, Some(token.clone()));
            }
            if !supplied {
                connection.set(Connection {
                    token,
                    ..(*connection).clone()
                });
            }
        })
    };
    let on_batch = {
        let batch = batch.clone();
        Callback::from(move |n: usize| batch.set(n.clamp(1, 1000)))
    };
    let on_timeout = {
        let timeout_secs = timeout_secs.clone();
        Callback::from(move |n: u32| timeout_secs.set(n.clamp(1, 300)))
    };
    let on_discard = on_msg.reform(|_| Msg::Table(Action::Discard));
    // The form's connection: the settings and new configurations of the
    // project it names.
    let form_access = Access {
        connection: (*connection).clone(),
        tokens: tokens.clone(),
        lifetime: (*lifetime).clone(),
    };
    // The loaded table's tools (directory, import, copy and match) work in
    // its project, whatever the form's fields hold since.
    let directory = Access {
        connection: loaded_or_form.clone(),
        ..form_access.clone()
    };
    let writer = Writer {
        access: form_access,
        base: iam_base.clone(),
        timeout_ms: *timeout_secs * 1000,
        dispatch: dispatcher.clone(),
        events: events.clone(),
        on_token: on_settings_token,
    };
    let staged_adds: Vec<_> = console
        .table
        .staged()
        .adds
        .iter()
        .map(|(id, name)| user_info(id, name))
        .collect();
    let open_import = {
        let importing = importing.clone();
        opening(&on_msg, Callback::from(move |()| importing.set(true)))
    };
    let close_import = {
        let importing = importing.clone();
        Callback::from(move |_| importing.set(false))
    };
    let toggle = |flag: &UseStateHandle<bool>, on: bool| {
        let flag = flag.clone();
        Callback::from(move |()| flag.set(on))
    };
    let sync = |mode: Option<SyncMode>| {
        let syncing = syncing.clone();
        Callback::from(move |()| syncing.set(mode))
    };
    let on_synced = {
        // The target is a configuration of the loaded table's project.
        let (syncing, open, loaded) = (syncing.clone(), open.clone(), loaded_or_form);
        Callback::from(move |target: String| {
            syncing.set(None);
            open.emit(Connection {
                config: target,
                ..loaded.clone()
            });
        })
    };
    let key_ids = console.key.as_ref().map(|(p, c)| {
        (
            AttrValue::from(p.as_str().to_string()),
            AttrValue::from(c.as_str().to_string()),
        )
    });
    let loaded = console.loading == Loading::Done;
    let absolute = iam_base.clone();
    // One snapshot per render; children compare it by value (the table by pointer).
    let state: Rc<Console> = Rc::new((*console).clone());
    let busy = console.is_busy();

    let lang = *lang;
    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<Lifetime> context={(*lifetime).clone()}>
        <div class="hu" lang={lang.tag()}>
            <header class="hu-header">
                <div>
                    <h1>{ t(lang, T::Title) }</h1>
                    <p class="hu-hint">{ t(lang, T::Subtitle) }</p>
                </div>
                <div class="hu-lang">
                    <label for="hu-lang">{ t(lang, T::Language) }</label>
                    <select id="hu-lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.tag()} selected={*l == lang}>{ l.name() }</option>
                        }) }
                    </select>
                </div>
            </header>
            <ConnectionForm value={(*connection).clone()} {on_change} {on_load} {busy} tokens={tokens.clone()} {on_token_commit}
                refresh={*configs_version} find={*find_configs} />
            <ConfigTools {writer} staged={staged_adds} on_saved={on_configs_changed} {on_created} />
            if sign_in_on {
                <IdentityPanel region={connection.region.clone()} base={iam_base.clone()} project={connection.project.clone()}
                    who={(*who).clone()} check_failed={(*check_failed).clone()} projects={(*token_projects).clone()}
                    {on_signed_in} {on_project} />
            }
            <div class="hu-notice" role="status" aria-live="polite">{ console.notice.text_in(lang) }</div>
            { loading_status(&console.loading, lang, &on_stop_loading) }
            if console.shows_table() {
                <div class="hu-main">
                    <div class="hu-left">
                        <div class="hu-toolbar">
                            <AddUserForm on_msg={on_msg.clone()} />
                            <DirectoryTools access={directory.clone()} table={console.table.clone()} on_msg={on_msg.clone()} />
                            <button type="button" class="hu-secondary" onclick={open_import} ref={import_button.clone()}>
                                { t(lang, T::Import) }
                            </button>
                        </div>
                        if let (Some((project, config)), true) = (&key_ids, loaded) {
                            <div class="hu-toolbar">
                                <button type="button" class="hu-secondary" onclick={opening(&on_msg, toggle(&history_open, true))} ref={history_button.clone()}>
                                    { t(lang, T::HistoryButton) }
                                </button>
                                <button type="button" class="hu-secondary" onclick={opening(&on_msg, sync(Some(SyncMode::Copy)))} ref={copy_button.clone()}>
                                    { t(lang, T::CopyTo) }
                                </button>
                                <button type="button" class="hu-secondary" onclick={opening(&on_msg, sync(Some(SyncMode::Match)))} ref={match_button.clone()}>
                                    { t(lang, T::MakeMatch) }
                                </button>
                                <PlanTools project={project.clone()} config={config.clone()} table={console.table.clone()} on_msg={on_msg.clone()} />
                            </div>
                        }
                        <UsersTable console={state.clone()} on_msg={on_msg.clone()} />
                    </div>
                    <ReviewPanel console={state} base={absolute} batch={*batch} {on_batch} timeout_secs={*timeout_secs} {on_timeout}
                        {on_apply} {on_new_token} {on_discard} {on_recheck} on_stop={on_stop_run}
                        sign_in_region={sign_in_on.then(|| AttrValue::from(connection.region.clone()))} />
                </div>
            }
            if *importing {
                <ImportDialog on_msg={on_msg.clone()} on_close={close_import} return_focus={import_button}
                    directory={Some(directory.clone())} />
            }
            if let (Some((project, config)), true) = (&key_ids, *history_open) {
                <HistoryDialog project={project.clone()} config={config.clone()} table={console.table.clone()}
                    on_msg={on_msg.clone()} on_close={toggle(&history_open, false)} return_focus={history_button} />
            }
            if let Some(mode) = *syncing {
                <SyncDialog {mode} access={directory.clone()} table={console.table.clone()} dispatch={dispatcher.clone()}
                    on_staged={on_synced} on_close={sync(None)}
                    return_focus={if mode == SyncMode::Copy { copy_button } else { match_button }} />
            }
            <ActivityLog entries={console.log.clone()} />
        </div>
        </ContextProvider<Lifetime>>
        </ContextProvider<Lang>>
    }
}
