//! The review panel: the plan request by request (method, URL, redacted
//! headers, body, curl), Apply with progress, the 401 pause, and the result.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::preview::{preview, RequestPreview};
use crate::model::table::Difference;
use crate::model::{plan, ApiBase, ApiError, ConfigId, ProjectId, UpdateType};
use crate::ui::state::{Console, Run};

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
}

fn error_block(e: &ApiError) -> Html {
    html! {
        <div class="hu-error-box" role="alert">
            <p><strong>{ e.headline() }</strong></p>
            <dl>
                <dt>{ "Status" }</dt><dd>{ e.status.map_or("no response".into(), |s| s.to_string()) }</dd>
                <dt>{ "Error code" }</dt><dd>{ e.code.clone().unwrap_or_else(|| "—".into()) }</dd>
                <dt>{ "Message" }</dt><dd>{ e.detail().unwrap_or_else(|| "—".into()) }</dd>
                <dt>{ "Request ID" }</dt><dd>{ e.request_id.clone().unwrap_or_else(|| "—".into()) }</dd>
            </dl>
        </div>
    }
}

fn difference(d: &Difference) -> Html {
    let text = match d {
        Difference::Missing(id) => format!("{id}: intended, but not on the server"),
        Difference::Unexpected(id) => format!("{id}: on the server, but not intended"),
        Difference::Name(id, want, got) => {
            format!("{id}: name “{got}” on the server, “{want}” intended")
        }
    };
    html! { <li>{ text }</li> }
}

#[function_component(NewToken)]
fn new_token(p: &NewTokenProps) -> Html {
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
            <label for="hu-new-token">{ "New token" }</label>
            <input id="hu-new-token" type="password" autocomplete="off" value={(*value).clone()} {oninput} />
            <button type="submit" class="hu-primary" disabled={value.trim().is_empty()}>{ "Resume with new token" }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct NewTokenProps {
    on_token: Callback<String>,
}

/// The review panel.
#[function_component(ReviewPanel)]
pub fn review_panel(p: &ReviewPanelProps) -> Html {
    let c = &p.console;
    let url = match &c.key {
        Some((project, config)) => p.base.non_migration_users(project, config),
        None => p.base.non_migration_users(
            &ProjectId::parse("-").expect("valid"),
            &ConfigId::parse("-").expect("valid"),
        ),
    };
    // Bodies of up to 1000 users are serialised once per change, not per render.
    let planned = use_memo((c.table.clone(), p.batch, url), |(t, b, url)| {
        plan(t, *b).map(|plan| {
            let previews: Vec<RequestPreview> =
                plan.requests.iter().map(|r| preview(url, r)).collect();
            (plan, previews)
        })
    });
    let running = matches!(c.run, Run::Sending { .. });
    let on_batch = p.on_batch.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
            .parse()
            .unwrap_or(1000)
    });
    let on_timeout = p.on_timeout.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
            .parse()
            .unwrap_or(35)
    });
    let on_apply = p.on_apply.reform(|_| ());
    let on_discard = p.on_discard.reform(|_| ());
    let summary = match &*planned {
        Ok((plan, _)) => html! {
            <p class="hu-plan-summary">
                { format!("{} requests: DELETE {} users, ADD {} users.", plan.requests.len(),
                    plan.users(UpdateType::Delete), plan.users(UpdateType::Add)) }
            </p>
        },
        Err(e) => html! { <p class="hu-plan-summary">{ e.to_string() }</p> },
    };
    html! {
        <section class="hu-review" aria-labelledby="hu-review-title">
            <h2 id="hu-review-title">{ "Review and apply" }</h2>
            { summary }
            <div class="hu-field hu-batch">
                <label for="hu-batch">{ "Users per request" }</label>
                <input id="hu-batch" type="number" min="1" max="1000" value={p.batch.to_string()} onchange={on_batch} />
            </div>
            <div class="hu-field hu-batch">
                <label for="hu-timeout">{ "Time limit per request (seconds)" }</label>
                <input id="hu-timeout" type="number" min="1" max="300" value={p.timeout_secs.to_string()} onchange={on_timeout} />
            </div>
            if let Ok((plan, previews)) = &*planned {
                <ol class="hu-requests">
                    { for plan.requests.iter().zip(previews).enumerate().map(|(i, (r, pv))| {
                        html! {
                            <li>
                                <details>
                                    <summary>{ format!("Request {}: {} {} users", i + 1, r.update_type.as_str(), r.non_migrate_users.len()) }</summary>
                                    <pre class="hu-code">{ format!("{} {}\n{}", pv.method, pv.url,
                                        pv.headers.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("\n")) }</pre>
                                    <pre class="hu-code">{ pv.body.clone() }</pre>
                                    <p>{ "curl equivalent" }</p>
                                    <pre class="hu-code hu-curl">{ pv.curl.clone() }</pre>
                                </details>
                            </li>
                        }
                    }) }
                </ol>
            }
            <div class="hu-actions">
                <button type="button" class="hu-primary" onclick={on_apply} disabled={planned.is_err() || running}>
                    { "Apply changes" }
                </button>
                <button type="button" class="hu-secondary" onclick={on_discard} disabled={!c.table.is_dirty() || running}>
                    { "Discard staged changes" }
                </button>
            </div>
            { match &c.run {
                Run::Idle => html! {},
                Run::Sending { current, total, attempt, retrying } => html! {
                    <div class="hu-progress" role="status">
                        <progress max={total.to_string()} value={(current - 1).to_string()}></progress>
                        <span>{ format!("Sending request {current} of {total}") }
                            { if *attempt > 1 { format!(" (attempt {attempt})") } else { String::new() } }</span>
                        if let Some(e) = retrying { <p class="hu-hint">{ format!("Retrying: {}", e.headline()) }</p> }
                    </div>
                },
                Run::NeedsToken(e) => html! {
                    <div class="hu-paused">
                        { error_block(e) }
                        <p>{ "The run is paused. What went through is applied; the rest stays staged." }</p>
                        <NewToken on_token={p.on_new_token.clone()} />
                    </div>
                },
                Run::Stopped(e) => html! {
                    <div>
                        { error_block(e) }
                        <p>{ "The run stopped. What did not go through is still staged: fix the cause and apply again." }</p>
                    </div>
                },
                Run::Verified(d) if d.is_empty() => html! {
                    <p class="hu-success" role="status">{ "All changes applied. The server now matches the intended users." }</p>
                },
                Run::Verified(d) => html! {
                    <div class="hu-error-box" role="alert">
                        <p>{ format!("All requests went through, but the server differs in {} users:", d.len()) }</p>
                        <ul>{ for d.iter().map(difference) }</ul>
                    </div>
                },
            } }
            if !c.retries.is_empty() {
                <div class="hu-retries">
                    <p>{ format!("Recovered by retrying {} times:", c.retries.len()) }</p>
                    <ul>{ for c.retries.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                </div>
            }
        </section>
    }
}
