//! Phase 2, choose the peer: each service's endpoint for the region, or
//! the upstream given on the command line. TLS everywhere but loopback.

use std::net::IpAddr;

use hotspot_users::model::endpoints::region;

use crate::gateway::decide::Service;

/// The base URL (scheme, host, port; no path) of each service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peers {
    app_stream: String,
    directory: String,
    iam: String,
}

/// A loopback host name or address.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Checks an upstream URL: `https://host[:port]`, or `http://` on loopback
/// only; returns it without a trailing slash.
pub fn check_upstream(url: &str) -> Result<String, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("'{url}' is not a URL: {e}"))?;
    let host = parsed
        .host_str()
        .ok_or_else(|| format!("'{url}' has no host"))?;
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return Err(format!(
                "'{url}': plain http:// upstreams are allowed on loopback only; use https://"
            ))
        }
        other => return Err(format!("'{url}': unsupported scheme '{other}'")),
    }
    if parsed.path() != "/" || parsed.query().is_some() {
        return Err(format!("'{url}': give scheme, host and port only"));
    }
    Ok(url.trim_end_matches('/').to_string())
}

impl Peers {
    /// The endpoints of `region_id`, with `upstream` replacing the Workspace
    /// hosts and `iam_upstream` replacing IAM's.
    pub fn new(
        region_id: &str,
        upstream: Option<&str>,
        iam_upstream: Option<&str>,
    ) -> Result<Self, String> {
        let r = region(region_id).ok_or_else(|| {
            format!("unknown region '{region_id}' (see the README's region list)")
        })?;
        let workspace = |computed: String| match upstream {
            Some(u) => check_upstream(u),
            None => Ok(computed),
        };
        Ok(Self {
            app_stream: workspace(r.endpoint())?,
            directory: workspace(format!("https://workspace.{}.myhuaweicloud.com", r.id))?,
            iam: match iam_upstream {
                Some(u) => check_upstream(u)?,
                None => format!("https://iam.{}.myhuaweicloud.com", r.id),
            },
        })
    }

    /// The base URL of `service`.
    pub fn base(&self, service: Service) -> &str {
        match service {
            Service::AppStream => &self.app_stream,
            Service::Directory => &self.directory,
            Service::Iam => &self.iam,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_endpoints() {
        let p = Peers::new("cn-north-4", None, None).unwrap();
        assert_eq!(
            p.base(Service::AppStream),
            "https://appstream.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            p.base(Service::Directory),
            "https://workspace.cn-north-4.myhuaweicloud.com"
        );
        assert_eq!(
            p.base(Service::Iam),
            "https://iam.cn-north-4.myhuaweicloud.com"
        );
        let p = Peers::new("ap-southeast-1", None, None).unwrap();
        assert_eq!(
            p.base(Service::AppStream),
            "https://workspace.ap-southeast-1.myhuaweicloud.com"
        );
        assert!(Peers::new("mars-1", None, None).is_err());
    }

    #[test]
    fn upstreams_replace_hosts_and_plain_http_stays_on_loopback() {
        let p = Peers::new(
            "cn-north-4",
            Some("http://127.0.0.1:9000/"),
            Some("https://iam.internal.example:8443"),
        )
        .unwrap();
        assert_eq!(p.base(Service::AppStream), "http://127.0.0.1:9000");
        assert_eq!(p.base(Service::Directory), "http://127.0.0.1:9000");
        assert_eq!(p.base(Service::Iam), "https://iam.internal.example:8443");
        assert!(check_upstream("http://[::1]:8080").is_ok());
        assert!(check_upstream("http://localhost:8080").is_ok());
        assert!(check_upstream("http://10.0.0.8:8080")
            .unwrap_err()
            .contains("loopback only"));
        assert!(check_upstream("ftp://example.com").is_err());
        assert!(check_upstream("https://example.com/v1").is_err());
    }
}
