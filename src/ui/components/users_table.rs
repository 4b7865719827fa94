//! The users table: filter, sort, select, delete and undo, with staged rows marked.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::export::to_csv;
use crate::model::table::user_info;
use crate::model::view::{middle_ellipsis, Column, RowIndex, RowKeys};
use crate::model::{Action, Row, RowStatus};
use crate::ui::browser::files::download;
use crate::ui::state::{Console, Msg};
use crate::ui::use_lang;

/// Props of [`UsersTable`].
#[derive(Properties, PartialEq)]
pub struct UsersTableProps {
    /// The console's state.
    pub console: Rc<Console>,
    /// Changes.
    pub on_msg: Callback<Msg>,
}

fn status_text(s: &RowStatus, lang: Lang) -> (&'static str, String) {
    match s {
        RowStatus::Unchanged => ("", String::new()),
        RowStatus::Added => ("hu-added", t(lang, T::ToAdd).into()),
        RowStatus::Renamed { from } => ("hu-renamed", tf(lang, T::RenameFrom, &[("from", from)])),
        RowStatus::Deleted => ("hu-deleted", t(lang, T::ToDelete).into()),
    }
}

/// One row, keyed by `key` (see [`RowKeys`]): a plain element rather than a
/// component, so rows are made without a component's scope, hooks and
/// scheduling each.
fn user_row(key: String, row: &Row, selected: bool, lang: Lang, on_msg: &Callback<Msg>) -> Html {
    let id = row.id.clone();
    let on_select = {
        let (id, on_msg) = (id.clone(), on_msg.clone());
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            on_msg.emit(Msg::Select(id.clone(), on));
        })
    };
    let staged = row.status != RowStatus::Unchanged;
    let action = {
        let (id, on_msg) = (id, on_msg.clone());
        Callback::from(move |_| {
            let ids = vec![id.clone()];
            on_msg.emit(Msg::Table(if staged {
                Action::Undo(ids)
            } else {
                Action::Delete(ids)
            }));
        })
    };
    let (class, note) = status_text(&row.status, lang);
    let (verb, verb_user) = match staged {
        true => (T::Undo, T::UndoUser),
        false => (T::Delete, T::DeleteUser),
    };
    html! {
        <tr {key} class={classes!("hu-row", class, selected.then_some("hu-selected"))}>
            <td><input type="checkbox" checked={selected} onchange={on_select}
                aria-label={tf(lang, T::SelectUser, &[("id", &row.id)])} /></td>
            // A narrow column shows the ID's start and end, and keeps the
            // whole ID out of sight for screen readers; hover shows it too.
            <td class="hu-id" title={row.id.clone()}>
                <span class="hu-id-full">{ &row.id }</span>
                <span class="hu-id-short" aria-hidden="true">{ middle_ellipsis(&row.id, 4, 4) }</span>
            </td>
            <td class="hu-name" title={row.name.clone()}>{ &row.name }</td>
            <td class="hu-status">{ note }</td>
            <td>
                <button type="button" class="hu-link" onclick={action}
                    aria-label={tf(lang, verb_user, &[("id", &row.id)])}>
                    { t(lang, verb) }
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

/// Height of one row in pixels; `.hu-row` in the stylesheet has the same.
pub const ROW_PX: f64 = 34.0;
/// Rows rendered above and below the visible ones. Two, not four: a filter
/// keystroke renders 19 rows instead of 23 in a 480 px box, which took its
/// median keystroke-to-paint at 4x CPU from about 42 to 29 ms (the bench's
/// keystrokes, 64 each, interleaved). Every scroll event renders the rows
/// for the new position; a scroll of more than two rows (68 px) between
/// two events may show the spacer for that frame.
const OVERSCAN: usize = 2;

/// The rows to render for a scroll position: `(first, last)`, end exclusive.
fn window(len: usize, scroll_top: f64, viewport: f64) -> (usize, usize) {
    let first = ((scroll_top / ROW_PX) as usize)
        .saturating_sub(OVERSCAN)
        .min(len);
    let count = (viewport / ROW_PX).ceil() as usize + 2 * OVERSCAN;
    (first, (first + count).min(len))
}

/// The scroll box's greatest height (`max-height: 60vh` in the stylesheet):
/// it may grow as rows come, so its current height is not used.
fn viewport_px() -> f64 {
    let window_px = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(1000.0);
    window_px * 0.6
}

fn set_height(node: &NodeRef, px: f64) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        // Whole pixels, formatted as an integer: `f64`'s Display would
        // bring float formatting into the wasm for this one use.
        let _ = el
            .style()
            .set_property("height", &format!("{}px", px.round() as u64));
    }
}

/// The table of users with its filter and bulk actions. Only the rows in
/// view (plus a margin) are rendered; spacer rows keep the scroll height.
#[function_component(UsersTable)]
pub fn users_table(p: &UsersTableProps) -> Html {
    let lang = use_lang();
    let c = &p.console;
    // The filter is the table's own: a keystroke renders this table only.
    let filter = use_state(String::new);
    // How rows are keyed (see `RowKeys`): it keeps the last render's filter
    // and keys; the component tells it whether the filter input has focus.
    let (row_keys, filter_focused) = (use_mut_ref(RowKeys::default), use_mut_ref(|| false));
    let index = use_memo(c.table.clone(), |t| RowIndex::new(t));
    let shown = use_memo((index.clone(), (*filter).clone(), c.sort), |(i, f, s)| {
        i.select(f, *s)
    });
    let all_rows = index.rows();
    let scroll = use_state(|| (0.0f64, viewport_px()));
    let (top_spacer, bottom_spacer) = (use_node_ref(), use_node_ref());
    let (first, last) = window(shown.len(), scroll.0, scroll.1);
    let (top_px, bottom_px) = (first as f64 * ROW_PX, (shown.len() - last) as f64 * ROW_PX);
    let window_rows: Vec<&Row> = shown[first..last].iter().map(|&i| &all_rows[i]).collect();
    let keys = row_keys.borrow_mut().keys(
        window_rows.iter().map(|r| r.id.as_str()),
        &filter,
        *filter_focused.borrow(),
    );
    {
        let (top, bottom) = (top_spacer.clone(), bottom_spacer.clone());
        // Heights go through the CSSOM: the strict CSP forbids style attributes.
        use_effect_with((top_px, bottom_px), move |(t, b)| {
            set_height(&top, *t);
            set_height(&bottom, *b);
        });
    }
    let on_scroll = {
        let scroll = scroll.clone();
        Callback::from(move |e: Event| {
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                scroll.set((f64::from(el.scroll_top()), viewport_px()));
            }
        })
    };
    let all_selected =
        !shown.is_empty() && shown.iter().all(|&i| c.selected.contains(&all_rows[i].id));
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let (on_filter_focus, on_filter_blur) = {
        let (a, b) = (filter_focused.clone(), filter_focused.clone());
        (
            Callback::from(move |_: FocusEvent| *a.borrow_mut() = true),
            Callback::from(move |_: FocusEvent| *b.borrow_mut() = false),
        )
    };
    // Exports what the table shows: filtered, in its order.
    let on_export = {
        let (index, shown) = (index.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            let users: Vec<_> = shown
                .iter()
                .map(|&i| &index.rows()[i])
                .map(|r| user_info(&r.id, &r.name))
                .collect();
            download("hotspot-users.csv", "text/csv", &to_csv(&users));
        })
    };
    let on_select_all = {
        let (index, shown) = (index.clone(), shown.clone());
        p.on_msg.reform(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            let ids = match on {
                true => shown.iter().map(|&i| index.rows()[i].id.clone()).collect(),
                false => Vec::new(),
            };
            Msg::SelectOnly(ids)
        })
    };
    let selected: Vec<String> = c.selected.iter().cloned().collect();
    let n_selected = selected.len();
    let on_delete_selected = p
        .on_msg
        .reform(move |_| Msg::Table(Action::Delete(selected.clone())));
    let counts = c.table.counts();
    html! {
        <section class="hu-table" aria-label={t(lang, T::Users)}>
            <div class="hu-table-bar">
                <label for="hu-filter">{ t(lang, T::Filter) }</label>
                <input id="hu-filter" type="search" value={(*filter).clone()} oninput={on_filter}
                    onfocus={on_filter_focus} onblur={on_filter_blur}
                    placeholder={t(lang, T::FilterPlaceholder)} autocomplete="off" />
                <span class="hu-count" aria-live="polite">
                    { tf(lang, T::Counts, &[("shown", &shown.len()), ("all", &(counts.loaded + counts.added)),
                        ("loaded", &counts.loaded), ("added", &counts.added), ("renamed", &counts.renamed),
                        ("deleted", &counts.deleted), ("after", &counts.after)]) }
                </span>
                <button type="button" class="hu-danger" disabled={n_selected == 0} onclick={on_delete_selected}>
                    { tf(lang, T::DeleteSelected, &[("n", &n_selected)]) }
                </button>
                <button type="button" class="hu-secondary" onclick={on_export}>{ t(lang, T::ExportCsv) }</button>
            </div>
            <div class="hu-scroll" onscroll={on_scroll}>
                <table>
                    <thead><tr>
                        <th><input type="checkbox" checked={all_selected} onchange={on_select_all}
                            aria-label={t(lang, T::SelectAll)} /></th>
                        { sort_header(t(lang, T::UserId), Column::Id, c, &p.on_msg) }
                        { sort_header(t(lang, T::UserName), Column::Name, c, &p.on_msg) }
                        <th>{ t(lang, T::Staged) }</th>
                        <th><span class="hu-sr">{ t(lang, T::Actions) }</span></th>
                    </tr></thead>
                    <tbody>
                        // Keyed like the rows ("s", never a row key's "u" or "p"): Yew
                        // then matches every row by key, also when their number changes.
                        <tr key="s-top" class="hu-spacer" ref={top_spacer} aria-hidden="true"><td colspan="5"></td></tr>
                        { for window_rows.iter().zip(keys)
                            .map(|(r, key)| user_row(key, r, c.selected.contains(&r.id), lang, &p.on_msg)) }
                        <tr key="s-bottom" class="hu-spacer" ref={bottom_spacer} aria-hidden="true"><td colspan="5"></td></tr>
                    </tbody>
                </table>
                // Before the first read ends, no users is not "no users".
                if shown.is_empty() && c.read {
                    <p class="hu-empty">{ if filter.is_empty() { t(lang, T::NoUsers) } else { t(lang, T::NoMatch) } }</p>
                }
            </div>
        </section>
    }
}
