//! Change plans as files: "Export plan" writes the staged work as a
//! versioned JSON document; "Open plan" checks one against the loaded
//! configuration as it is now, lists what changed on the server since, and
//! stages it for the normal review.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::plan_file::PlanFile;
use crate::model::table::user_info;
use crate::model::{Action, Table};
use crate::ui::browser::files::{download, picked_text};
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
enum Opened {
    Refused(String),
    Staged {
        summary: String,
        changed: Vec<String>,
        note: String,
    },
}

/// Checks `text` as a plan for the loaded configuration; stages it.
fn open(text: &str, p: &PlanToolsProps, lang: Lang) -> Opened {
    if p.table.is_dirty() {
        return Opened::Refused(t(lang, T::PlanDirty).to_string());
    }
    let checked = PlanFile::parse(text).and_then(|plan| {
        let checked = plan.check(&p.project, &p.config, p.table.loaded())?;
        Ok((plan, checked))
    });
    let (plan, checked) = match checked {
        Ok(c) => c,
        Err(e) => return Opened::Refused(e.message_in(lang)),
    };
    let loaded = p.table.loaded();
    let renames = checked
        .staged
        .adds
        .keys()
        .filter(|id| loaded.contains_key(*id))
        .count();
    let adds: Vec<_> = checked
        .staged
        .adds
        .iter()
        .map(|(id, name)| user_info(id, name))
        .collect();
    let summary = tf(
        lang,
        T::PlanOpened,
        &[
            ("adds", &(adds.len() - renames)),
            ("renames", &renames),
            ("deletes", &checked.staged.deletes.len()),
        ],
    );
    let deletes: Vec<String> = checked.staged.deletes.iter().cloned().collect();
    p.on_msg.emit(Msg::Table(Action::Add(adds)));
    p.on_msg.emit(Msg::Table(Action::Delete(deletes)));
    let note = if checked.unchanged {
        t(lang, T::PlanUnchanged).to_string()
    } else if checked.changed_since.is_empty() {
        tf(
            lang,
            T::PlanChangedOthers,
            &[("then", &plan.fingerprint.users), ("now", &loaded.len())],
        )
    } else {
        t(lang, T::PlanChangedSince).to_string()
    };
    Opened::Staged {
        summary,
        changed: checked
            .changed_since
            .iter()
            .map(|d| d.message_in(lang))
            .collect(),
        note,
    }
}

/// "Export plan" and "Open plan", with what the last opening found.
#[function_component(PlanTools)]
pub fn plan_tools(p: &PlanToolsProps) -> Html {
    let lang = use_lang();
    let opened = use_state(|| None::<Opened>);
    let on_export = {
        let (project, config, table) = (p.project.clone(), p.config.clone(), p.table.clone());
        Callback::from(move |_| {
            let plan = PlanFile::new(
                &project,
                &config,
                js_sys::Date::now() as u64,
                table.loaded(),
                table.staged(),
            );
            download(
                &format!("hotspot-users-plan-{config}.json"),
                "application/json",
                &plan.to_json(),
            );
        })
    };
    let on_open = {
        let (opened, props) = (opened.clone(), p.clone());
        Callback::from(move |e: Event| {
            let Some(text) = picked_text(&e) else {
                return;
            };
            let (opened, props) = (opened.clone(), props.clone());
            wasm_bindgen_futures::spawn_local(async move {
                opened.set(Some(open(&text.await, &props, lang)));
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
            <label for="hu-plan-file">{ t(lang, T::PlanOpen) }</label>
            <input id="hu-plan-file" type="file" accept=".json,application/json" onchange={on_open} />
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
