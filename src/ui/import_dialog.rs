//! The import dialog: paste text or pick a CSV file, see every problem line,
//! then stage only what the admin confirms.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::import::{parse, Import};
use crate::model::Action;
use crate::ui::state::Msg;
use crate::ui::use_lang;

/// Props of [`ImportDialog`].
#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// Staging and notices.
    pub on_msg: Callback<Msg>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
    /// Gets the focus back when the dialog closes (the button that opened it).
    #[prop_or_default]
    pub return_focus: NodeRef,
}

/// Keeps Tab and Shift+Tab inside `dialog`.
fn trap_tab(dialog: &NodeRef, e: &KeyboardEvent) {
    let Some(dialog) = dialog.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(list) =
        dialog.query_selector_all("button:not([disabled]), textarea, input, select, summary")
    else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
    let wrap_to = match (e.shift_key(), target) {
        (true, Some(t)) if &t == first => last,
        (false, Some(t)) if &t == last => first,
        _ => return,
    };
    e.prevent_default();
    let _ = wrap_to.focus();
}

/// The import dialog.
#[function_component(ImportDialog)]
pub fn import_dialog(p: &ImportDialogProps) -> Html {
    let lang = use_lang();
    let text = use_state(String::new);
    let dialog = use_node_ref();
    let textarea = use_node_ref();
    {
        let (textarea, return_focus) = (textarea.clone(), p.return_focus.clone());
        use_effect_with((), move |_| {
            if let Some(el) = textarea.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            move || {
                if let Some(el) = return_focus.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
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
            on_msg.emit(Msg::Notice(tf(
                lang,
                T::Imported,
                &[("n", &users.len()), ("problems", &problems.len())],
            )));
            on_msg.emit(Msg::Table(Action::Add(users)));
            on_close.emit(());
        })
    };
    let on_cancel = p.on_close.reform(|_| ());
    let on_key = {
        let (on_close, dialog) = (p.on_close.clone(), dialog.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => on_close.emit(()),
            "Tab" => trap_tab(&dialog, &e),
            _ => {}
        })
    };
    html! {
        <div class="hu-dialog" role="dialog" aria-modal="true" aria-labelledby="hu-import-title" onkeydown={on_key} ref={dialog}>
            <h2 id="hu-import-title">{ t(lang, T::ImportUsers) }</h2>
            <p class="hu-hint">{ t(lang, T::ImportHint) }</p>
            <label for="hu-import-text">{ t(lang, T::PasteUsers) }</label>
            <textarea id="hu-import-text" rows="8" value={(*text).clone()} oninput={on_paste} ref={textarea}></textarea>
            <label for="hu-import-file">{ t(lang, T::ChooseFile) }</label>
            <input id="hu-import-file" type="file" accept=".csv,.txt,text/csv,text/plain" onchange={on_file} />
            <p class="hu-import-summary" aria-live="polite">
                { tf(lang, T::ImportSummary, &[("n", &n), ("problems", &result.problems.len())]) }
                { if result.header { t(lang, T::HeaderRecognised) } else { "" } }
            </p>
            if !result.problems.is_empty() {
                <ul class="hu-problems" aria-label={t(lang, T::Problems)}>
                    { for result.problems.iter().map(|pr| html! { <li>{ pr.message_in(lang) }</li> }) }
                </ul>
            }
            <div class="hu-actions">
                <button type="button" class="hu-primary" disabled={n == 0} onclick={on_confirm}>
                    { tf(lang, T::StageN, &[("n", &n)]) }
                </button>
                <button type="button" class="hu-secondary" onclick={on_cancel}>{ t(lang, T::Cancel) }</button>
            </div>
        </div>
    }
}
