//! The console's whole-list read: `GET /hotspot-users-server/v1/{project_id}/
//! hotspot-session-config/{config_id}/non-migration-users` is answered by
//! paging the API from here, the pages after the first up to nine at once. The
//! console then pays one round trip over its long hop instead of two (the
//! first page tells the total; the rest follow). Stateless like the rest:
//! the pages are read for this request and forgotten.

use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hotspot_users::model::endpoints::{MAX_PAGE, WHOLE_LISTS_PREFIX, WHOLE_LIST_ROUTE};
use hotspot_users::model::{ListNonMigrationUsersResponse, UserInfo, MAX_USERS};

use crate::gateway::decide::Route;
use crate::gateway::{call, headers, refuse, Answer, Gateway};

/// The read as logged.
pub const TEMPLATE: &str = WHOLE_LIST_ROUTE;

/// Pages asked for at once after the first: the rest of what a
/// configuration holds (1000 users).
const BATCH: u32 = 9;

/// More users than this (ten times what a configuration holds) is an API
/// that ignores `offset` or misstates its total: the read stops with a 502.
const MOST_USERS: usize = 10 * MAX_USERS;

/// The API path a whole-list read names, when `path` is one.
pub fn api_path(path: &str) -> Option<&str> {
    path.strip_prefix(WHOLE_LISTS_PREFIX)
        .filter(|rest| rest.starts_with("/v1/"))
}

/// Only the list of a configuration's users is read whole.
pub fn is_list(route: &Route) -> bool {
    route.method == "GET" && route.template.ends_with("/non-migration-users")
}

/// One page, read and decoded; `Err` is the answer to give the console
/// (the upstream's own error, or the gateway's).
async fn page(
    gw: &Gateway,
    route: Route,
    url: String,
    outgoing: HeaderMap,
    request_id: &str,
) -> Result<ListNonMigrationUsersResponse, Response> {
    let answer: Answer = call(
        gw,
        route,
        Method::GET,
        url,
        outgoing,
        bytes::Bytes::new(),
        request_id,
    )
    .await?;
    if answer.status != StatusCode::OK {
        return Err(answer.into_response());
    }
    serde_json::from_slice(&answer.body).map_err(|e| {
        let msg = format!("The API answered a page of users this gateway could not read: {e}.");
        refuse(StatusCode::BAD_GATEWAY, "HUGW.0502", msg, request_id)
    })
}

/// Reads every page of `path` (an API path the allowlist passed as the
/// users list) and answers them as one page: `total_count` is the number
/// of users. The first failing page's answer is the answer; the whole read
/// has the time limit of one upstream call (504 past it).
pub async fn read(
    gw: &Gateway,
    route: Route,
    path: &str,
    incoming: &HeaderMap,
    request_id: &str,
) -> Response {
    match tokio::time::timeout(gw.timeout, pages(gw, route, path, incoming, request_id)).await {
        Ok(Ok(users)) => {
            let body = ListNonMigrationUsersResponse {
                total_count: Some(users.len() as u32),
                non_migrate_users: users,
            };
            let mut res = (StatusCode::OK, Json(body)).into_response();
            let headers = res.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if let Ok(v) = HeaderValue::from_str(request_id) {
                headers.insert("x-request-id", v);
            }
            res
        }
        Ok(Err(res)) => res,
        Err(_) => {
            let msg = format!(
                "The API's pages did not all come within {} s.",
                gw.timeout.as_secs()
            );
            refuse(StatusCode::GATEWAY_TIMEOUT, "HUGW.0504", msg, request_id)
        }
    }
}

/// The users of every page: the first, then up to [`BATCH`] at once while
/// the last came back full (and below the total, when told).
async fn pages(
    gw: &Gateway,
    route: Route,
    path: &str,
    incoming: &HeaderMap,
    request_id: &str,
) -> Result<Vec<UserInfo>, Response> {
    let base = gw.peers.base(route.service);
    let outgoing = headers::upstream_request(&route, incoming, request_id);
    let url = |offset: u32| format!("{base}{path}?offset={offset}&limit={MAX_PAGE}");
    let first = page(gw, route, url(0), outgoing.clone(), request_id).await?;
    let total = first.total_count;
    let mut last = first.non_migrate_users.len() as u32;
    let mut users: Vec<UserInfo> = first.non_migrate_users;
    let mut next = MAX_PAGE;
    // A full page, below the total when the API tells it: there is more.
    while last == MAX_PAGE && total.is_none_or(|t| next < t) {
        if users.len() >= MOST_USERS {
            let msg = format!(
                "The API listed more than {MOST_USERS} users for one configuration (it may ignore `offset`); read it by pages."
            );
            return Err(refuse(
                StatusCode::BAD_GATEWAY,
                "HUGW.0502",
                msg,
                request_id,
            ));
        }
        let offsets = (0..BATCH)
            .map(|i| next + i * MAX_PAGE)
            .filter(|o| total.is_none_or(|t| *o < t));
        let answers = futures_util::future::join_all(
            offsets.map(|o| page(gw, route, url(o), outgoing.clone(), request_id)),
        )
        .await;
        for answer in answers {
            let p = answer?;
            last = p.non_migrate_users.len() as u32;
            users.extend(p.non_migrate_users);
            next += MAX_PAGE;
            if last < MAX_PAGE {
                break;
            }
        }
    }
    Ok(users)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::decide::decide;

    #[test]
    fn only_the_users_list_is_read_whole() {
        let path =
            api_path("/hotspot-users-server/v1/p/hotspot-session-config/c/non-migration-users")
                .unwrap();
        assert_eq!(path, "/v1/p/hotspot-session-config/c/non-migration-users");
        assert!(decide(&Method::GET, path).is_some_and(|r| is_list(&r)));
        assert!(!decide(&Method::PATCH, path).is_some_and(|r| is_list(&r)));
        let configs = api_path("/hotspot-users-server/v1/p/hotspot-session-config").unwrap();
        assert!(!decide(&Method::GET, configs).is_some_and(|r| is_list(&r)));
        assert_eq!(api_path("/hotspot-users-server.json"), None);
        assert_eq!(api_path("/hotspot-users-server/v3/auth/tokens"), None);
    }
}
