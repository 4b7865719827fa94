//! Phase 5, log: one line per request with method, path template, status,
//! duration and request id. Never a token, a password, a body or a query
//! value: the template names parameters instead of showing them.

use std::sync::Arc;
use std::time::Duration;

/// Where access lines go (stdout by default; tests collect them).
#[derive(Clone)]
pub struct AccessLog(Arc<dyn Fn(String) + Send + Sync>);

impl AccessLog {
    /// Lines to standard output.
    pub fn stdout() -> Self {
        Self(Arc::new(|line| println!("{line}")))
    }

    /// Lines to `sink`.
    pub fn to(sink: impl Fn(String) + Send + Sync + 'static) -> Self {
        Self(Arc::new(sink))
    }

    /// Writes one request's line.
    pub fn line(
        &self,
        method: &str,
        template: &str,
        status: u16,
        took: Duration,
        request_id: &str,
    ) {
        (self.0)(format!(
            "{method} {template} {status} {:.1}ms {request_id}",
            took.as_secs_f64() * 1000.0
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_line_has_method_template_status_time_and_id() {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let log = AccessLog::to(move |l| sink.lock().unwrap().push(l));
        log.line(
            "GET",
            "/v1/{project_id}/hotspot-session-config",
            200,
            Duration::from_micros(1500),
            "rid-1",
        );
        assert_eq!(
            lines.lock().unwrap()[0],
            "GET /v1/{project_id}/hotspot-session-config 200 1.5ms rid-1"
        );
    }
}
