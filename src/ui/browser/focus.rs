//! Focus in dialogs: it starts on the first field, Tab and Shift+Tab stay
//! inside, Escape closes, and it returns to the opener on close.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Keeps Tab and Shift+Tab inside `dialog`.
pub fn trap_tab(dialog: &NodeRef, e: &KeyboardEvent) {
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

/// Focuses `first` when the dialog opens and `return_focus` when it closes.
#[hook]
pub fn use_dialog_focus(first: NodeRef, return_focus: NodeRef) {
    use_effect_with((), move |_| {
        if let Some(el) = first.cast::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
        move || {
            if let Some(el) = return_focus.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// Focuses `target` each time `on` turns true: where a control that had
/// the focus goes away (a stop button once the run has stopped), the
/// keyboard lands on what replaced it rather than on the page.
#[hook]
pub fn use_focus_when(target: NodeRef, on: bool) {
    use_effect_with(on, move |on| {
        if let (true, Some(el)) = (*on, target.cast::<web_sys::HtmlElement>()) {
            let _ = el.focus();
        }
    });
}

/// The dialog's keys: Escape closes it, Tab stays inside.
pub fn dialog_keys(dialog: &NodeRef, on_close: &Callback<()>) -> Callback<KeyboardEvent> {
    let (dialog, on_close) = (dialog.clone(), on_close.clone());
    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        "Escape" => on_close.emit(()),
        "Tab" => trap_tab(&dialog, &e),
        _ => {}
    })
}
