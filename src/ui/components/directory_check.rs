//! "Check against the directory": the configuration's entries that are no
//! longer in the directory (stale) and those with another name there
//! (renamed), with one action to stage each kind. Nothing is staged
//! without that action.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::resolve::{check, DirectoryCheck};
use crate::model::{Action, ApiError, Table};
use crate::ui::net::access::Access;
use crate::ui::state::Msg;
use crate::ui::use_lang;

/// Where a check stands.
#[derive(Clone, PartialEq)]
pub enum CheckState {
    /// The directory is being read.
    Reading,
    /// What the comparison found.
    Done(DirectoryCheck),
    /// The directory could not be read.
    Failed(ApiError),
}

/// Reads the whole directory and compares the loaded table with it; where
/// that stands goes to `checking`. On demand: called through
/// `on_demand::run`.
pub fn start((checking, access, table): (UseStateHandle<Option<CheckState>>, Access, Rc<Table>)) {
    checking.set(Some(CheckState::Reading));
    wasm_bindgen_futures::spawn_local(async move {
        checking.set(Some(match access.read_all().await {
            Ok(directory) => CheckState::Done(check(table.loaded(), &directory)),
            Err(e) => CheckState::Failed(e),
        }));
    });
}

/// Props of [`DirectoryCheckPanel`].
#[derive(Properties, PartialEq)]
pub struct DirectoryCheckProps {
    /// The check.
    pub state: CheckState,
    /// Staging.
    pub on_msg: Callback<Msg>,
    /// Closes the panel.
    pub on_close: Callback<()>,
}

/// The panel.
#[function_component(DirectoryCheckPanel)]
pub fn directory_check_panel(p: &DirectoryCheckProps) -> Html {
    let lang = use_lang();
    // Each kind is staged once; its button then says so.
    let staged = use_state(|| (false, false));
    let body = match &p.state {
        CheckState::Reading => html! { <p role="status">{ t(lang, T::ReadingDirectory) }</p> },
        CheckState::Failed(e) => {
            html! { <div class="hu-error" role="alert">{ e.message_in(lang) }</div> }
        }
        CheckState::Done(c) if c.stale.is_empty() && c.renamed.is_empty() => {
            html! { <p class="hu-success" role="status">{ t(lang, T::DirectoryClean) }</p> }
        }
        CheckState::Done(c) => {
            let (deletions, renames) = (c.deletions(), c.renames());
            let (nd, nr) = (deletions.len(), renames.len());
            let stage_deletions = {
                let (on_msg, staged) = (p.on_msg.clone(), staged.clone());
                Callback::from(move |_| {
                    on_msg.emit(Msg::Table(Action::Delete(deletions.clone())));
                    staged.set((true, staged.1));
                })
            };
            let stage_renames = {
                let (on_msg, staged) = (p.on_msg.clone(), staged.clone());
                Callback::from(move |_| {
                    on_msg.emit(Msg::Table(Action::Add(renames.clone())));
                    staged.set((staged.0, true));
                })
            };
            html! {
                <>
                    if nd > 0 {
                        <p>{ tf(lang, T::StaleHeading, &[("n", &nd)]) }</p>
                        <ul class="hu-stale">{ for c.stale.iter().map(|u| html! { <li>{ match u.name() {
                            "" => u.id().to_string(),
                            name => format!("{} ({name})", u.id()),
                        } }</li> }) }</ul>
                        <button type="button" class="hu-danger" onclick={stage_deletions} disabled={staged.0}>{ tf(lang, T::StageDeletions, &[("n", &nd)]) }</button>
                    }
                    if nr > 0 {
                        <p>{ tf(lang, T::RenamedHeading, &[("n", &nr)]) }</p>
                        <ul class="hu-renamed-list">{ for c.renamed.iter().map(|r| html! {
                            <li>{ tf(lang, T::RenamedLine, &[("id", &r.id), ("from", &r.from), ("to", &r.to)]) }</li>
                        }) }</ul>
                        <button type="button" class="hu-secondary" onclick={stage_renames} disabled={staged.1}>{ tf(lang, T::StageRenames, &[("n", &nr)]) }</button>
                    }
                </>
            }
        }
    };
    html! {
        <section class="hu-dir-check" aria-labelledby="hu-dir-check-title">
            <h2 id="hu-dir-check-title">{ t(lang, T::CheckDirectory) }</h2>
            { body }
            <div class="hu-actions">
                <button type="button" class="hu-secondary" onclick={p.on_close.reform(|_| ())}>{ t(lang, T::Close) }</button>
            </div>
        </section>
    }
}
