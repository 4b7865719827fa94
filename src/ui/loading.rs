//! The loading state of the users: progress, or the error that stopped it.

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::ui::state::Loading;

/// What loading is doing, or why it failed; nothing once done.
pub fn loading_status(loading: &Loading, lang: Lang) -> Html {
    match loading {
        Loading::Idle => html! {
            <p class="hu-hint">{ t(lang, T::IdleHint) }</p>
        },
        Loading::Busy { received, total } => html! {
            <div class="hu-progress" role="status">
                <progress max={total.map(|t| t.to_string())} value={received.to_string()}></progress>
                <span>{ match total {
                    Some(total) => tf(lang, T::LoadingOf, &[("received", received), ("total", total)]),
                    None => tf(lang, T::Loading, &[("received", received)]),
                } }</span>
            </div>
        },
        Loading::Done => html! {},
        Loading::Failed(e) => html! {
            <div class="hu-error-box" role="alert">
                <p><strong>{ e.headline_in(lang) }</strong></p>
                <p>{ e.detail_in(lang).unwrap_or_default() }</p>
                <p class="hu-hint">{ tf(lang, T::StatusLine, &[
                    ("status", &e.status.map_or("—".into(), |s| s.to_string())),
                    ("request", &e.request_id.clone().unwrap_or_else(|| "—".into())),
                ]) }</p>
            </div>
        },
    }
}
