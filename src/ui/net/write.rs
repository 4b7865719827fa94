//! Writing a configuration (its settings, or a new one) with the model's
//! retry policy: the attempt shown while waiting, a pause for a new token
//! on 401, every request in the activity log.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::model::retry::{self, Next};
use crate::model::ApiError;
use crate::ui::net::api;
use crate::ui::net::flows::{log, Dispatch};
use crate::ui::net::lifetime::Lifetime;

/// One write: `PATCH` (idempotent, retried like users) or `POST` (a create,
/// retried only when refused unprocessed).
pub struct Write<'a, B> {
    /// `POST` when true, else `PATCH`.
    pub post: bool,
    /// Where.
    pub url: &'a str,
    /// The body.
    pub body: &'a B,
    /// The activity log's name for it.
    pub kind: &'static str,
    /// Time limit of one attempt.
    pub timeout_ms: u32,
}

/// How a write ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Written<T> {
    /// Done, with the decoded answer.
    Done(T),
    /// A 401: the same write can be sent again with a new token.
    NeedsToken(ApiError),
    /// Stopped on an error retrying does not fix.
    Failed(ApiError),
}

/// Sends `w` with `token`; `on_attempt(attempt, last_error)` before each wait.
pub async fn write<B: Serialize, T: DeserializeOwned>(
    w: &Write<'_, B>,
    token: &str,
    dispatch: &Dispatch,
    lifetime: &Lifetime,
    on_attempt: &dyn Fn(u32, &ApiError),
) -> Written<T> {
    let mut attempt = 1;
    loop {
        let error =
            match api::write_json::<B, T>(w.post, w.url, token, w.body, w.timeout_ms, lifetime)
                .await
            {
                Ok(reply) => {
                    log(dispatch, w.kind, 0, attempt, Ok(reply.request_id));
                    return Written::Done(reply.body);
                }
                Err(e) => e,
            };
        let jitter = js_sys::Math::random();
        let next = if w.post {
            retry::next_not_idempotent(&error, attempt, jitter)
        } else {
            retry::next(&error, attempt, jitter)
        };
        match next {
            _ if lifetime.is_over() => return Written::Failed(error),
            Next::RetryAfter(ms) => {
                attempt += 1;
                on_attempt(attempt, &error);
                gloo_timers::future::TimeoutFuture::new(ms as u32).await;
            }
            Next::NeedToken => {
                log(dispatch, w.kind, 0, attempt, Err(&error));
                return Written::NeedsToken(error);
            }
            Next::Stop => {
                log(dispatch, w.kind, 0, attempt, Err(&error));
                return Written::Failed(error);
            }
        }
    }
}
