//! The tokens the sandbox accepts, each with an optional expiry and the
//! IAM user it belongs to.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime};

use crate::sandbox::iam::{Owner, TOKEN_TTL};

/// Accepted tokens.
#[derive(Debug, Default)]
pub struct Tokens {
    tokens: HashMap<String, (Option<Instant>, Owner)>,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No `X-Auth-Token` header.
    Missing,
    /// Not a token the sandbox knows (or it was revoked).
    Unknown,
    /// Known, but past its expiry.
    Expired,
}

impl Tokens {
    /// Accepts `token` (the demo user's), for `ttl` when given.
    pub fn add(&mut self, token: &str, ttl: Option<Duration>) {
        self.issue_for(token, ttl, Owner::demo());
    }

    /// Accepts a token IAM issued to `owner`, for `ttl`.
    pub fn issue(&mut self, token: &str, ttl: Duration, owner: Owner) {
        self.issue_for(token, Some(ttl), owner);
    }

    fn issue_for(&mut self, token: &str, ttl: Option<Duration>, owner: Owner) {
        self.tokens
            .insert(token.to_string(), (ttl.map(|d| Instant::now() + d), owner));
    }

    /// The owner and expiry of a valid token (a token without an expiry
    /// reports IAM's usual 24 hours from now).
    pub fn owner(&self, token: &str) -> Option<(Owner, SystemTime)> {
        let (expiry, owner) = self.tokens.get(token)?;
        let left = match expiry {
            Some(at) => at
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())?,
            None => TOKEN_TTL,
        };
        Some((owner.clone(), SystemTime::now() + left))
    }

    /// Stops accepting `token`.
    pub fn revoke(&mut self, token: &str) -> bool {
        self.tokens.remove(token).is_some()
    }

    /// Checks a presented token.
    pub fn check(&self, token: Option<&str>) -> Result<(), Refusal> {
        let token = token.filter(|t| !t.is_empty()).ok_or(Refusal::Missing)?;
        match self.tokens.get(token) {
            None => Err(Refusal::Unknown),
            Some((Some(expiry), _)) if Instant::now() >= *expiry => Err(Refusal::Expired),
            Some(_) => Ok(()),
        }
    }
}

/// Parses `TOKEN` or `TOKEN:SECONDS` (an expiry).
pub fn parse_token_arg(arg: &str) -> Result<(String, Option<Duration>), String> {
    match arg.rsplit_once(':') {
        Some((t, secs)) if !t.is_empty() => secs
            .parse::<u64>()
            .map(|s| (t.to_string(), Some(Duration::from_secs(s))))
            .map_err(|_| format!("'{arg}': the part after ':' must be a number of seconds")),
        _ if arg.is_empty() => Err("a token must not be empty".into()),
        _ => Ok((arg.to_string(), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_and_expiry() {
        let mut t = Tokens::default();
        t.add("a", None);
        t.add("b", Some(Duration::ZERO));
        assert_eq!(t.check(Some("a")), Ok(()));
        assert_eq!(t.check(Some("b")), Err(Refusal::Expired));
        assert_eq!(t.check(Some("c")), Err(Refusal::Unknown));
        assert_eq!(t.check(None), Err(Refusal::Missing));
        assert!(t.revoke("a"));
        assert_eq!(t.check(Some("a")), Err(Refusal::Unknown));
    }

    #[test]
    fn token_args() {
        assert_eq!(parse_token_arg("demo").unwrap(), ("demo".into(), None));
        assert_eq!(
            parse_token_arg("x:60").unwrap().1,
            Some(Duration::from_secs(60))
        );
        assert!(parse_token_arg("x:soon").is_err());
        assert!(parse_token_arg("").is_err());
    }
}
