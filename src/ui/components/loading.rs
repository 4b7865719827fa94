//! The loading state of the users: progress (with the page being retried
//! and a way to stop), or what stopped it and what was kept.

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::ui::state::{Loading, PageRetry};

/// A read in progress: users read of the total, and the page being retried.
/// `of` and `so_far` are the texts with and without a known total.
pub fn read_progress(
    lang: Lang,
    (of, so_far): (T, T),
    received: usize,
    total: Option<u32>,
    retrying: Option<&PageRetry>,
) -> Html {
    html! {
        <>
            <progress max={total.map(|t| t.to_string())} value={received.to_string()}></progress>
            <span>
                { match total {
                    Some(total) => tf(lang, of, &[("received", &received), ("total", &total)]),
                    None => tf(lang, so_far, &[("received", &received)]),
                } }
                { retrying.map(|r| r.text_in(lang)).unwrap_or_default() }
            </span>
        </>
    }
}

/// What loading is doing, or why it ended early; nothing once done.
pub fn loading_status(loading: &Loading, lang: Lang, on_stop: &Callback<MouseEvent>) -> Html {
    match loading {
        Loading::Idle => html! {
            <p class="hu-hint">{ t(lang, T::IdleHint) }</p>
        },
        Loading::Busy {
            received,
            total,
            retrying,
        } => html! {
            <div class="hu-progress" role="status">
                { read_progress(lang, (T::LoadingOf, T::Loading), *received, *total, retrying.as_ref()) }
                <button type="button" class="hu-secondary" onclick={on_stop.clone()}>{ t(lang, T::StopLoading) }</button>
            </div>
        },
        Loading::Done => html! {},
        Loading::Cancelled { kept } => html! {
            <p class="hu-hint" role="status">{ tf(lang, T::LoadCancelled, &[("kept", kept)]) }</p>
        },
        Loading::Failed(f) => html! {
            <div class="hu-error-box" role="alert">
                <p><strong>{ f.error.headline_in(lang) }</strong></p>
                <p>{ f.summary_in(lang) }</p>
                <p>{ f.error.detail_in(lang).unwrap_or_default() }</p>
                <p class="hu-hint">{ tf(lang, T::StatusLine, &[
                    ("status", &f.error.status.map_or("—".into(), |s| s.to_string())),
                    ("request", &f.error.request_id.clone().unwrap_or_else(|| "—".into())),
                ]) }</p>
            </div>
        },
    }
}
