//! The configuration's own tools under the connection form: its settings,
//! and a new configuration in the project.

use yew::prelude::*;

use crate::i18n::{t, T};
use crate::model::UserInfo;
use crate::ui::browser::on_demand;
use crate::ui::components::new_config::NewConfigPanel;
use crate::ui::components::settings_form::Writer;
use crate::ui::components::settings_panel::SettingsPanel;
use crate::ui::use_lang;

/// Props of [`ConfigTools`].
#[derive(Properties, PartialEq)]
pub struct ConfigToolsProps {
    /// What the panels write with.
    pub writer: Writer,
    /// The staged additions.
    pub staged: Vec<UserInfo>,
    /// Settings saved or a configuration created: lists are stale.
    pub on_saved: Callback<()>,
    /// A configuration was created: choose and load it.
    pub on_created: Callback<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Settings,
    New,
}

/// Two buttons and the panel they open.
#[function_component(ConfigTools)]
pub fn config_tools(p: &ConfigToolsProps) -> Html {
    let lang = use_lang();
    let open = use_state(|| Open::Nothing);
    let toggle = |which: Open| {
        let open = open.clone();
        let dispatch = p.writer.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if *open == which {
                open.set(Open::Nothing);
            } else {
                let (open, dispatch) = (open.clone(), dispatch.clone());
                on_demand::open(move |m| dispatch.dispatch(m), move || open.set(which));
            }
        })
    };
    // Both panels read or write with the token: their buttons wait for one
    // (typed, or supplied by the host page), like Load does.
    let access = &p.writer.access;
    let usable = access.connection.counting_supplied(access.tokens.is_some());
    let project = usable.project_ready().map(|(_, project, _)| project);
    let has_config = usable.ready().is_some();
    let on_created = {
        let (open, done, saved) = (open.clone(), p.on_created.clone(), p.on_saved.clone());
        Callback::from(move |id: String| {
            open.set(Open::Settings);
            saved.emit(());
            done.emit(id);
        })
    };
    html! {
        <div class="hu-config-tools">
            <div class="hu-actions">
                <button type="button" class="hu-secondary" disabled={!has_config} onclick={toggle(Open::Settings)}
                    aria-expanded={(*open == Open::Settings).to_string()}>{ t(lang, T::SettingsButton) }</button>
                <button type="button" class="hu-secondary" disabled={project.is_none()} onclick={toggle(Open::New)}
                    aria-expanded={(*open == Open::New).to_string()}>{ t(lang, T::NewConfigButton) }</button>
            </div>
            { match (*open, project) {
                (Open::Settings, _) if has_config => html! {
                    <SettingsPanel writer={p.writer.clone()} on_saved={p.on_saved.clone()} />
                },
                (Open::New, Some(project)) => html! {
                    <NewConfigPanel writer={p.writer.clone()} {project} staged={p.staged.clone()} {on_created} />
                },
                _ => html! {},
            } }
        </div>
    }
}
