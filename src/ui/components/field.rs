//! A labelled text input with its inline problem message.

use yew::prelude::*;

/// Props of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Element id (also ties the label and the message).
    pub id: AttrValue,
    /// The label.
    pub label: AttrValue,
    /// Current value.
    pub value: AttrValue,
    /// A problem to show, once the field is not empty.
    #[prop_or_default]
    pub problem: Option<String>,
    /// Help shown under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// `text` or `password`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    /// Placeholder.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// New value.
    pub on_input: Callback<String>,
    /// The value once edited and left (the `change` event).
    #[prop_or_default]
    pub on_commit: Option<Callback<String>>,
    /// Show the problem of an empty field too (after a submit attempt).
    #[prop_or_default]
    pub show_empty: bool,
    /// The `autocomplete` hint (`off` by default).
    #[prop_or(AttrValue::Static("off"))]
    pub autocomplete: AttrValue,
}

/// A labelled input; its problem is linked through `aria-describedby`.
#[function_component(TextField)]
pub fn text_field(p: &TextFieldProps) -> Html {
    let oninput = p.on_input.reform(|e: InputEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    let onchange = p.on_commit.clone().map(|cb| {
        cb.reform(|e: Event| {
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .value()
        })
    });
    let msg_id = format!("{}-msg", p.id);
    let shown = p
        .problem
        .clone()
        .filter(|_| !p.value.is_empty() || p.show_empty);
    html! {
        <div class="hu-field">
            <label for={p.id.clone()}>{ p.label.clone() }</label>
            <input id={p.id.clone()} type={p.kind.clone()} value={p.value.clone()} {oninput} {onchange}
                placeholder={p.placeholder.clone()} autocomplete={p.autocomplete.clone()} spellcheck="false"
                aria-invalid={shown.is_some().to_string()} aria-describedby={msg_id.clone()} />
            <div id={msg_id} class={classes!("hu-hint", shown.is_some().then_some("hu-error"))}>
                { shown.or_else(|| p.hint.as_ref().map(|h| h.to_string())).unwrap_or_default() }
            </div>
        </div>
    }
}
