//! "History…": the changes applied to this configuration from this browser,
//! each with "Revert…", which stages its inverse for the normal review; the
//! history's export and import as JSON.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::history::{revert, Change, History};
use crate::model::notice::Notice;
use crate::model::sync::Staging;
use crate::model::Table;
use crate::ui::browser::files::{download, picked_text};
use crate::ui::browser::focus::{dialog_keys, use_dialog_focus};
use crate::ui::browser::storage;
use crate::ui::state::Msg;
use crate::ui::use_lang;

/// Props of [`HistoryDialog`].
#[derive(Properties, PartialEq)]
pub struct HistoryDialogProps {
    /// Project id of the loaded configuration.
    pub project: AttrValue,
    /// Its id.
    pub config: AttrValue,
    /// The loaded table: a revert is computed against its server users.
    pub table: Rc<Table>,
    /// Staging and notices.
    pub on_msg: Callback<Msg>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
    /// Gets the focus back when the dialog closes.
    #[prop_or_default]
    pub return_focus: NodeRef,
}

fn by(c: &Change, lang: Lang) -> String {
    if c.by == "token" {
        t(lang, T::ByToken).to_string()
    } else {
        c.by.clone()
    }
}

/// The history dialog.
#[function_component(HistoryDialog)]
pub fn history_dialog(p: &HistoryDialogProps) -> Html {
    let lang = use_lang();
    let history = use_state(storage::load_history);
    // The chosen change (its place in the list shown) and the moved-on
    // users the admin includes.
    let chosen = use_state(|| None::<usize>);
    let include = use_state(Vec::<String>::new);
    let message = use_state(String::new);
    let dialog = use_node_ref();
    let close_button = use_node_ref();
    use_dialog_focus(close_button.clone(), p.return_focus.clone());

    let entries: Vec<&Change> = history.for_config(&p.project, &p.config).rev().collect();
    let choose = |i: usize| {
        let (chosen, include) = (chosen.clone(), include.clone());
        Callback::from(move |_| {
            chosen.set(Some(i));
            include.set(Vec::new());
        })
    };
    let change = chosen.and_then(|i| entries.get(i).map(|c| (*c).clone()));
    let inverse = change
        .as_ref()
        .map(|c| revert(c, p.table.loaded(), &include));
    let on_toggle = |id: String| {
        let include = include.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            let mut ids: Vec<String> = (*include).clone();
            ids.retain(|i| *i != id);
            if on {
                ids.push(id.clone());
            }
            include.set(ids);
        })
    };
    let on_stage = {
        let (inverse, change) = (inverse.clone(), change.clone());
        let (on_msg, on_close) = (p.on_msg.clone(), p.on_close.clone());
        Callback::from(move |_| {
            let (Some(inverse), Some(change)) = (&inverse, &change) else {
                return;
            };
            for action in inverse.actions() {
                on_msg.emit(Msg::Table(action));
            }
            on_msg.emit(Msg::Notice(Notice::text(
                T::RevertStaged,
                &[("when", &change.when())],
            )));
            on_close.emit(());
        })
    };
    let on_export = {
        let history = history.clone();
        Callback::from(move |_| {
            download(
                "hotspot-users-history.json",
                "application/json",
                &history.to_json(),
            )
        })
    };
    let on_import = {
        let (history, message, chosen) = (history.clone(), message.clone(), chosen.clone());
        Callback::from(move |e: Event| {
            let Some(text) = picked_text(&e) else {
                return;
            };
            let (history, message, chosen) = (history.clone(), message.clone(), chosen.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = text.await;
                match History::from_json(&text) {
                    Ok(imported) => {
                        let mut merged = storage::load_history();
                        let m = merged.merge(imported);
                        storage::save_history(&merged);
                        history.set(merged);
                        chosen.set(None);
                        message.set(tf(
                            lang,
                            T::HistoryImported,
                            &[
                                ("added", &m.added),
                                ("duplicates", &m.duplicates),
                                ("dropped", &m.dropped),
                            ],
                        ));
                    }
                    Err(e) => message.set(e.message_in(lang)),
                }
            });
        })
    };
    let on_cancel = p.on_close.reform(|_| ());
    let on_key = dialog_keys(&dialog, &p.on_close);
    html! {
        <div class="hu-dialog" role="dialog" aria-modal="true" aria-labelledby="hu-history-title" onkeydown={on_key} ref={dialog}>
            <h2 id="hu-history-title">{ t(lang, T::HistoryTitle) }</h2>
            <p class="hu-hint">{ t(lang, T::HistoryHint) }</p>
            if entries.is_empty() {
                <p>{ t(lang, T::HistoryEmpty) }</p>
            } else {
                <ol class="hu-history">
                    { for entries.iter().enumerate().map(|(i, c)| {
                        let label = tf(lang, T::RevertOf, &[("when", &c.when())]);
                        html! {
                            <li>
                                <span>{ tf(lang, T::HistoryEntry, &[("when", &c.when()), ("by", &by(c, lang)),
                                    ("added", &c.added.len()), ("deleted", &c.deleted.len()), ("renamed", &c.renamed.len())]) }</span>
                                if !c.request_ids.is_empty() {
                                    <span class="hu-hint">{ tf(lang, T::HistoryRequests, &[("ids", &c.request_ids.join(", "))]) }</span>
                                }
                                <button type="button" class="hu-secondary" aria-label={label} onclick={choose(i)}>{ t(lang, T::RevertButton) }</button>
                            </li>
                        }
                    }) }
                </ol>
            }
            if let (Some(c), Some(r)) = (&change, &inverse) {
                <section class="hu-revert" aria-labelledby="hu-revert-title">
                    <h3 id="hu-revert-title">{ tf(lang, T::RevertOf, &[("when", &c.when())]) }</h3>
                    if r.is_empty() && r.moved_on.is_empty() {
                        <p>{ t(lang, T::RevertNothing) }</p>
                    } else {
                        <p>{ tf(lang, T::RevertSummary, &[("adds", &r.adds.len()), ("deletes", &r.deletes.len())]) }</p>
                    }
                    if !r.moved_on.is_empty() {
                        <p>{ t(lang, T::RevertMovedOn) }</p>
                        <ul class="hu-moved">
                            { for r.moved_on.iter().map(|m| html! {
                                <li>
                                    <label>
                                        <input type="checkbox" checked={include.contains(&m.user_id)} onchange={on_toggle(m.user_id.clone())} />
                                        { t(lang, T::RevertInclude) }{ ": " }{ m.message_in(lang) }
                                    </label>
                                </li>
                            }) }
                        </ul>
                    }
                    <button type="button" class="hu-primary" disabled={r.is_empty()} onclick={on_stage}>{ t(lang, T::RevertStage) }</button>
                </section>
            }
            <p class="hu-import-summary" role="status" aria-live="polite">{ (*message).clone() }</p>
            <div class="hu-actions">
                <button type="button" class="hu-secondary" onclick={on_export}>{ t(lang, T::HistoryExport) }</button>
                <input id="hu-history-file" class="hu-sr hu-file" type="file" accept=".json,application/json" onchange={on_import} />
                <label for="hu-history-file">{ t(lang, T::HistoryImport) }</label>
                <button type="button" class="hu-secondary" onclick={on_cancel} ref={close_button}>{ t(lang, T::Close) }</button>
            </div>
        </div>
    }
}
