//! The users table: filter, sort, select, delete and undo, with staged rows marked.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::view::{visible_rows, Column};
use crate::model::{Action, Row, RowStatus};
use crate::ui::state::{Console, Msg};

/// Props of [`UsersTable`].
#[derive(Properties, PartialEq)]
pub struct UsersTableProps {
    /// The console's state.
    pub console: Rc<Console>,
    /// Changes.
    pub on_msg: Callback<Msg>,
}

/// Props of [`UserRow`].
#[derive(Properties, PartialEq)]
struct UserRowProps {
    row: Row,
    selected: bool,
    on_msg: Callback<Msg>,
}

fn status_text(s: &RowStatus) -> (&'static str, String) {
    match s {
        RowStatus::Unchanged => ("", String::new()),
        RowStatus::Added => ("hu-added", "to add".into()),
        RowStatus::Renamed { from } => ("hu-renamed", format!("rename from “{from}”")),
        RowStatus::Deleted => ("hu-deleted", "to delete".into()),
    }
}

#[function_component(UserRow)]
fn user_row(p: &UserRowProps) -> Html {
    let id = p.row.id.clone();
    let on_select = {
        let (id, on_msg) = (id.clone(), p.on_msg.clone());
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            on_msg.emit(Msg::Select(id.clone(), on));
        })
    };
    let staged = p.row.status != RowStatus::Unchanged;
    let action = {
        let (id, on_msg) = (id.clone(), p.on_msg.clone());
        Callback::from(move |_| {
            let ids = vec![id.clone()];
            on_msg.emit(Msg::Table(if staged {
                Action::Undo(ids)
            } else {
                Action::Delete(ids)
            }));
        })
    };
    let (class, note) = status_text(&p.row.status);
    html! {
        <tr class={classes!(class, p.selected.then_some("hu-selected"))}>
            <td><input type="checkbox" checked={p.selected} onchange={on_select}
                aria-label={format!("Select {}", p.row.id)} /></td>
            <td class="hu-id">{ &p.row.id }</td>
            <td>{ &p.row.name }</td>
            <td class="hu-status">{ note }</td>
            <td>
                <button type="button" class="hu-link" onclick={action}
                    aria-label={format!("{} {}", if staged { "Undo" } else { "Delete" }, p.row.id)}>
                    { if staged { "Undo" } else { "Delete" } }
                </button>
            </td>
        </tr>
    }
}

fn sort_header(label: &str, column: Column, console: &Console, on_msg: &Callback<Msg>) -> Html {
    let active = console.sort.column == column;
    let aria = match (active, console.sort.descending) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    let onclick = on_msg.reform(move |_| Msg::SortBy(column));
    html! {
        <th aria-sort={aria}>
            <button type="button" class="hu-sort" {onclick}>
                { label }{ if active { if console.sort.descending { " ▼" } else { " ▲" } } else { "" } }
            </button>
        </th>
    }
}

/// The table of users with its filter and bulk actions.
#[function_component(UsersTable)]
pub fn users_table(p: &UsersTableProps) -> Html {
    let c = &p.console;
    let rows = {
        let c = p.console.clone();
        use_memo((c.table.clone(), c.filter.clone(), c.sort), move |_| {
            Rc::new(visible_rows(&c.table, &c.filter, c.sort))
        })
    };
    let visible: BTreeSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    let all_selected = !visible.is_empty() && visible.iter().all(|id| c.selected.contains(id));
    let on_filter = p.on_msg.reform(|e: InputEvent| {
        Msg::Filter(
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value(),
        )
    });
    let on_select_all = {
        let visible = visible.clone();
        p.on_msg.reform(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            Msg::SelectOnly(if on { visible.clone() } else { BTreeSet::new() })
        })
    };
    let selected: Vec<String> = c.selected.iter().cloned().collect();
    let n_selected = selected.len();
    let on_delete_selected = p
        .on_msg
        .reform(move |_| Msg::Table(Action::Delete(selected.clone())));
    let counts = c.table.counts();
    html! {
        <section class="hu-table" aria-label="Users">
            <div class="hu-table-bar">
                <label for="hu-filter">{ "Filter" }</label>
                <input id="hu-filter" type="search" value={c.filter.clone()} oninput={on_filter}
                    placeholder="user ID or name" autocomplete="off" />
                <span class="hu-count" aria-live="polite">
                    { format!("{} of {} shown · {} on the server · {} to add · {} to rename · {} to delete · {} after",
                        rows.len(), counts.loaded + counts.added, counts.loaded, counts.added, counts.renamed, counts.deleted, counts.after) }
                </span>
                <button type="button" class="hu-danger" disabled={n_selected == 0} onclick={on_delete_selected}>
                    { format!("Delete selected ({n_selected})") }
                </button>
            </div>
            <div class="hu-scroll">
                <table>
                    <thead><tr>
                        <th><input type="checkbox" checked={all_selected} onchange={on_select_all}
                            aria-label="Select all shown users" /></th>
                        { sort_header("User ID", Column::Id, c, &p.on_msg) }
                        { sort_header("User name", Column::Name, c, &p.on_msg) }
                        <th>{ "Staged" }</th>
                        <th><span class="hu-sr">{ "Actions" }</span></th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <UserRow key={r.id.clone()} row={r.clone()} selected={c.selected.contains(&r.id)} on_msg={p.on_msg.clone()} />
                        }) }
                    </tbody>
                </table>
                if rows.is_empty() {
                    <p class="hu-empty">{ if c.filter.is_empty() { "No users in this configuration." } else { "No user matches the filter." } }</p>
                }
            </div>
        </section>
    }
}
