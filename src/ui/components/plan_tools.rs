//! Change plans as files: "Export plan" writes the staged work as a
//! versioned JSON document; "Open plan" checks one against the loaded
//! configuration as it is now, lists what changed on the server since, and
//! stages it for the normal review.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, T};
use crate::model::Table;
use crate::ui::browser::files::picked_text;
use crate::ui::browser::on_demand;
use crate::ui::components::plan_actions;
use crate::ui::state::Msg;
use crate::ui::use_lang;

/// Props of [`PlanTools`].
#[derive(Properties, PartialEq, Clone)]
pub struct PlanToolsProps {
    /// Project id of the loaded configuration.
    pub project: AttrValue,
    /// Its id.
    pub config: AttrValue,
    /// The loaded table.
    pub table: Rc<Table>,
    /// Staging.
    pub on_msg: Callback<Msg>,
}

/// What opening a plan did.
#[derive(Clone, PartialEq)]
pub enum Opened {
    Refused(String),
    Staged {
        summary: String,
        changed: Vec<String>,
        note: String,
    },
}

/// "Export plan" and "Open plan", with what the last opening found.
#[function_component(PlanTools)]
pub fn plan_tools(p: &PlanToolsProps) -> Html {
    let lang = use_lang();
    let opened = use_state(|| None::<Opened>);
    let on_export = {
        let props = p.clone();
        Callback::from(move |_| on_demand::run(&props.on_msg, plan_actions::export, props.clone()))
    };
    let on_open = {
        let (opened, props) = (opened.clone(), p.clone());
        Callback::from(move |e: Event| {
            let Some(text) = picked_text(&e) else {
                return;
            };
            let (opened, props) = (opened.clone(), props.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = text.await;
                let on_msg = props.on_msg.clone();
                on_demand::run(&on_msg, plan_actions::open, (text, props, opened, lang));
            });
        })
    };
    let on_dismiss = {
        let opened = opened.clone();
        Callback::from(move |_| opened.set(None))
    };
    html! {
        <div class="hu-plan-tools">
            <button type="button" class="hu-secondary" disabled={!p.table.is_dirty()} onclick={on_export}>
                { t(lang, T::PlanExport) }
            </button>
            <input id="hu-plan-file" class="hu-sr hu-file" type="file" accept=".json,application/json" onchange={on_open} />
            <label for="hu-plan-file">{ t(lang, T::PlanOpen) }</label>
            { match &*opened {
                None => html! {},
                Some(Opened::Refused(message)) => html! {
                    <div class="hu-error" role="alert">
                        <p>{ message.clone() }</p>
                        <button type="button" class="hu-secondary" onclick={on_dismiss}>{ t(lang, T::Dismiss) }</button>
                    </div>
                },
                Some(Opened::Staged { summary, changed, note }) => html! {
                    <div class="hu-plan-opened" role="status">
                        <p>{ summary.clone() }</p>
                        <p>{ note.clone() }</p>
                        if !changed.is_empty() {
                            <ul class="hu-drift">
                                { for changed.iter().map(|c| html! { <li>{ c.clone() }</li> }) }
                            </ul>
                        }
                        <button type="button" class="hu-secondary" onclick={on_dismiss}>{ t(lang, T::Dismiss) }</button>
                    </div>
                },
            } }
        </div>
    }
}
