//! Middleware: a request id on every response; faults and the token check
//! in front of the API.

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use hotspot_users::model::ServiceErrorBody;

use crate::sandbox::faults::Fault;
use crate::sandbox::tokens::Refusal;
use crate::sandbox::AppState;

/// The id of the request being handled, for bodies that repeat it.
#[derive(Clone)]
pub struct RequestId(pub String);

/// Gives every request an id, echoed as `X-Request-Id`.
pub async fn request_id(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let n = state.requests.fetch_add(1, Ordering::Relaxed) + 1;
    let id = format!("sbx-{:08x}-{:04x}", n, std::process::id() & 0xffff);
    req.extensions_mut().insert(RequestId(id.clone()));
    let mut res = next.run(req).await;
    res.headers_mut().insert(
        "x-request-id",
        HeaderValue::from_str(&id).expect("ascii id"),
    );
    res
}

/// Applies injected latency and faults to an API request.
pub async fn faults(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (latency, fault) = state
        .faults
        .lock()
        .expect("faults lock")
        .draw(req.method().as_str(), req.uri().query().unwrap_or(""));
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    match fault {
        None => next.run(req).await,
        Some(Fault::Stall { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(req).await
        }
        Some(Fault::RevokeToken { token }) => {
            state.tokens.lock().expect("tokens lock").revoke(&token);
            next.run(req).await
        }
        Some(Fault::Status {
            status,
            retry_after,
        }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let code = if status == StatusCode::TOO_MANY_REQUESTS {
                "APIGW.0308"
            } else {
                "WKS.00210500"
            };
            let msg = format!(
                "Injected fault: {}",
                status.canonical_reason().unwrap_or("error")
            );
            let body = ServiceErrorBody {
                error_code: code.into(),
                error_msg: msg,
                request_id: None,
            };
            let mut res = (status, Json(body)).into_response();
            if let Some(secs) = retry_after {
                res.headers_mut()
                    .insert("retry-after", HeaderValue::from(secs));
            }
            res
        }
        Some(Fault::Html { status }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            let page = format!(
                "<html><head><title>{0}</title></head><body><center><h1>{0}</h1></center><hr><center>nginx</center></body></html>",
                status
            );
            (status, [("content-type", "text/html")], page).into_response()
        }
        Some(Fault::Truncated { status }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (
                status,
                [("content-type", "application/json")],
                r#"{"error_code":"WKS.00210500","error_m"#,
            )
                .into_response()
        }
        Some(Fault::Drop) => {
            // Headers and a first chunk go out, then the connection closes: no
            // client (browsers included) can take that for a stale keep-alive
            // socket and silently resend the request.
            let start = futures_util::stream::once(async {
                Ok(bytes::Bytes::from_static(b"{\"non_migrate"))
            });
            let broken = futures_util::stream::once(async {
                tokio::time::sleep(Duration::from_millis(20)).await;
                Err::<bytes::Bytes, _>(std::io::Error::other("injected connection drop"))
            });
            let mut res = Response::new(Body::from_stream(futures_util::StreamExt::chain(
                start, broken,
            )));
            res.headers_mut()
                .insert("content-type", HeaderValue::from_static("application/json"));
            res
        }
    }
}

/// Refuses API requests without a valid `X-Auth-Token`, in the gateway's shape.
pub async fn auth(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get("x-auth-token")
        .and_then(|v| v.to_str().ok());
    let checked = state.tokens.lock().expect("tokens lock").check(token);
    match checked {
        Ok(()) => next.run(req).await,
        Err(refusal) => {
            let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
            let msg = match refusal {
                Refusal::Missing => {
                    "Incorrect IAM authentication information: x-auth-token not found"
                }
                Refusal::Unknown => {
                    "Incorrect IAM authentication information: verify aksk or token failed"
                }
                Refusal::Expired => "Incorrect IAM authentication information: token expires",
            };
            let body = ServiceErrorBody {
                error_code: "APIGW.0301".into(),
                error_msg: msg.into(),
                request_id,
            };
            (StatusCode::UNAUTHORIZED, Json(body)).into_response()
        }
    }
}

/// `router` behind the API's layers: injected faults first, then the token check.
pub fn api_layers(router: axum::Router<AppState>, state: AppState) -> axum::Router {
    router
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), auth))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), faults))
        .with_state(state)
}
