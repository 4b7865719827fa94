//! The review panel: the plan request by request (method, URL, redacted
//! headers, body, curl), the batch and time-limit settings, Apply and
//! Discard, and the run's status.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, tf, T};
use crate::model::plan::Plan;
use crate::model::preview::preview;
use crate::model::{plan, ApiBase, ConfigId, ProjectId, UpdateType};
use crate::ui::components::run_status::RunStatus;
use crate::ui::components::settings_form::request_code;
use crate::ui::state::Console;
use crate::ui::use_lang;

/// Props of [`ReviewPanel`].
#[derive(Properties, PartialEq)]
pub struct ReviewPanelProps {
    /// The console's state.
    pub console: Rc<Console>,
    /// Absolute form of the API base (this page's origin when empty).
    pub base: ApiBase,
    /// Users per request.
    pub batch: usize,
    /// New batch size.
    pub on_batch: Callback<usize>,
    /// Time limit of one request, in seconds.
    pub timeout_secs: u32,
    /// New time limit.
    pub on_timeout: Callback<u32>,
    /// Apply pressed.
    pub on_apply: Callback<()>,
    /// A new token after a 401; the run resumes.
    pub on_new_token: Callback<String>,
    /// Discard pressed.
    pub on_discard: Callback<()>,
    /// "Check again" after a re-read failed.
    pub on_recheck: Callback<()>,
    /// "Stop applying" while requests go out.
    pub on_stop: Callback<()>,
    /// The region to sign in to again after a 401, when sign-in is offered.
    #[prop_or_default]
    pub sign_in_region: Option<AttrValue>,
}

fn number<N: std::str::FromStr>(e: Event, fallback: N) -> N {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
        .parse()
        .unwrap_or(fallback)
}

/// Props of [`RequestItem`].
#[derive(Properties, PartialEq)]
struct RequestItemProps {
    plan: Rc<Plan>,
    index: usize,
    url: AttrValue,
}

/// One request of the plan: a summary line, and its method, URL, headers,
/// body and curl once opened. A body of 1000 users is written out only
/// then, so staging and applying never serialise what nobody reads.
#[function_component(RequestItem)]
fn request_item(p: &RequestItemProps) -> Html {
    let lang = use_lang();
    let open = use_state(|| false);
    let code = use_memo(
        (*open, p.plan.clone(), p.index, p.url.clone()),
        |(open, plan, i, url)| open.then(|| preview(url, &plan.requests[*i])),
    );
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::Element>()
                    .has_attribute("open"),
            )
        })
    };
    let r = &p.plan.requests[p.index];
    html! {
        <li>
            <details {ontoggle}>
                <summary>{ tf(lang, T::RequestN, &[("i", &(p.index + 1)), ("kind", &r.update_type.as_str()),
                    ("n", &r.non_migrate_users.len())]) }</summary>
                { code.as_ref().as_ref().map(|pv| request_code(pv, lang)).unwrap_or_default() }
            </details>
        </li>
    }
}

/// The review panel.
#[function_component(ReviewPanel)]
pub fn review_panel(p: &ReviewPanelProps) -> Html {
    let lang = use_lang();
    let c = &p.console;
    let placeholder = || {
        (
            ProjectId::parse("-").expect("valid"),
            ConfigId::parse("-").expect("valid"),
        )
    };
    let (project, config) = c.key.clone().unwrap_or_else(placeholder);
    let url = AttrValue::from(p.base.non_migration_users(&project, &config));
    let planned = use_memo((c.table.clone(), p.batch), |(t, b)| {
        plan(t, *b).map(Rc::new)
    });
    // While a load, a run or a re-read is under way, nothing else starts.
    let running = c.is_busy();
    let on_batch = p.on_batch.reform(|e: Event| number(e, 1000));
    let on_timeout = p.on_timeout.reform(|e: Event| number(e, 35));
    let on_apply = p.on_apply.reform(|_| ());
    let on_discard = p.on_discard.reform(|_| ());
    let summary = match &*planned {
        Ok(plan) => tf(
            lang,
            T::PlanSummary,
            &[
                ("n", &plan.requests.len()),
                ("deleted", &plan.users(UpdateType::Delete)),
                ("added", &plan.users(UpdateType::Add)),
            ],
        ),
        Err(e) => e.message_in(lang),
    };
    html! {
        <section class="hu-review" aria-labelledby="hu-review-title">
            <h2 id="hu-review-title">{ t(lang, T::ReviewApply) }</h2>
            // Which configuration the requests change, in large type: after
            // a copy or a match, it is the target.
            <p class="hu-review-config">{ t(lang, T::ReviewConfig) }<strong>{ config.as_str().to_string() }</strong></p>
            <p class="hu-plan-summary">{ summary }</p>
            <div class="hu-field hu-batch">
                <label for="hu-batch">{ t(lang, T::UsersPerRequest) }</label>
                <input id="hu-batch" type="number" min="1" max="1000" value={p.batch.to_string()} onchange={on_batch} />
            </div>
            <div class="hu-field hu-batch">
                <label for="hu-timeout">{ t(lang, T::TimeLimit) }</label>
                <input id="hu-timeout" type="number" min="1" max="300" value={p.timeout_secs.to_string()} onchange={on_timeout} />
            </div>
            if let Ok(plan) = &*planned {
                <ol class="hu-requests">
                    { for (0..plan.requests.len()).map(|index| html! {
                        <RequestItem key={index} plan={plan.clone()} {index} url={url.clone()} />
                    }) }
                </ol>
            }
            <div class="hu-actions">
                <button type="button" class="hu-primary" onclick={on_apply} disabled={planned.is_err() || running}>
                    { t(lang, T::ApplyChanges) }
                </button>
                <button type="button" class="hu-secondary" onclick={on_discard} disabled={!c.table.is_dirty() || running}>
                    { t(lang, T::Discard) }
                </button>
            </div>
            <RunStatus run={c.run.clone()} retries={c.retries.clone()} on_new_token={p.on_new_token.clone()} on_recheck={p.on_recheck.clone()}
                on_stop={p.on_stop.clone()} sign_in={p.sign_in_region.clone().map(|r| (r, p.base.clone()))} />
        </section>
    }
}
