//! The console's top-level component.

use yew::prelude::*;

use crate::model::{ApiBase, ConfigId, ListNonMigrationUsersResponse, Page, ProjectId, UserInfo};
use crate::ui::api;

#[derive(Clone, PartialEq)]
enum Load {
    Idle,
    Loading,
    Done(Vec<UserInfo>),
    Failed(String),
}

/// The console.
#[function_component(App)]
pub fn app() -> Html {
    let project = use_state(String::new);
    let config = use_state(String::new);
    let token = use_state(String::new);
    let load = use_state(|| Load::Idle);

    let on_input = |state: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.set(input.value());
        })
    };

    let on_load = {
        let (project, config, token, load) =
            (project.clone(), config.clone(), token.clone(), load.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Ok(p), Ok(c)) = (ProjectId::parse(&project), ConfigId::parse(&config)) else {
                load.set(Load::Failed(
                    "Enter a project ID and a configuration ID.".into(),
                ));
                return;
            };
            let token = (*token).clone();
            let load = load.clone();
            load.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let mut users = Vec::new();
                let mut page = Page::first();
                loop {
                    let url = ApiBase::default().list_users(&p, &c, None, page);
                    match api::get_json::<ListNonMigrationUsersResponse>(&url, &token).await {
                        Ok(reply) => {
                            let n = reply.body.non_migrate_users.len() as u32;
                            users.extend(reply.body.non_migrate_users);
                            if n < page.limit {
                                break;
                            }
                            page = page.next();
                        }
                        Err(e) => {
                            load.set(Load::Failed(e.message()));
                            return;
                        }
                    }
                }
                load.set(Load::Done(users));
            });
        })
    };

    html! {
        <main class="hu">
            <h1>{ "Users not migrated from hotspot sessions" }</h1>
            <form onsubmit={on_load}>
                <label>{ "Project ID" }<input id="project" value={(*project).clone()} oninput={on_input(project.clone())} /></label>
                <label>{ "Configuration ID" }<input id="config" value={(*config).clone()} oninput={on_input(config.clone())} /></label>
                <label>{ "Token" }<input id="token" type="password" autocomplete="off" value={(*token).clone()} oninput={on_input(token.clone())} /></label>
                <button type="submit">{ "Load" }</button>
            </form>
            { match &*load {
                Load::Idle => html! { <p>{ "Enter the IDs and a token, then Load." }</p> },
                Load::Loading => html! { <p role="status">{ "Loading…" }</p> },
                Load::Failed(msg) => html! { <p role="alert">{ msg }</p> },
                Load::Done(users) => html! { <crate::ui::app::UsersTable users={users.clone()} /> },
            } }
        </main>
    }
}

/// Props of [`UsersTable`].
#[derive(Properties, PartialEq)]
pub struct UsersTableProps {
    /// The rows.
    pub users: Vec<UserInfo>,
}

/// The users, one row each.
#[function_component(UsersTable)]
pub fn users_table(props: &UsersTableProps) -> Html {
    html! {
        <table class="hu-users">
            <caption>{ format!("{} users", props.users.len()) }</caption>
            <thead><tr><th>{ "User ID" }</th><th>{ "User name" }</th></tr></thead>
            <tbody>
            { for props.users.iter().map(|u| html! {
                <tr key={u.id().to_string()}><td>{ u.id() }</td><td>{ u.name() }</td></tr>
            }) }
            </tbody>
        </table>
    }
}
