//! The activity log: every request of this session, exportable as JSON.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::activity::{to_json, LogEntry};
use crate::ui::browser::files::download;
use crate::ui::use_lang;

/// Props of [`ActivityLog`].
#[derive(Properties, PartialEq)]
pub struct ActivityLogProps {
    /// The entries, oldest first.
    pub entries: Rc<Vec<LogEntry>>,
}

/// The activity log.
#[function_component(ActivityLog)]
pub fn activity_log(p: &ActivityLogProps) -> Html {
    let lang = use_lang();
    let on_export = {
        let entries = p.entries.clone();
        Callback::from(move |_| {
            download(
                "hotspot-users-activity.json",
                "application/json",
                &to_json(&entries),
            )
        })
    };
    html! {
        <details class="hu-activity">
            <summary>{ tf(lang, T::Activity, &[("n", &p.entries.len())]) }</summary>
            <button type="button" class="hu-secondary" onclick={on_export} disabled={p.entries.is_empty()}>
                { t(lang, T::ExportJson) }
            </button>
            <table>
                <thead><tr><th>{ t(lang, T::Time) }</th><th>{ t(lang, T::Kind) }</th><th>{ t(lang, T::UserCount) }</th>
                    <th>{ t(lang, T::Status) }</th><th>{ t(lang, T::RequestId) }</th><th>{ t(lang, T::Attempts) }</th></tr></thead>
                <tbody>
                    { for p.entries.iter().rev().map(|e| html! {
                        <tr title={e.error.clone().unwrap_or_default()}>
                            <td>{ &e.time }</td><td>{ &e.kind }</td><td>{ e.users }</td>
                            <td>{ e.status.map_or(t(lang, T::NoResponse).to_string(), |s| s.to_string()) }</td>
                            <td>{ e.request_id.clone().unwrap_or_default() }</td><td>{ e.attempts }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}
