//! Thin HTTP calls to the API: every request has a timeout (aborted with an
//! `AbortController`) and every failure becomes a model [`ApiError`].

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_net::http::{Request, RequestBuilder, Response};
use gloo_timers::callback::Timeout;
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::AbortController;

use crate::model::ApiError;
use crate::ui::net::lifetime::Lifetime;

/// Time limit of one request where the admin set none (the configuration list).
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// The token header; never logged, never in a URL.
const TOKEN_HEADER: &str = "X-Auth-Token";

/// Sends `builder` (plus a JSON body) under a timeout, and reads the body.
/// A response as it came: status, the two headers the console reads, the body.
struct Raw {
    status: u16,
    request_id: Option<String>,
    retry_after: Option<String>,
    /// IAM's sign-in answers with the token here.
    subject_token: Option<String>,
    bytes: Vec<u8>,
}

impl Raw {
    fn check(&self) -> Result<(), ApiError> {
        if (200..300).contains(&self.status) {
            Ok(())
        } else {
            Err(ApiError::decode(
                self.status,
                self.request_id.as_deref(),
                self.retry_after.as_deref(),
                &self.bytes,
            ))
        }
    }
}

async fn send(
    builder: RequestBuilder,
    token: Option<&str>,
    body: Option<String>,
    timeout_ms: u32,
    lifetime: &Lifetime,
) -> Result<Raw, ApiError> {
    if lifetime.is_over() {
        return Err(ApiError::network("the console was closed"));
    }
    let controller = AbortController::new()
        .map_err(|_| ApiError::network("the browser refused to create an AbortController"))?;
    // Unmounting the console aborts the request; the listener goes with it.
    let _on_end = {
        let controller = controller.clone();
        EventListener::once(&lifetime.signal(), "abort", move |_| controller.abort())
    };
    let timed_out = Rc::new(Cell::new(false));
    let _timer = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let builder = match token {
        Some(token) => builder.header(TOKEN_HEADER, token),
        None => builder,
    };
    let builder = builder
        .header("Accept", "application/json")
        .abort_signal(Some(&controller.signal()));
    let request: Result<Request, _> = match body {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json),
        None => builder.build(),
    };
    let fail = |e: gloo_net::Error| {
        if timed_out.get() {
            ApiError::timeout(timeout_ms)
        } else {
            ApiError::network(e.to_string())
        }
    };
    let response: Response = request.map_err(&fail)?.send().await.map_err(&fail)?;
    let headers = response.headers();
    Ok(Raw {
        status: response.status(),
        request_id: headers.get("x-request-id"),
        retry_after: headers.get("retry-after"),
        subject_token: headers.get("x-subject-token"),
        bytes: response.binary().await.map_err(&fail)?,
    })
}

/// What a successful call returned, with its request id.
pub struct Reply<T> {
    /// The decoded body.
    pub body: T,
    /// `X-Request-Id`, for the activity log.
    pub request_id: Option<String>,
}

/// `GET url`, decoding the JSON body.
pub async fn get_json<T: DeserializeOwned>(
    url: &str,
    token: &str,
    timeout_ms: u32,
    lifetime: &Lifetime,
) -> Result<Reply<T>, ApiError> {
    let raw = send(Request::get(url), Some(token), None, timeout_ms, lifetime).await?;
    decoded(raw)
}

fn decoded<T: DeserializeOwned>(raw: Raw) -> Result<Reply<T>, ApiError> {
    raw.check()?;
    let body = crate::json::parse_bytes(&raw.bytes).map_err(|e| {
        ApiError::undecodable(raw.status, raw.request_id.as_deref(), &e.to_string())
    })?;
    Ok(Reply {
        body,
        request_id: raw.request_id,
    })
}

/// IAM's token check: `GET url` with the token as both `X-Auth-Token` and
/// `X-Subject-Token`.
pub async fn check_token<T: DeserializeOwned>(
    url: &str,
    token: &str,
    lifetime: &Lifetime,
) -> Result<Reply<T>, ApiError> {
    let builder = Request::get(url).header("X-Subject-Token", token);
    let raw = send(builder, Some(token), None, DEFAULT_TIMEOUT_MS, lifetime).await?;
    decoded(raw)
}

/// IAM's sign-in: `POST url` with a JSON body and no token; returns the
/// decoded body and the token from `X-Subject-Token`. The body (it holds the
/// password) lives only for the call.
pub async fn sign_in<B: Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
    lifetime: &Lifetime,
) -> Result<(Reply<T>, String), ApiError> {
    let json = crate::json::to_string(body);
    let raw = send(
        Request::post(url),
        None,
        Some(json),
        DEFAULT_TIMEOUT_MS,
        lifetime,
    )
    .await?;
    let token = raw.subject_token.clone();
    let reply = decoded(raw)?;
    let token = token.filter(|t| !t.is_empty()).ok_or_else(|| {
        ApiError::network("IAM answered without X-Subject-Token: the proxy in front of it must pass that header back")
    })?;
    Ok((reply, token))
}

/// `POST` (`post`) or `PATCH` `url` with a JSON body, decoding the JSON answer.
pub async fn write_json<B: Serialize, T: DeserializeOwned>(
    post: bool,
    url: &str,
    token: &str,
    body: &B,
    timeout_ms: u32,
    lifetime: &Lifetime,
) -> Result<Reply<T>, ApiError> {
    let json = crate::json::to_string(body);
    let builder = if post {
        Request::post(url)
    } else {
        Request::patch(url)
    };
    let raw = send(builder, Some(token), Some(json), timeout_ms, lifetime).await?;
    decoded(raw)
}

/// `PATCH url` with a JSON body; the response body is ignored (the API sends none).
pub async fn patch_json<B: Serialize>(
    url: &str,
    token: &str,
    body: &B,
    timeout_ms: u32,
    lifetime: &Lifetime,
) -> Result<Reply<()>, ApiError> {
    let json = crate::json::to_string(body);
    let raw = send(
        Request::patch(url),
        Some(token),
        Some(json),
        timeout_ms,
        lifetime,
    )
    .await?;
    raw.check()?;
    Ok(Reply {
        body: (),
        request_id: raw.request_id,
    })
}

/// `GET url` without a token, for small documents of the page's own origin
/// (the sandbox's demo offer): the body of a 200, else `None`.
pub async fn get_public(url: &str) -> Option<Vec<u8>> {
    let response = Request::get(url).send().await.ok()?;
    if response.status() != 200 {
        return None;
    }
    response.binary().await.ok()
}
