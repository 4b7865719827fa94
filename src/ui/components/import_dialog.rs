//! The import dialog: paste text or pick a CSV file, see every problem line,
//! then stage only what the admin confirms.

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::import::{parse, Import};
use crate::model::notice::Notice;
use crate::model::resolve::Resolution;
use crate::model::Action;
use crate::ui::browser::focus::{dialog_keys, use_dialog_focus};
use crate::ui::net::access::Access;
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
    /// The directory, which resolves lines that name a user without an ID.
    #[prop_or_default]
    pub directory: Option<Access>,
}

/// Names looked up for one text: progress, then the resolution.
#[derive(Clone, PartialEq)]
enum Lookup {
    Running { done: usize, of: usize },
    Done(Resolution),
}

/// The import dialog.
#[function_component(ImportDialog)]
pub fn import_dialog(p: &ImportDialogProps) -> Html {
    let lang = use_lang();
    let text = use_state(String::new);
    let dialog = use_node_ref();
    let textarea = use_node_ref();
    use_dialog_focus(textarea.clone(), p.return_focus.clone());
    let result = use_memo((*text).clone(), |t| parse(t));
    // The lookup belongs to the text it was made for.
    let lookup = use_state(|| None::<(String, Lookup)>);
    let current = lookup
        .as_ref()
        .filter(|(for_text, _)| *for_text == *text)
        .map(|(_, l)| l.clone());
    let resolved = match &current {
        Some(Lookup::Done(r)) => r.clone(),
        _ => Resolution::default(),
    };
    let names_pending = !result.names.is_empty() && !matches!(current, Some(Lookup::Done(_)));
    let on_lookup = {
        let (lookup, names, text, access) = (
            lookup.clone(),
            result.names.clone(),
            (*text).clone(),
            p.directory.clone(),
        );
        Callback::from(move |_| {
            let Some(access) = access.clone() else { return };
            let (lookup, names, text) = (lookup.clone(), names.clone(), text.clone());
            lookup.set(Some((
                text.clone(),
                Lookup::Running {
                    done: 0,
                    of: names.len(),
                },
            )));
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let (lookup, text) = (lookup.clone(), text.clone());
                    move |done, of| lookup.set(Some((text.clone(), Lookup::Running { done, of })))
                };
                let (resolution, _) = access.resolve_names(&names, &progress).await;
                lookup.set(Some((text, Lookup::Done(resolution))));
            });
        })
    };
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
    let n = result.users.len() + resolved.users.len();
    let n_problems = result.problems.len() + resolved.unresolved.len();
    let on_confirm = {
        let (result, on_msg, on_close) = (result.clone(), p.on_msg.clone(), p.on_close.clone());
        let resolved = resolved.clone();
        Callback::from(move |_| {
            let Import {
                mut users,
                problems,
                ..
            } = (*result).clone();
            users.extend(resolved.users.iter().cloned());
            let problems = problems.len() + resolved.unresolved.len();
            on_msg.emit(Msg::Notice(Notice::text(
                T::Imported,
                &[("n", &users.len()), ("problems", &problems)],
            )));
            on_msg.emit(Msg::Table(Action::Add(users)));
            on_close.emit(());
        })
    };
    let on_cancel = p.on_close.reform(|_| ());
    let on_key = dialog_keys(&dialog, &p.on_close);
    html! {
        <div class="hu-dialog" role="dialog" aria-modal="true" aria-labelledby="hu-import-title" onkeydown={on_key} ref={dialog}>
            <h2 id="hu-import-title">{ t(lang, T::ImportUsers) }</h2>
            <p class="hu-hint">{ t(lang, T::ImportHint) }</p>
            <label for="hu-import-text">{ t(lang, T::PasteUsers) }</label>
            <textarea id="hu-import-text" rows="8" value={(*text).clone()} oninput={on_paste} ref={textarea}></textarea>
            <div>
                <input id="hu-import-file" class="hu-sr hu-file" type="file" accept=".csv,.txt,text/csv,text/plain" onchange={on_file} />
                <label for="hu-import-file">{ t(lang, T::ChooseFile) }</label>
            </div>
            <p class="hu-import-summary" aria-live="polite">
                { tf(lang, T::ImportSummary, &[("n", &n), ("problems", &n_problems)]) }
                { if result.header { t(lang, T::HeaderRecognised) } else { "" } }
                { if names_pending { tf(lang, T::NamesToLookUp, &[("n", &result.names.len())]) } else { String::new() } }
            </p>
            if names_pending {
                if let Some(Lookup::Running { done, of }) = &current {
                    <p class="hu-progress" role="status">
                        <progress max={of.to_string()} value={done.to_string()}></progress>
                        <span>{ tf(lang, T::LookingUp, &[("done", done), ("of", of)]) }</span>
                    </p>
                } else {
                    <button type="button" class="hu-secondary" onclick={on_lookup} disabled={p.directory.is_none()}>
                        { tf(lang, T::LookUpNames, &[("n", &result.names.len())]) }
                    </button>
                }
            }
            if n_problems > 0 {
                <ul class="hu-problems" aria-label={t(lang, T::Problems)}>
                    { for result.problems.iter().map(|pr| html! { <li>{ pr.message_in(lang) }</li> }) }
                    { for resolved.unresolved.iter().map(|u| html! { <li>{ u.message_in(lang) }</li> }) }
                </ul>
            }
            <div class="hu-actions">
                <button type="button" class="hu-primary" disabled={n == 0 || names_pending} onclick={on_confirm}>
                    { tf(lang, T::StageN, &[("n", &n)]) }
                </button>
                <button type="button" class="hu-secondary" onclick={on_cancel}>{ t(lang, T::Cancel) }</button>
            </div>
        </div>
    }
}
