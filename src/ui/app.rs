//! The console's top level: state, side effects (storage, requests) and layout.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::connection::Connection;
use crate::model::export::to_csv;
use crate::model::view::visible_rows;
use crate::model::{Action, ApiBase};
use crate::ui::activity::ActivityLog;
use crate::ui::add_user::AddUserForm;
use crate::ui::connection::ConnectionForm;
use crate::ui::download::download;
use crate::ui::flows;
use crate::ui::import_dialog::ImportDialog;
use crate::ui::review::ReviewPanel;
use crate::ui::state::{Console, Loading, Msg};
use crate::ui::storage::{self, SavedConnection};
use crate::ui::users_table::UsersTable;

fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn initial_connection() -> Connection {
    let s = storage::load_connection();
    Connection {
        base: s.base,
        region: s.region,
        project: s.project,
        config: s.config,
        token: String::new(),
    }
}

fn loading_status(loading: &Loading) -> Html {
    match loading {
        Loading::Idle => html! {
            <p class="hu-hint">{ "Enter the project, the configuration and a token, then load the users." }</p>
        },
        Loading::Busy { received, total } => html! {
            <div class="hu-progress" role="status">
                <progress max={total.map(|t| t.to_string())} value={received.to_string()}></progress>
                <span>{ match total { Some(t) => format!("Loading users: {received} of {t}"), None => format!("Loading users: {received}") } }</span>
            </div>
        },
        Loading::Done => html! {},
        Loading::Failed(e) => html! {
            <div class="hu-error-box" role="alert">
                <p><strong>{ e.headline() }</strong></p>
                <p>{ e.detail().unwrap_or_default() }</p>
                <p class="hu-hint">{ format!("Status {} · request {}", e.status.map_or("—".into(), |s| s.to_string()),
                    e.request_id.clone().unwrap_or_else(|| "—".into())) }</p>
            </div>
        },
    }
}

/// The console.
#[function_component(App)]
pub fn app() -> Html {
    let connection = use_state(initial_connection);
    let console = use_reducer(Console::default);
    let batch = use_state(|| 1000usize);
    let timeout_secs = use_state(|| flows::PATCH_TIMEOUT_SECS);
    let importing = use_state(|| false);
    let dispatcher = console.dispatcher();
    let on_msg = {
        let d = dispatcher.clone();
        use_callback((), move |m: Msg, _| d.dispatch(m))
    };

    {
        let c = (*connection).clone();
        use_effect_with(c, |c| {
            storage::save_connection(&SavedConnection {
                base: c.base.clone(),
                region: c.region.clone(),
                project: c.project.clone(),
                config: c.config.clone(),
            });
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

    let on_change = {
        let connection = connection.clone();
        Callback::from(move |c: Connection| connection.set(c))
    };
    let on_load = {
        let (ready, d) = (connection.ready(), dispatcher.clone());
        Callback::from(move |_| {
            if let Some(r) = ready.clone() {
                wasm_bindgen_futures::spawn_local(flows::load(r, d.clone()));
            }
        })
    };
    let start_apply = {
        let (table, batch, d) = ((*console.table).clone(), *batch, dispatcher.clone());
        let timeout_ms = *timeout_secs * 1000;
        move |ready: Option<crate::model::connection::Ready>| {
            if let Some(r) = ready {
                let run = flows::apply(r, table.clone(), batch, timeout_ms, d.clone());
                wasm_bindgen_futures::spawn_local(run);
            }
        }
    };
    let on_apply = {
        let (ready, start) = (connection.ready(), start_apply.clone());
        Callback::from(move |_| start(ready.clone()))
    };
    let on_new_token = {
        let connection = connection.clone();
        Callback::from(move |token: String| {
            let next = Connection {
                token,
                ..(*connection).clone()
            };
            start_apply(next.ready());
            connection.set(next);
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
    let on_export = {
        let c = console.clone();
        Callback::from(move |_| {
            let users: Vec<_> = visible_rows(&c.table, &c.filter, c.sort)
                .iter()
                .map(|r| crate::model::table::user_info(&r.id, &r.name))
                .collect();
            download("hotspot-users.csv", "text/csv", &to_csv(&users));
        })
    };
    let open_import = {
        let importing = importing.clone();
        Callback::from(move |_| importing.set(true))
    };
    let close_import = {
        let importing = importing.clone();
        Callback::from(move |_| importing.set(false))
    };
    let base = ApiBase::parse(&connection.base).unwrap_or_default();
    let absolute = if base.as_str().is_empty() {
        ApiBase::parse(&page_origin()).unwrap_or_default()
    } else {
        base
    };
    // One snapshot per render; children compare it by value.
    let state: Rc<Console> = Rc::new((*console).clone());
    let busy = matches!(console.loading, Loading::Busy { .. });

    html! {
        <div class="hu">
            <header class="hu-header">
                <h1>{ "Users not migrated from hotspot sessions" }</h1>
                <p class="hu-hint">{ "Workspace Application Streaming · hotspot session configuration" }</p>
            </header>
            <ConnectionForm value={(*connection).clone()} {on_change} {on_load} {busy} />
            <div class="hu-notice" role="status" aria-live="polite">{ &console.notice }</div>
            { loading_status(&console.loading) }
            if console.key.is_some() && console.loading != Loading::Idle {
                <div class="hu-main">
                    <div class="hu-left">
                        <div class="hu-toolbar">
                            <AddUserForm on_msg={on_msg.clone()} />
                            <button type="button" class="hu-secondary" onclick={open_import}>{ "Import…" }</button>
                            <button type="button" class="hu-secondary" onclick={on_export}>{ "Export CSV" }</button>
                        </div>
                        <UsersTable console={state.clone()} on_msg={on_msg.clone()} />
                    </div>
                    <ReviewPanel console={state} base={absolute} batch={*batch} {on_batch} timeout_secs={*timeout_secs} {on_timeout}
                        {on_apply} {on_new_token} {on_discard} />
                </div>
            }
            if *importing {
                <ImportDialog on_msg={on_msg.clone()} on_close={close_import} />
            }
            <ActivityLog entries={console.log.clone()} />
        </div>
    }
}
