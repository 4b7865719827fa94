//! What "Export plan" and "Open plan" do, loaded on demand (see
//! `on_demand::run`): the plan file's model is only needed once the admin
//! uses one of them.

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::plan_file::PlanFile;
use crate::model::table::user_info;
use crate::model::Action;
use crate::ui::browser::files::download;
use crate::ui::components::plan_tools::{Opened, PlanToolsProps};
use crate::ui::state::Msg;

/// Downloads the staged work as a plan file.
pub fn export(p: PlanToolsProps) {
    let plan = PlanFile::new(
        &p.project,
        &p.config,
        js_sys::Date::now() as u64,
        p.table.loaded(),
        p.table.staged(),
    );
    download(
        &format!("hotspot-users-plan-{}.json", p.config),
        "application/json",
        &plan.to_json(),
    );
}

/// Opens the plan file's `text`: what it did goes to `opened`.
pub fn open(
    (text, p, opened, lang): (String, PlanToolsProps, UseStateHandle<Option<Opened>>, Lang),
) {
    opened.set(Some(check_and_stage(&text, &p, lang)));
}

/// Checks `text` as a plan for the loaded configuration; stages it.
fn check_and_stage(text: &str, p: &PlanToolsProps, lang: Lang) -> Opened {
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
