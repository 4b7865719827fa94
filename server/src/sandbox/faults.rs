//! Deterministic fault injection for demos and tests: latency, a seeded
//! failure rate, and a queue of faults for the next matching requests.

use serde::{Deserialize, Serialize};

/// One injected fault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// A service-shaped error with this status (and `Retry-After` when given).
    Status {
        /// HTTP status, e.g. 429, 500, 503.
        status: u16,
        /// Seconds for `Retry-After`.
        #[serde(default)]
        retry_after: Option<u32>,
    },
    /// A proxy's HTML error page.
    Html {
        /// HTTP status, 502 by default.
        #[serde(default = "default_html_status")]
        status: u16,
    },
    /// An error whose JSON body is cut short.
    Truncated {
        /// HTTP status, 500 by default.
        #[serde(default = "default_truncated_status")]
        status: u16,
    },
    /// Wait this long before handling the request (it is still handled).
    Stall {
        /// Milliseconds.
        ms: u64,
    },
    /// Start a response, then close the connection mid-body.
    Drop,
    /// Revoke this token, then handle the request (so it gets a 401).
    RevokeToken {
        /// The token to revoke.
        token: String,
    },
}

fn default_html_status() -> u16 {
    502
}
fn default_truncated_status() -> u16 {
    500
}

fn one() -> u32 {
    1
}

/// A fault waiting for its requests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedFault {
    /// What happens.
    #[serde(flatten)]
    pub fault: Fault,
    /// Only requests with this method count (e.g. `PATCH`); all when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// Only requests whose query string contains this count (e.g. `offset=500`
    /// for one page of a list); all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Matching requests to let through first.
    #[serde(default)]
    pub skip: u32,
    /// How many matching requests get it.
    #[serde(default = "one")]
    pub times: u32,
}

/// The fault settings, as set by flags or the admin endpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FaultSettings {
    /// Added to every API request.
    #[serde(default)]
    pub latency_ms: u64,
    /// Share (0..=1) of API requests that fail with `failure_status`.
    #[serde(default)]
    pub failure_rate: f64,
    /// Status of random failures (503 sends `Retry-After: 1`).
    #[serde(default)]
    pub failure_status: Option<u16>,
    /// Seed of the random failures.
    #[serde(default)]
    pub seed: u64,
    /// Faults for the next matching requests, first match first.
    #[serde(default)]
    pub queue: Vec<QueuedFault>,
}

/// Live fault state: settings plus the random generator.
#[derive(Debug, Default)]
pub struct Faults {
    settings: FaultSettings,
    rng: u64,
}

impl Faults {
    /// New state from settings.
    pub fn new(settings: FaultSettings) -> Self {
        let rng = settings.seed ^ 0x2545_F491_4F6C_DD1D;
        Self {
            settings,
            rng: rng.max(1),
        }
    }

    /// The current settings (with what is left of the queue).
    pub fn settings(&self) -> &FaultSettings {
        &self.settings
    }

    fn next_random(&mut self) -> f64 {
        // xorshift64*: deterministic for a seed.
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The latency to add and the fault (if any) for one request.
    pub fn draw(&mut self, method: &str, query: &str) -> (u64, Option<Fault>) {
        let latency = self.settings.latency_ms;
        let queue = &mut self.settings.queue;
        if let Some(i) = queue.iter().position(|q| {
            q.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && q.query.as_deref().is_none_or(|part| query.contains(part))
        }) {
            let q = &mut queue[i];
            if q.skip > 0 {
                q.skip -= 1;
            } else {
                let fault = q.fault.clone();
                q.times = q.times.saturating_sub(1);
                if q.times == 0 {
                    queue.remove(i);
                }
                return (latency, Some(fault));
            }
        }
        if self.settings.failure_rate > 0.0 && self.next_random() < self.settings.failure_rate {
            let status = self.settings.failure_status.unwrap_or(503);
            let retry_after = (status == 503 || status == 429).then_some(1);
            return (
                latency,
                Some(Fault::Status {
                    status,
                    retry_after,
                }),
            );
        }
        (latency, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_skips_then_fires_then_empties() {
        let mut f = Faults::new(FaultSettings {
            queue: vec![QueuedFault {
                fault: Fault::Drop,
                method: Some("PATCH".into()),
                query: None,
                skip: 1,
                times: 2,
            }],
            ..Default::default()
        });
        assert_eq!(f.draw("GET", "").1, None);
        assert_eq!(f.draw("PATCH", "").1, None);
        assert_eq!(f.draw("PATCH", "").1, Some(Fault::Drop));
        assert_eq!(f.draw("patch", "").1, Some(Fault::Drop));
        assert_eq!(f.draw("PATCH", "").1, None);
        assert!(f.settings().queue.is_empty());
    }

    #[test]
    fn a_fault_can_target_one_page_by_its_query() {
        let mut f = Faults::new(FaultSettings {
            queue: vec![serde_json::from_str(
                r#"{"kind":"status","status":503,"method":"GET","query":"offset=500","times":2}"#,
            )
            .unwrap()],
            ..Default::default()
        });
        assert_eq!(f.draw("GET", "offset=400&limit=100").1, None);
        assert_eq!(f.draw("PATCH", "offset=500").1, None);
        assert!(f.draw("GET", "offset=500&limit=100").1.is_some());
        assert_eq!(f.draw("GET", "offset=0&limit=100").1, None);
        assert!(f.draw("GET", "offset=500&limit=100").1.is_some());
        assert_eq!(f.draw("GET", "offset=500&limit=100").1, None);
    }

    #[test]
    fn failure_rate_is_deterministic_for_a_seed() {
        let run = |seed| {
            let mut f = Faults::new(FaultSettings {
                failure_rate: 0.3,
                seed,
                ..Default::default()
            });
            (0..200)
                .map(|_| f.draw("GET", "").1.is_some())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let fails = run(7).iter().filter(|b| **b).count();
        assert!((30..90).contains(&fails), "{fails}");
    }

    #[test]
    fn queued_fault_json_shape() {
        let q: QueuedFault =
            serde_json::from_str(r#"{"kind":"status","status":503,"retry_after":2,"times":3}"#)
                .unwrap();
        assert_eq!(
            q.fault,
            Fault::Status {
                status: 503,
                retry_after: Some(2)
            }
        );
        assert_eq!(q.times, 3);
        assert_eq!(q.skip, 0);
    }
}
