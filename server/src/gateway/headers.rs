//! Phases 3 and 4, filter headers: the gateway passes only what the API
//! needs towards the cloud and only what the console reads back. Cookies,
//! hop-by-hop headers and everything else stay behind.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use crate::gateway::decide::Route;

const X_AUTH_TOKEN: &str = "x-auth-token";
const X_SUBJECT_TOKEN: &str = "x-subject-token";
const X_REQUEST_ID: &str = "x-request-id";

fn copy(from: &HeaderMap, to: &mut HeaderMap, names: &[&'static str]) {
    for name in names {
        if let Some(v) = from.get(*name) {
            to.insert(HeaderName::from_static(name), v.clone());
        }
    }
}

/// A request id the console sent, when it is a sane one to repeat.
pub fn incoming_request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get(X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        })
        .map(str::to_string)
}

/// The headers sent upstream: `X-Auth-Token`, `Content-Type`, `Accept`, the
/// request id, and `X-Subject-Token` on IAM's token check only.
pub fn upstream_request(route: &Route, incoming: &HeaderMap, request_id: &str) -> HeaderMap {
    let mut out = HeaderMap::new();
    copy(
        incoming,
        &mut out,
        &[X_AUTH_TOKEN, "content-type", "accept"],
    );
    if route.is_token_check() {
        copy(incoming, &mut out, &[X_SUBJECT_TOKEN]);
    }
    if let Ok(v) = HeaderValue::from_str(request_id) {
        out.insert(X_REQUEST_ID, v);
    }
    out
}

/// The headers returned to the console: `Content-Type`, `X-Request-Id`,
/// `Retry-After`, and `X-Subject-Token` on IAM's sign-in only.
pub fn console_response(route: &Route, upstream: &HeaderMap, request_id: &str) -> HeaderMap {
    let mut out = HeaderMap::new();
    copy(
        upstream,
        &mut out,
        &["content-type", "retry-after", X_REQUEST_ID],
    );
    if route.is_token_issue() {
        copy(upstream, &mut out, &[X_SUBJECT_TOKEN]);
    }
    if !out.contains_key(X_REQUEST_ID) {
        if let Ok(v) = HeaderValue::from_str(request_id) {
            out.insert(X_REQUEST_ID, v);
        }
    }
    out.insert("cache-control", HeaderValue::from_static("no-store"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::decide::decide;
    use axum::http::Method;

    fn map(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_what_the_api_needs_goes_upstream() {
        let patch = decide(
            &Method::PATCH,
            "/v1/p/hotspot-session-config/c/non-migration-users",
        )
        .unwrap();
        let incoming = map(&[
            ("x-auth-token", "tok"),
            ("content-type", "application/json"),
            ("cookie", "session=1"),
            ("connection", "keep-alive"),
            ("x-subject-token", "tok"),
            ("authorization", "Basic x"),
            ("x-forwarded-for", "1.2.3.4"),
        ]);
        let out = upstream_request(&patch, &incoming, "rid-1");
        let mut names: Vec<&str> = out.keys().map(|k| k.as_str()).collect();
        names.sort();
        assert_eq!(names, ["content-type", "x-auth-token", "x-request-id"]);
        let check = decide(&Method::GET, "/v3/auth/tokens").unwrap();
        assert!(upstream_request(&check, &incoming, "r").contains_key("x-subject-token"));
    }

    #[test]
    fn only_what_the_console_reads_comes_back() {
        let upstream = map(&[
            ("content-type", "application/json"),
            ("set-cookie", "a=b"),
            ("x-subject-token", "secret"),
            ("retry-after", "2"),
            ("server", "nginx"),
            ("access-control-allow-origin", "*"),
            ("transfer-encoding", "chunked"),
        ]);
        let list = decide(&Method::GET, "/v3/auth/projects").unwrap();
        let out = console_response(&list, &upstream, "rid-1");
        let mut names: Vec<&str> = out.keys().map(|k| k.as_str()).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "cache-control",
                "content-type",
                "retry-after",
                "x-request-id"
            ]
        );
        let issue = decide(&Method::POST, "/v3/auth/tokens").unwrap();
        assert_eq!(
            console_response(&issue, &upstream, "r")["x-subject-token"],
            "secret"
        );
    }

    #[test]
    fn request_ids_are_repeated_only_when_sane() {
        assert_eq!(
            incoming_request_id(&map(&[("x-request-id", "abc-123")])).as_deref(),
            Some("abc-123")
        );
        assert_eq!(incoming_request_id(&map(&[("x-request-id", "a b")])), None);
        assert_eq!(incoming_request_id(&HeaderMap::new()), None);
    }
}
