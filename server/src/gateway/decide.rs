//! Phase 1, decide: is this request one the console uses? Only those are
//! forwarded; everything else gets the gateway's own answer and never
//! leaves the machine.

use axum::http::Method;

/// The cloud service a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// Workspace Application Streaming: the `hotspot-session-config` operations.
    AppStream,
    /// The Workspace user directory.
    Directory,
    /// IAM: tokens and projects.
    Iam,
}

/// A forwarded operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// The method.
    pub method: &'static str,
    /// The path with its parameters named, as logged: `/v1/{project_id}/...`.
    pub template: &'static str,
    /// Where it goes.
    pub service: Service,
}

impl Route {
    /// IAM's password sign-in, the one call whose `X-Subject-Token` comes back.
    pub fn is_token_issue(&self) -> bool {
        self.service == Service::Iam && self.method == "POST"
    }

    /// IAM's token check, the one call that sends `X-Subject-Token`.
    pub fn is_token_check(&self) -> bool {
        self.service == Service::Iam && self.template == "/v3/auth/tokens" && self.method == "GET"
    }
}

const fn route(method: &'static str, template: &'static str, service: Service) -> Route {
    Route {
        method,
        template,
        service,
    }
}

/// Everything the gateway forwards.
pub const ROUTES: &[Route] = &[
    route(
        "GET",
        "/v1/{project_id}/hotspot-session-config",
        Service::AppStream,
    ),
    route(
        "POST",
        "/v1/{project_id}/hotspot-session-config",
        Service::AppStream,
    ),
    route(
        "PATCH",
        "/v1/{project_id}/hotspot-session-config/{config_id}",
        Service::AppStream,
    ),
    route(
        "GET",
        "/v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users",
        Service::AppStream,
    ),
    route(
        "PATCH",
        "/v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users",
        Service::AppStream,
    ),
    route("GET", "/v2/{project_id}/users", Service::Directory),
    route("POST", "/v3/auth/tokens", Service::Iam),
    route("GET", "/v3/auth/tokens", Service::Iam),
    route("GET", "/v3/auth/projects", Service::Iam),
];

/// One line per forwarded operation, for the gateway's refusals.
pub fn forwarded() -> String {
    ROUTES
        .iter()
        .map(|r| format!("{} {}", r.method, r.template))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A path parameter the upstream will read as one plain segment: not empty,
/// and (percent-decoded) no `.`/`..` and no separator that would let a
/// request leave the allowlist once the URL is normalised.
fn plain_segment(segment: &str) -> bool {
    let decoded = percent_decode(segment);
    !decoded.is_empty()
        && decoded != "."
        && decoded != ".."
        && !decoded.contains(['/', '\\', '?', '#'])
        && !decoded.chars().any(char::is_control)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn matches(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter().zip(&p).all(|(t, p)| {
            if t.starts_with('{') {
                plain_segment(p)
            } else {
                t == p
            }
        })
}

/// The route of `method path`, when the gateway forwards it.
pub fn decide(method: &Method, path: &str) -> Option<Route> {
    ROUTES
        .iter()
        .find(|r| r.method == method.as_str() && matches(r.template, path))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(method: &str, path: &str) -> Option<&'static str> {
        decide(&method.parse().unwrap(), path).map(|r| r.template)
    }

    #[test]
    fn the_console_s_operations_are_forwarded() {
        assert_eq!(
            d(
                "PATCH",
                "/v1/p1/hotspot-session-config/c1/non-migration-users"
            ),
            Some("/v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users")
        );
        assert_eq!(
            d("GET", "/v1/p1/hotspot-session-config"),
            Some("/v1/{project_id}/hotspot-session-config")
        );
        assert_eq!(
            d("POST", "/v1/p1/hotspot-session-config"),
            Some("/v1/{project_id}/hotspot-session-config")
        );
        assert_eq!(d("GET", "/v2/p1/users"), Some("/v2/{project_id}/users"));
        assert_eq!(d("POST", "/v3/auth/tokens"), Some("/v3/auth/tokens"));
        assert_eq!(d("GET", "/v3/auth/projects"), Some("/v3/auth/projects"));
        let issue = decide(&Method::POST, "/v3/auth/tokens").unwrap();
        assert!(issue.is_token_issue() && !issue.is_token_check());
        let check = decide(&Method::GET, "/v3/auth/tokens").unwrap();
        assert!(check.is_token_check() && !check.is_token_issue());
    }

    #[test]
    fn everything_else_is_refused() {
        for (m, p) in [
            ("DELETE", "/v1/p1/hotspot-session-config/c1"),
            ("GET", "/v1/p1/desktops"),
            ("DELETE", "/v3/auth/tokens"),
            ("GET", "/v3/users"),
            (
                "GET",
                "/v1/p1/hotspot-session-config/c1/non-migration-users/x",
            ),
            ("GET", "/v1//hotspot-session-config"),
            ("GET", "/v1/../hotspot-session-config"),
            ("GET", "/v1/%2e%2E/hotspot-session-config"),
            ("GET", "/v1/a%2Fb/hotspot-session-config"),
            ("GET", "/v1/p1/hotspot-session-config/"),
            (
                "PATCH",
                "/v1/p1/hotspot-session-config/c1/non-migration-users/../../x",
            ),
        ] {
            assert_eq!(d(m, p), None, "{m} {p}");
        }
        assert!(forwarded().contains(
            "PATCH /v1/{project_id}/hotspot-session-config/{config_id}/non-migration-users"
        ));
    }
}
