//! "Add from directory": search the Workspace user directory as you type,
//! page through the results, select users and stage them with their exact
//! id and name. An earlier search's late answer never replaces a newer one.

use std::collections::BTreeMap;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::directory::DirectoryUser;
use crate::model::notice::Notice;
use crate::model::resolve::{mark, Mark};
use crate::model::table::user_info;
use crate::model::{Action, ApiError, Page, Table};
use crate::ui::browser::focus::{dialog_keys, use_dialog_focus};
use crate::ui::net::access::Access;
use crate::ui::state::Msg;
use crate::ui::use_lang;

/// Results per page of the dialog.
const PAGE: u32 = 20;
/// Quiet time after a keystroke before searching.
const DEBOUNCE_MS: u32 = 100;

/// Props of [`DirectoryDialog`].
#[derive(Properties, PartialEq)]
pub struct DirectoryDialogProps {
    /// Where the directory is.
    pub access: Access,
    /// The table, to mark users already in it or staged.
    pub table: Rc<Table>,
    /// Staging and notices.
    pub on_msg: Callback<Msg>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
    /// Gets the focus back when the dialog closes.
    #[prop_or_default]
    pub return_focus: NodeRef,
}

/// The latest search's results.
#[derive(Clone, PartialEq, Default)]
struct Found {
    query: String,
    users: Vec<DirectoryUser>,
    total: u32,
    searching: bool,
    error: Option<ApiError>,
}

fn mark_text(m: Mark) -> Option<T> {
    match m {
        Mark::Absent => None,
        Mark::InConfiguration => Some(T::InConfiguration),
        Mark::StagedToAdd => Some(T::StagedToAdd),
        Mark::StagedToDelete => Some(T::StagedToDelete),
    }
}

/// Runs search number `seq` for `query` from `offset`; its answer is kept
/// only while it is still the latest.
fn run_search(
    access: Access,
    found: UseStateHandle<Found>,
    latest: Rc<std::cell::Cell<u64>>,
    seq: u64,
    query: String,
    offset: u32,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let page = Page {
            offset,
            limit: PAGE,
        };
        let reply = access.search(&query, page).await;
        if latest.get() != seq {
            return;
        }
        let mut next = if offset == 0 {
            Found {
                query,
                ..Found::default()
            }
        } else {
            (*found).clone()
        };
        next.searching = false;
        match reply {
            Ok(r) => {
                next.total = r.total_count;
                next.users.extend(r.users);
                next.error = None;
            }
            Err(e) => next.error = Some(e),
        }
        found.set(next);
    });
}

/// The dialog.
#[function_component(DirectoryDialog)]
pub fn directory_dialog(p: &DirectoryDialogProps) -> Html {
    let lang = use_lang();
    let query = use_state(String::new);
    let found = use_state(Found::default);
    // Chosen users, id to user name (the same map type as the table's).
    let selected = use_state(BTreeMap::<String, String>::new);
    let latest = use_mut_ref(|| Rc::new(std::cell::Cell::new(0u64)));
    let latest = latest.borrow().clone();
    let pending = use_mut_ref(|| None::<Timeout>);
    let dialog = use_node_ref();
    let search_box = use_node_ref();
    use_dialog_focus(search_box.clone(), p.return_focus.clone());
    let on_input = {
        let (query, found, latest, pending, access) = (
            query.clone(),
            found.clone(),
            latest.clone(),
            pending.clone(),
            p.access.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let q = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            query.set(q.clone());
            let seq = latest.get() + 1;
            latest.set(seq);
            found.set(Found {
                searching: true,
                ..(*found).clone()
            });
            let (found, latest, access) = (found.clone(), latest.clone(), access.clone());
            // Typing again cancels the search not yet sent.
            *pending.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                run_search(access, found, latest, seq, q, 0);
            }));
        })
    };
    let on_more = {
        let (found, latest, access) = (found.clone(), latest.clone(), p.access.clone());
        Callback::from(move |_| {
            let seq = latest.get() + 1;
            latest.set(seq);
            let offset = found.users.len() as u32;
            let q = found.query.clone();
            found.set(Found {
                searching: true,
                ..(*found).clone()
            });
            run_search(
                access.clone(),
                found.clone(),
                latest.clone(),
                seq,
                q,
                offset,
            );
        })
    };
    let toggle = |u: DirectoryUser| {
        let selected = selected.clone();
        Callback::from(move |_: Event| {
            let mut s = (*selected).clone();
            if s.remove(&u.id).is_none() {
                s.insert(u.id.clone(), u.user_name.clone());
            }
            selected.set(s);
        })
    };
    let n = selected.len();
    let on_stage = {
        let (selected, on_msg, on_close) = (selected.clone(), p.on_msg.clone(), p.on_close.clone());
        Callback::from(move |_| {
            let users: Vec<_> = selected
                .iter()
                .map(|(id, name)| user_info(id, name))
                .collect();
            on_msg.emit(Msg::Notice(Notice::text(
                T::StagedFromDirectory,
                &[("n", &users.len())],
            )));
            on_msg.emit(Msg::Table(Action::Add(users)));
            on_close.emit(());
        })
    };
    let on_key = dialog_keys(&dialog, &p.on_close);
    let row = |u: &DirectoryUser| {
        let m = mark(&p.table, &u.id);
        let takeable = matches!(m, Mark::Absent | Mark::StagedToDelete);
        let label = tf(lang, T::SelectUser, &[("id", &u.user_name)]);
        html! {
            <li key={u.id.clone()} class="hu-dir-user">
                <label>
                    <input type="checkbox" checked={selected.contains_key(&u.id)} disabled={!takeable}
                        onchange={toggle(u.clone())} aria-label={label} />
                    <span class="hu-dir-name">{ &u.user_name }</span>
                </label>
                <span class="hu-hint">{ &u.user_email }</span>
                <span class="hu-hint">{ &u.description }</span>
                if u.disabled { <span class="hu-badge">{ t(lang, T::Disabled) }</span> }
                if u.locked { <span class="hu-badge">{ t(lang, T::Locked) }</span> }
                if let Some(text) = mark_text(m) { <span class="hu-badge hu-mark">{ t(lang, text) }</span> }
            </li>
        }
    };
    let f = &*found;
    let more = (f.users.len() as u32) < f.total;
    html! {
        <div class="hu-dialog" role="dialog" aria-modal="true" aria-labelledby="hu-dir-title" onkeydown={on_key} ref={dialog}>
            <h2 id="hu-dir-title">{ t(lang, T::AddFromDirectory) }</h2>
            <label for="hu-dir-search">{ t(lang, T::SearchByName) }</label>
            <input id="hu-dir-search" type="search" value={(*query).clone()} oninput={on_input} ref={search_box}
                autocomplete="off" aria-describedby="hu-dir-status" />
            <p id="hu-dir-status" class="hu-hint" role="status">
                { if f.searching { t(lang, T::Searching).to_string() }
                  else if f.query.is_empty() && f.users.is_empty() { t(lang, T::SearchHint).to_string() }
                  else { tf(lang, T::DirectoryResults, &[("shown", &f.users.len()), ("total", &f.total)]) } }
            </p>
            if let Some(e) = &f.error {
                <div class="hu-error" role="alert">{ e.message_in(lang) }</div>
            }
            <ul class="hu-dir-results" aria-label={t(lang, T::DirectoryUsers)}>
                { for f.users.iter().map(row) }
            </ul>
            if more {
                <button type="button" class="hu-secondary" onclick={on_more} disabled={f.searching}>{ t(lang, T::More) }</button>
            }
            <div class="hu-actions">
                <button type="button" class="hu-primary" disabled={n == 0} onclick={on_stage}>
                    { tf(lang, T::StageN, &[("n", &n)]) }
                </button>
                <button type="button" class="hu-secondary" onclick={p.on_close.reform(|_| ())}>{ t(lang, T::Cancel) }</button>
            </div>
        </div>
    }
}
