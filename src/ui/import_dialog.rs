//! The import dialog: paste text or pick a CSV file, see every problem line,
//! then stage only what the admin confirms.

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::model::import::{parse, Import};
use crate::model::Action;
use crate::ui::state::Msg;

/// Props of [`ImportDialog`].
#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// Staging and notices.
    pub on_msg: Callback<Msg>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// The import dialog.
#[function_component(ImportDialog)]
pub fn import_dialog(p: &ImportDialogProps) -> Html {
    let text = use_state(String::new);
    let result = use_memo((*text).clone(), |t| parse(t));
    let on_paste = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            );
        })
    };
    let on_file = {
        let text = text.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(v) = JsFuture::from(file.text()).await {
                    text.set(v.as_string().unwrap_or_default());
                }
            });
        })
    };
    let n = result.users.len();
    let on_confirm = {
        let (result, on_msg, on_close) = (result.clone(), p.on_msg.clone(), p.on_close.clone());
        Callback::from(move |_| {
            let Import {
                users, problems, ..
            } = (*result).clone();
            on_msg.emit(Msg::Notice(format!(
                "Staged {} imported users; {} lines were not imported.",
                users.len(),
                problems.len()
            )));
            on_msg.emit(Msg::Table(Action::Add(users)));
            on_close.emit(());
        })
    };
    let on_cancel = p.on_close.reform(|_| ());
    let on_key = {
        let on_close = p.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    html! {
        <div class="hu-dialog" role="dialog" aria-modal="true" aria-labelledby="hu-import-title" onkeydown={on_key}>
            <h2 id="hu-import-title">{ "Import users" }</h2>
            <p class="hu-hint">{ "One user per line: a user ID, optionally followed by a name (comma, tab or semicolon). A header line and quotes are fine." }</p>
            <label for="hu-import-text">{ "Paste users" }</label>
            <textarea id="hu-import-text" rows="8" value={(*text).clone()} oninput={on_paste} autofocus=true></textarea>
            <label for="hu-import-file">{ "Or choose a CSV file" }</label>
            <input id="hu-import-file" type="file" accept=".csv,.txt,text/csv,text/plain" onchange={on_file} />
            <p class="hu-import-summary" aria-live="polite">
                { format!("{n} users ready to stage · {} lines with problems", result.problems.len()) }
                { if result.header { " · header line recognised" } else { "" } }
            </p>
            if !result.problems.is_empty() {
                <ul class="hu-problems" aria-label="Problems">
                    { for result.problems.iter().map(|pr| html! { <li>{ pr.message() }</li> }) }
                </ul>
            }
            <div class="hu-actions">
                <button type="button" class="hu-primary" disabled={n == 0} onclick={on_confirm}>
                    { format!("Stage {n} users") }
                </button>
                <button type="button" class="hu-secondary" onclick={on_cancel}>{ "Cancel" }</button>
            </div>
        </div>
    }
}
