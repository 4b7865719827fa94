//! "Copy users to…" and "Make another match this one…": read a target
//! configuration of the project, plan in the model (adds only, or adds,
//! renames and deletes), refuse what would pass the 1000-user cap, else
//! stage the plan on the target and open it for the normal review.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::connection::Connection;
use crate::model::paging::PagedRead;
use crate::model::sync::{copy_plan, match_plan, Staging, SyncPlan};
use crate::model::table::id_map;
use crate::model::{ApiError, Page, Table};
use crate::ui::browser::focus::{dialog_keys, use_dialog_focus};
use crate::ui::browser::storage;
use crate::ui::net::access::Access;
use crate::ui::net::api::DEFAULT_TIMEOUT_MS;
use crate::ui::net::flows::{list_configs, Dispatch};
use crate::ui::net::reads::{read_pages, OnProgress, ReadEvents};
use crate::ui::state::{Key, Msg};
use crate::ui::use_lang;

/// Copy (adds only) or match (the target ends equal to this one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    /// "Copy users to…".
    Copy,
    /// "Make another match this one…".
    Match,
}

/// Props of [`SyncDialog`].
#[derive(Properties, PartialEq)]
pub struct SyncDialogProps {
    /// Copy or match.
    pub mode: SyncMode,
    /// The connection (its configuration is the source) and tokens.
    pub access: Access,
    /// The source: its server users are copied.
    pub table: Rc<Table>,
    /// Activity log entries of the target's reads.
    pub dispatch: Dispatch,
    /// The plan is staged on this target configuration: open it.
    pub on_staged: Callback<String>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
    /// Gets the focus back when the dialog closes.
    #[prop_or_default]
    pub return_focus: NodeRef,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Reading(usize),
    Said(String),
}

/// Reads `target`, plans against `source` and stages the plan there (with
/// any work already staged on it); the target and the plan, or why nothing
/// was staged.
async fn prepare(
    p: (SyncMode, Access, Rc<Table>, Dispatch),
    target: String,
    lang: Lang,
    on_read: &OnProgress<'_>,
) -> Result<Result<(Key, SyncPlan), String>, ApiError> {
    let (mode, access, source, dispatch) = p;
    let access = Access {
        connection: Connection {
            config: target,
            ..access.connection
        },
        ..access
    };
    let ready = access.ready().await?;
    let key = (ready.project.clone(), ready.config.clone());
    let mut read = PagedRead::expecting(storage::load_count(&key));
    let events = ReadEvents {
        timeout_ms: DEFAULT_TIMEOUT_MS,
        dispatch: &dispatch,
        on_progress: on_read,
        on_retry: &|_| {},
    };
    read_pages(&ready, &mut read, &access.lifetime, &events)
        .await
        .map_err(|e| e.error)?;
    let users = read.users();
    let target_users = id_map(users.iter().cloned());
    let plan = match mode {
        SyncMode::Copy => copy_plan(source.loaded(), &target_users),
        SyncMode::Match => match_plan(source.loaded(), &target_users),
    };
    if let Err(e) = plan.check_cap(target_users.len()) {
        return Ok(Err(e.message_in(lang)));
    }
    if !plan.is_empty() {
        let mut table = Table::with_staged(users, storage::load_staged(&key));
        for action in plan.actions() {
            table.apply(action);
        }
        storage::save_staged(&key, table.staged());
    }
    Ok(Ok((key, plan)))
}

/// The copy or match dialog.
#[function_component(SyncDialog)]
pub fn sync_dialog(p: &SyncDialogProps) -> Html {
    let lang = use_lang();
    let configs = use_state(|| None::<Result<Vec<String>, String>>);
    let target = use_state(String::new);
    let status = use_state(|| Status::Idle);
    let dialog = use_node_ref();
    let picker = use_node_ref();
    use_dialog_focus(picker.clone(), p.return_focus.clone());
    {
        let (configs, access) = (configs.clone(), p.access.clone());
        let current = p.access.connection.config.trim().to_string();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let listed = match access.ready().await {
                    Ok(r) => list_configs(r.base, r.project, r.token, access.lifetime.clone())
                        .await
                        .map(|all| {
                            all.into_iter()
                                .map(|c| c.id)
                                .filter(|id| *id != current)
                                .collect()
                        }),
                    Err(e) => Err(e),
                };
                configs.set(Some(listed.map_err(|e| e.message_in(lang))));
            });
        });
    }
    let on_pick = {
        let target = target.clone();
        Callback::from(move |e: Event| {
            target.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let on_prepare = {
        let (target, status) = (target.clone(), status.clone());
        let args = (
            p.mode,
            p.access.clone(),
            p.table.clone(),
            p.dispatch.clone(),
        );
        let (on_staged, dispatch) = (p.on_staged.clone(), p.dispatch.clone());
        Callback::from(move |_| {
            let (target, status, args) = ((*target).clone(), status.clone(), args.clone());
            let (on_staged, dispatch) = (on_staged.clone(), dispatch.clone());
            status.set(Status::Reading(0));
            wasm_bindgen_futures::spawn_local(async move {
                let progress = status.clone();
                let on_read = move |n: usize, _, _: &[Page]| progress.set(Status::Reading(n));
                match prepare(args, target.clone(), lang, &on_read).await {
                    Err(e) => status.set(Status::Said(e.message_in(lang))),
                    Ok(Err(refused)) => status.set(Status::Said(refused)),
                    Ok(Ok((_, plan))) if plan.is_empty() => {
                        status.set(Status::Said(t(lang, T::SyncNothing).to_string()))
                    }
                    Ok(Ok((key, plan))) => {
                        dispatch.dispatch(Msg::NoticeOnLoad(key, plan.staged_notice(&target)));
                        on_staged.emit(target);
                    }
                }
            });
        })
    };
    let title = match p.mode {
        SyncMode::Copy => T::CopyTitle,
        SyncMode::Match => T::MatchTitle,
    };
    let source_n = p.table.loaded().len();
    let reading = matches!(*status, Status::Reading(_));
    let on_cancel = p.on_close.reform(|_| ());
    let on_key = dialog_keys(&dialog, &p.on_close);
    html! {
        <div class="hu-dialog" role="dialog" aria-modal="true" aria-labelledby="hu-sync-title" onkeydown={on_key} ref={dialog}>
            <h2 id="hu-sync-title">{ t(lang, title) }</h2>
            <p class="hu-hint">{ tf(lang, T::SyncHint, &[("n", &source_n)]) }</p>
            <label for="hu-sync-target">{ t(lang, T::SyncTarget) }</label>
            <select id="hu-sync-target" onchange={on_pick} ref={picker} disabled={reading}>
                <option value="" selected={target.is_empty()}>{ t(lang, T::SyncChoose) }</option>
                if let Some(Ok(ids)) = &*configs {
                    { for ids.iter().map(|id| html! {
                        <option value={id.clone()} selected={*id == *target}>{ id.clone() }</option>
                    }) }
                }
            </select>
            <p class="hu-import-summary" role="status" aria-live="polite">
                { match (&*configs, &*status) {
                    (None, _) => t(lang, T::SyncListing).to_string(),
                    (Some(Err(e)), _) => e.clone(),
                    (Some(Ok(ids)), Status::Idle) if ids.is_empty() => t(lang, T::SyncNoOther).to_string(),
                    (_, Status::Reading(n)) => tf(lang, T::SyncReading, &[("n", n)]),
                    (_, Status::Said(s)) => s.clone(),
                    _ => String::new(),
                } }
            </p>
            <div class="hu-actions">
                <button type="button" class="hu-primary" disabled={target.is_empty() || reading} onclick={on_prepare}>
                    { t(lang, T::SyncPrepare) }
                </button>
                <button type="button" class="hu-secondary" onclick={on_cancel}>{ t(lang, T::Cancel) }</button>
            </div>
        </div>
    }
}
