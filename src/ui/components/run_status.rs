//! The state of an apply run: progress with its stop button, the 401 pause
//! with its token form, a stop with the error's details, or the verified result.

use yew::prelude::*;

use crate::i18n::{t, tf, Lang, T};
use crate::model::iam::Who;
use crate::model::table::Difference;
use crate::model::ApiBase;
use crate::model::ApiError;
use crate::ui::browser::focus::use_focus_when;
use crate::ui::components::loading::read_progress;
use crate::ui::components::sign_in::SignInForm;
use crate::ui::state::Run;
use crate::ui::use_lang;

/// An API error with status, code, message and request id.
pub fn error_block(e: &ApiError, lang: Lang) -> Html {
    let dash = || "—".to_string();
    html! {
        <div class="hu-error-box" role="alert">
            <p><strong>{ e.headline_in(lang) }</strong></p>
            <dl>
                <dt>{ t(lang, T::Status) }</dt>
                <dd>{ e.status.map_or(t(lang, T::NoResponse).into(), |s| s.to_string()) }</dd>
                <dt>{ t(lang, T::ErrorCode) }</dt><dd>{ e.code.clone().unwrap_or_else(dash) }</dd>
                <dt>{ t(lang, T::Message) }</dt><dd>{ e.detail_in(lang).unwrap_or_else(dash) }</dd>
                <dt>{ t(lang, T::RequestId) }</dt><dd>{ e.request_id.clone().unwrap_or_else(dash) }</dd>
            </dl>
        </div>
    }
}

fn difference(d: &Difference, lang: Lang) -> Html {
    let text = match d {
        Difference::Missing(id) => tf(lang, T::DiffMissing, &[("id", id)]),
        Difference::Unexpected(id) => tf(lang, T::DiffUnexpected, &[("id", id)]),
        Difference::Name(id, want, got) => tf(
            lang,
            T::DiffName,
            &[("id", id), ("got", got), ("want", want)],
        ),
    };
    html! { <li>{ text }</li> }
}

/// Props of [`NewToken`].
#[derive(Properties, PartialEq)]
pub struct NewTokenProps {
    /// The token typed.
    pub on_token: Callback<String>,
}

/// A field for a new token after a 401, and the button that resumes.
#[function_component(NewToken)]
pub fn new_token(p: &NewTokenProps) -> Html {
    let lang = use_lang();
    let value = use_state(String::new);
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let onsubmit = {
        let (value, cb) = (value.clone(), p.on_token.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !value.trim().is_empty() {
                cb.emit((*value).clone());
            }
        })
    };
    html! {
        <form class="hu-new-token" {onsubmit}>
            <label for="hu-new-token">{ t(lang, T::NewToken) }</label>
            <input id="hu-new-token" type="password" autocomplete="off" value={(*value).clone()} {oninput} />
            <button type="submit" class="hu-primary" disabled={value.trim().is_empty()}>{ t(lang, T::Resume) }</button>
        </form>
    }
}

/// Props of [`RunStatus`].
#[derive(Properties, PartialEq)]
pub struct RunStatusProps {
    /// The run's state.
    pub run: Run,
    /// Failures the run recovered from.
    pub retries: Vec<String>,
    /// A new token after a 401.
    pub on_new_token: Callback<String>,
    /// "Check again" after a re-read failed.
    pub on_recheck: Callback<()>,
    /// "Stop applying" while requests go out.
    pub on_stop: Callback<()>,
    /// Region and origin of IAM, when a paused run may sign in again.
    #[prop_or_default]
    pub sign_in: Option<(AttrValue, ApiBase)>,
}

/// What the current or last run is doing or did.
#[function_component(RunStatus)]
pub fn run_status(p: &RunStatusProps) -> Html {
    let lang = use_lang();
    let halted = use_node_ref();
    use_focus_when(halted.clone(), matches!(p.run, Run::Halted { .. }));
    let state = match &p.run {
        Run::Idle => html! {},
        Run::Sending {
            current,
            total,
            attempt,
            retrying,
        } => html! {
            <div class="hu-progress" role="status">
                <progress max={total.to_string()} value={(current - 1).to_string()}></progress>
                <span>
                    { tf(lang, T::Sending, &[("current", current), ("total", total)]) }
                    { if *attempt > 1 { tf(lang, T::Attempt, &[("n", attempt)]) } else { String::new() } }
                </span>
                if let Some(e) = retrying {
                    <p class="hu-hint">{ tf(lang, T::Retrying, &[("message", &e.headline_in(lang))]) }</p>
                }
                <button type="button" class="hu-secondary" onclick={p.on_stop.reform(|_| ())}>{ t(lang, T::StopRun) }</button>
            </div>
        },
        Run::Halted { sent, total } => html! {
            <p class="hu-halted" role="status" tabindex="-1" ref={halted}>{ tf(lang, T::RunHalted, &[("sent", sent), ("total", total)]) }</p>
        },
        Run::NeedsToken(e) => html! {
            <div class="hu-paused">
                { error_block(e, lang) }
                <p>{ t(lang, T::Paused) }</p>
                <NewToken on_token={p.on_new_token.clone()} />
                if let Some((region, base)) = &p.sign_in {
                    <p>{ t(lang, T::SignInAgain) }</p>
                    <SignInForm id="hu-resign" region={region.clone()} base={base.clone()}
                        on_signed_in={p.on_new_token.reform(|(token, _): (String, Who)| token)} />
                }
            </div>
        },
        Run::Stopped(e) => html! {
            <div>
                { error_block(e, lang) }
                <p>{ t(lang, T::StoppedNote) }</p>
            </div>
        },
        Run::Verifying {
            received,
            total,
            retrying,
            ..
        } => html! {
            <div class="hu-progress" role="status">
                { read_progress(lang, (T::VerifyingOf, T::Verifying), *received, *total, retrying.as_ref()) }
            </div>
        },
        Run::Unverified { error, .. } => html! {
            <div class="hu-unverified">
                <p><strong>{ t(lang, T::Unverified) }</strong></p>
                { error_block(error, lang) }
                <p>{ t(lang, T::UnverifiedNote) }</p>
                <button type="button" class="hu-secondary" onclick={p.on_recheck.reform(|_| ())}>{ t(lang, T::CheckAgain) }</button>
            </div>
        },
        Run::Verified(d) if d.is_empty() => html! {
            <p class="hu-success" role="status">{ t(lang, T::AllApplied) }</p>
        },
        Run::Verified(d) => html! {
            <div class="hu-error-box" role="alert">
                <p>{ tf(lang, T::Differs, &[("n", &d.len())]) }</p>
                <ul>{ for d.iter().map(|d| difference(d, lang)) }</ul>
            </div>
        },
    };
    html! {
        <>
            { state }
            if !p.retries.is_empty() {
                <div class="hu-retries">
                    <p>{ tf(lang, if matches!(p.run, Run::Stopped(_) | Run::NeedsToken(_)) { T::RetriedThenStopped } else { T::Recovered },
                        &[("n", &p.retries.len())]) }</p>
                    <ul>{ for p.retries.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                </div>
            }
        </>
    }
}
