//! When to retry a failed request: exponential backoff with full jitter,
//! honouring `Retry-After`, up to a fixed number of attempts.

use crate::model::ApiError;

/// Attempts per request, the first included.
pub const MAX_ATTEMPTS: u32 = 5;
const BASE_MS: u64 = 400;
const CAP_MS: u64 = 8_000;

/// What to do after attempt number `attempt` (1-based) failed with `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Wait this many milliseconds, then send again.
    RetryAfter(u64),
    /// Stop and ask for a new token; resume afterwards.
    NeedToken,
    /// Stop: the error will not go away by itself.
    Stop,
}

/// Decides the next step; `jitter` in `0.0..1.0` spreads the waits of many clients.
pub fn next(error: &ApiError, attempt: u32, jitter: f64) -> Next {
    if error.needs_new_token() {
        return Next::NeedToken;
    }
    if !error.is_retryable() || attempt >= MAX_ATTEMPTS {
        return Next::Stop;
    }
    let exp = (BASE_MS << (attempt - 1).min(10)).min(CAP_MS);
    let jittered = (exp as f64 * jitter.clamp(0.0, 1.0)) as u64;
    let wait = match error.retry_after_secs {
        Some(secs) => jittered.max(u64::from(secs) * 1000),
        None => jittered.max(BASE_MS / 2),
    };
    Next::RetryAfter(wait)
}

/// Like [`next`], for a request that is not idempotent (creating a
/// configuration): only a refusal that says it was not processed (429,
/// 503) is retried; a timeout or a 500 may have created it, so it stops.
pub fn next_not_idempotent(error: &ApiError, attempt: u32, jitter: f64) -> Next {
    match error.status {
        _ if error.needs_new_token() => Next::NeedToken,
        Some(429 | 503) => next(error, attempt, jitter),
        _ => Next::Stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let e = ApiError::decode(503, None, None, b"");
        let waits: Vec<_> = (1..MAX_ATTEMPTS).map(|a| next(&e, a, 1.0)).collect();
        assert_eq!(waits, [400, 800, 1600, 3200].map(Next::RetryAfter).to_vec());
        assert_eq!(next(&e, MAX_ATTEMPTS, 1.0), Next::Stop);
        assert_eq!(next(&e, 1, 0.0), Next::RetryAfter(200));
    }

    #[test]
    fn a_create_is_retried_only_when_it_was_refused() {
        let e503 = ApiError::decode(503, None, Some("1"), b"");
        assert_eq!(next_not_idempotent(&e503, 1, 0.0), Next::RetryAfter(1000));
        assert_eq!(next_not_idempotent(&e503, MAX_ATTEMPTS, 0.0), Next::Stop);
        for e in [
            ApiError::timeout(1000),
            ApiError::network("x"),
            ApiError::decode(500, None, None, b""),
        ] {
            assert_eq!(next_not_idempotent(&e, 1, 0.5), Next::Stop);
        }
        assert_eq!(
            next_not_idempotent(&ApiError::decode(401, None, None, b""), 1, 0.5),
            Next::NeedToken
        );
    }

    #[test]
    fn retry_after_is_a_floor() {
        let e = ApiError::decode(429, None, Some("3"), b"");
        assert_eq!(next(&e, 1, 0.5), Next::RetryAfter(3000));
    }

    #[test]
    fn auth_and_client_errors() {
        assert_eq!(
            next(&ApiError::decode(401, None, None, b""), 1, 0.5),
            Next::NeedToken
        );
        assert_eq!(
            next(&ApiError::decode(400, None, None, b""), 1, 0.5),
            Next::Stop
        );
        assert_eq!(
            next(&ApiError::decode(404, None, None, b""), 1, 0.5),
            Next::Stop
        );
        assert!(matches!(
            next(&ApiError::timeout(1000), 2, 0.5),
            Next::RetryAfter(_)
        ));
        assert!(matches!(
            next(&ApiError::network("x"), 2, 0.5),
            Next::RetryAfter(_)
        ));
    }
}
