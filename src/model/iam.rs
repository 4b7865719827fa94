//! IAM, as the console uses it: the sign-in form and its request (password,
//! optionally with an MFA code), the token body that tells who signed in,
//! for which project and until when, the projects a token may use, and when
//! to warn that a token is about to expire. Shared with the sandbox, which
//! plays IAM's three calls.

use serde::{Deserialize, Serialize};

use crate::i18n::{t, tf, Lang, T};
use crate::model::endpoints::region;
use crate::model::ApiError;

/// `POST /v3/auth/tokens` (the token comes back as `X-Subject-Token`).
pub const TOKENS_PATH: &str = "/v3/auth/tokens";
/// `GET /v3/auth/projects`.
pub const PROJECTS_PATH: &str = "/v3/auth/projects";

/// A name by itself (`{"name": ...}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// The name.
    pub name: String,
}

/// The password part of a sign-in. Its `Debug` never shows the password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordUser {
    /// The account (IAM's "domain").
    pub domain: Named,
    /// The IAM user name.
    pub name: String,
    /// The password.
    pub password: String,
}

impl std::fmt::Debug for PasswordUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordUser")
            .field("domain", &self.domain)
            .field("name", &self.name)
            .field("password", &"(redacted)")
            .finish()
    }
}

/// `{"user": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordMethod {
    /// Who signs in.
    pub user: PasswordUser,
}

/// The MFA part: the IAM user's id and the current code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpUser {
    /// The IAM user's id.
    pub id: String,
    /// The six-digit code.
    pub passcode: String,
}

impl std::fmt::Debug for TotpUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpUser")
            .field("id", &self.id)
            .field("passcode", &"(redacted)")
            .finish()
    }
}

/// `{"user": ...}` of the MFA part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpMethod {
    /// The IAM user and code.
    pub user: TotpUser,
}

/// `auth.identity`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// `["password"]` or `["password", "totp"]`.
    pub methods: Vec<String>,
    /// The password.
    pub password: PasswordMethod,
    /// The MFA code, when the account uses MFA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<TotpMethod>,
}

/// `auth.scope`: the region's project, by its name (the region id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// The project.
    pub project: Named,
}

/// `auth`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Auth {
    /// Who.
    pub identity: Identity,
    /// Where.
    pub scope: Scope,
}

/// The body of `POST /v3/auth/tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRequest {
    /// The request.
    pub auth: Auth,
}

/// A domain (account) in a token body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Domain {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
}

/// The project a token is scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TokenProject {
    /// The project id: what the API's `{project_id}` is.
    pub id: String,
    /// Its name: the region id, or `region_subproject`.
    #[serde(default)]
    pub name: String,
}

/// The user a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TokenUser {
    /// The IAM user's id.
    #[serde(default)]
    pub id: String,
    /// The IAM user name.
    #[serde(default)]
    pub name: String,
    /// The account.
    #[serde(default)]
    pub domain: Domain,
}

/// `token` of IAM's token body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TokenInfo {
    /// When it stops working (ISO 8601, UTC).
    pub expires_at: String,
    /// When it was issued.
    #[serde(default)]
    pub issued_at: String,
    /// How it was obtained.
    #[serde(default)]
    pub methods: Vec<String>,
    /// The project it is scoped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<TokenProject>,
    /// Who.
    #[serde(default)]
    pub user: TokenUser,
}

/// The body of IAM's token calls (sign-in and check).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TokenBody {
    /// The token's facts.
    pub token: TokenInfo,
}

/// One project of `GET /v3/auth/projects`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthProject {
    /// The project id.
    pub id: String,
    /// Its name (the region id, or `region_subproject`).
    pub name: String,
    /// Whether it may be used.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The account's id.
    #[serde(default)]
    pub domain_id: String,
}

fn yes() -> bool {
    true
}

/// The body of `GET /v3/auth/projects`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProjectsBody {
    /// The projects.
    pub projects: Vec<AuthProject>,
}

impl ProjectsBody {
    /// The enabled projects, the region's own first, then by name.
    pub fn usable(&self, region_id: &str) -> Vec<AuthProject> {
        let mut out: Vec<AuthProject> = self
            .projects
            .iter()
            .filter(|p| p.enabled)
            .cloned()
            .collect();
        // Names are unique in a domain, and the id breaks any tie: the
        // order is total, so the smaller unstable sort gives the same.
        out.sort_unstable_by(|a, b| {
            let key = |p: &AuthProject| (p.name != region_id, !p.name.starts_with(region_id));
            key(a)
                .cmp(&key(b))
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        out
    }
}

/// The sign-in form's fields.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SignIn {
    /// The account name (IAM's domain).
    pub account: String,
    /// The IAM user name.
    pub user: String,
    /// The password: sent once, then cleared.
    pub password: String,
    /// The account uses MFA.
    pub mfa: bool,
    /// The IAM user's id, for MFA.
    pub user_id: String,
    /// The MFA code.
    pub code: String,
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn")
            .field("account", &self.account)
            .field("user", &self.user)
            .field("mfa", &self.mfa)
            .finish_non_exhaustive()
    }
}

/// Per-field problems of the sign-in form (`None` where a field is fine).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInProblems {
    /// The region (the token's scope).
    pub region: Option<String>,
    /// Account name.
    pub account: Option<String>,
    /// IAM user name.
    pub user: Option<String>,
    /// Password.
    pub password: Option<String>,
    /// IAM user id (MFA).
    pub user_id: Option<String>,
    /// MFA code.
    pub code: Option<String>,
}

fn name_problem(value: &str, field: &str, lang: Lang) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        return Some(tf(lang, T::FieldEmpty, &[("field", &field)]));
    }
    let len = v.chars().count();
    if len > 64 {
        return Some(tf(
            lang,
            T::FieldTooLong,
            &[("field", &field), ("len", &len), ("max", &64)],
        ));
    }
    v.chars().any(char::is_control).then(|| {
        tf(
            lang,
            T::FieldControl,
            &[("field", &field), ("position", &1)],
        )
    })
}

impl SignIn {
    /// Every field's problem, in `lang`, for a token scoped to `region_id`.
    pub fn problems_in(&self, region_id: &str, lang: Lang) -> SignInProblems {
        let mut p = SignInProblems {
            region: region(region_id)
                .is_none()
                .then(|| t(lang, T::SignInRegion).to_string()),
            account: name_problem(&self.account, t(lang, T::Account), lang),
            user: name_problem(&self.user, t(lang, T::IamUser), lang),
            password: self
                .password
                .is_empty()
                .then(|| tf(lang, T::FieldEmpty, &[("field", &t(lang, T::Password))])),
            ..SignInProblems::default()
        };
        if self.mfa {
            p.user_id = name_problem(&self.user_id, t(lang, T::IamUserId), lang);
            let code = self.code.trim();
            p.code = (code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()))
                .then(|| t(lang, T::MfaCodeRule).to_string());
        }
        p
    }

    /// The request, when every field is fine.
    pub fn request(&self, region_id: &str) -> Option<TokenRequest> {
        if self.problems_in(region_id, Lang::En) != SignInProblems::default() {
            return None;
        }
        let totp = self.mfa.then(|| TotpMethod {
            user: TotpUser {
                id: self.user_id.trim().to_string(),
                passcode: self.code.trim().to_string(),
            },
        });
        let mut methods = vec!["password".to_string()];
        if totp.is_some() {
            methods.push("totp".into());
        }
        Some(TokenRequest {
            auth: Auth {
                identity: Identity {
                    methods,
                    password: PasswordMethod {
                        user: PasswordUser {
                            domain: Named {
                                name: self.account.trim().to_string(),
                            },
                            name: self.user.trim().to_string(),
                            password: self.password.clone(),
                        },
                    },
                    totp,
                },
                scope: Scope {
                    project: Named {
                        name: region_id.to_string(),
                    },
                },
            },
        })
    }

    /// The form after the call: the password and the code are gone.
    pub fn cleared(&self) -> SignIn {
        SignIn {
            password: String::new(),
            code: String::new(),
            ..self.clone()
        }
    }
}

/// What a failed sign-in says: IAM's own words for a refusal (wrong
/// password, wrong code), the usual message for anything else.
pub fn sign_in_failure_in(e: &ApiError, lang: Lang) -> String {
    match (e.status, &e.raw_message) {
        (Some(400 | 401 | 403), Some(msg)) => tf(lang, T::SignInRefused, &[("message", msg)]),
        _ => e.message_in(lang),
    }
}

/// Who a token belongs to, for the identity line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Who {
    /// IAM user name.
    pub user: String,
    /// Account name.
    pub account: String,
    /// The project id the token is scoped to, when it is.
    pub project_id: Option<String>,
    /// That project's name.
    pub project_name: String,
    /// Expiry, as IAM wrote it.
    pub expires_at: String,
    /// Expiry in milliseconds since the epoch, when it could be read.
    pub expires_ms: Option<f64>,
}

impl Who {
    /// From a token body.
    pub fn from_body(body: &TokenBody) -> Who {
        let t = &body.token;
        Who {
            user: t.user.name.clone(),
            account: t.user.domain.name.clone(),
            project_id: t
                .project
                .as_ref()
                .map(|p| p.id.clone())
                .filter(|id| !id.is_empty()),
            project_name: t
                .project
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            expires_at: t.expires_at.clone(),
            expires_ms: parse_utc_ms(&t.expires_at),
        }
    }

    /// "Signed in as alice (account acme) · project cn-north-4 · token expires 2026-11-30 12:00 UTC".
    pub fn line_in(&self, lang: Lang) -> String {
        let expires = readable_utc(&self.expires_at, 16);
        tf(
            lang,
            T::IdentityLine,
            &[
                ("user", &self.user),
                ("account", &self.account),
                ("project", &self.project_name),
                ("expires", &expires),
            ],
        )
    }
}

/// How close a token is to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// More than ten minutes left (or unknown).
    Fine,
    /// This many whole minutes left (at most 10).
    Soon(u32),
    /// Past its expiry.
    Expired,
}

/// Minutes before expiry at which the console warns.
pub const WARN_MINUTES: f64 = 10.0;

/// The state of a token expiring at `expires_ms`, at `now_ms`.
pub fn expiry(expires_ms: Option<f64>, now_ms: f64) -> Expiry {
    let Some(end) = expires_ms else {
        return Expiry::Fine;
    };
    let minutes = (end - now_ms) / 60_000.0;
    if minutes <= 0.0 {
        Expiry::Expired
    } else if minutes <= WARN_MINUTES {
        Expiry::Soon(minutes.ceil() as u32)
    } else {
        Expiry::Fine
    }
}

impl Expiry {
    /// The warning to show, if any.
    pub fn warning_in(self, lang: Lang) -> Option<String> {
        match self {
            Expiry::Fine => None,
            Expiry::Soon(m) => Some(tf(lang, T::TokenExpiresSoon, &[("minutes", &m)])),
            Expiry::Expired => Some(t(lang, T::TokenExpired).into()),
        }
    }
}

/// Milliseconds since the epoch of an ISO 8601 UTC time such as
/// `2026-11-30T12:00:00.000000Z` (the shape IAM writes).
pub fn parse_utc_ms(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some(((days * 86_400 + h * 3600 + mi * 60 + sec) * 1000) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An ISO 8601 UTC time for people: its first `len` characters (16: to the
/// minute, 19: to the second) with a space for the `T`, then " UTC"; the
/// text as it is when it is shorter.
pub fn readable_utc(iso: &str, len: usize) -> String {
    iso.get(..len)
        .map(|s| format!("{} UTC", s.replace('T', " ")))
        .unwrap_or_else(|| iso.to_string())
}

/// The ISO 8601 UTC form (`2026-11-30T12:00:00.000000Z`) of seconds since the epoch.
pub fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000000Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignIn {
        SignIn {
            account: "acme".into(),
            user: "alice".into(),
            password: "s3cret!".into(),
            ..SignIn::default()
        }
    }

    #[test]
    fn the_password_request_has_iam_s_shape() {
        let json = serde_json::to_value(form().request("cn-north-4").unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
                "domain": {"name": "acme"}, "name": "alice", "password": "s3cret!"}}},
                "scope": {"project": {"name": "cn-north-4"}}}})
        );
    }

    #[test]
    fn mfa_adds_totp_and_needs_six_digits() {
        let mut f = form();
        f.mfa = true;
        f.user_id = "0f1e".into();
        f.code = "12345".into();
        assert_eq!(
            f.problems_in("cn-north-4", Lang::En).code.as_deref(),
            Some("The MFA code is 6 digits.")
        );
        assert!(f.request("cn-north-4").is_none());
        f.code = " 246810 ".into();
        let json = serde_json::to_value(f.request("cn-north-4").unwrap()).unwrap();
        assert_eq!(
            json["auth"]["identity"]["methods"],
            serde_json::json!(["password", "totp"])
        );
        assert_eq!(
            json["auth"]["identity"]["totp"],
            serde_json::json!({"user": {"id": "0f1e", "passcode": "246810"}})
        );
    }

    #[test]
    fn every_field_names_its_problem_and_the_password_never_shows() {
        let p = SignIn::default().problems_in("", Lang::En);
        assert_eq!(p.account.as_deref(), Some("Account name is empty."));
        assert_eq!(p.user.as_deref(), Some("IAM user name is empty."));
        assert_eq!(p.password.as_deref(), Some("Password is empty."));
        assert!(p.region.unwrap().contains("region"));
        let f = form();
        assert!(!format!("{f:?}").contains("s3cret"));
        assert!(!format!("{:?}", f.request("cn-north-4").unwrap()).contains("s3cret"));
        let cleared = f.cleared();
        assert!(cleared.password.is_empty() && cleared.account == "acme");
    }

    #[test]
    fn who_comes_from_the_token_body() {
        let body: TokenBody = serde_json::from_str(
            r#"{"token":{"expires_at":"2026-11-30T12:00:00.000000Z","methods":["password"],
            "project":{"id":"p-1","name":"cn-north-4"},"user":{"id":"u","name":"alice","domain":{"id":"d","name":"acme"}}}}"#,
        )
        .unwrap();
        let who = Who::from_body(&body);
        assert_eq!(who.project_id.as_deref(), Some("p-1"));
        assert_eq!(
            who.line_in(Lang::En),
            "Signed in as alice (account acme) · project cn-north-4 · token expires 2026-11-30 12:00 UTC"
        );
        assert_eq!(who.expires_ms, Some(1_796_040_000_000.0));
    }

    #[test]
    fn a_refused_sign_in_says_iam_s_words() {
        let e = ApiError::decode(
            401,
            None,
            None,
            br#"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#,
        );
        assert_eq!(
            sign_in_failure_in(&e, Lang::En),
            "IAM refused the sign-in: The username or password is wrong."
        );
        assert!(
            sign_in_failure_in(&ApiError::network("x"), Lang::En).contains("could not be reached")
        );
    }

    #[test]
    fn expiry_warns_ten_minutes_ahead() {
        let end = Some(1_000_000_000.0);
        assert_eq!(expiry(end, 1_000_000_000.0 - 11.0 * 60_000.0), Expiry::Fine);
        assert_eq!(
            expiry(end, 1_000_000_000.0 - 9.5 * 60_000.0),
            Expiry::Soon(10)
        );
        assert_eq!(expiry(end, 1_000_000_000.0 - 30_000.0), Expiry::Soon(1));
        assert_eq!(expiry(end, 1_000_000_000.0), Expiry::Expired);
        assert_eq!(expiry(None, 0.0), Expiry::Fine);
        assert!(Expiry::Soon(3)
            .warning_in(Lang::En)
            .unwrap()
            .contains("3 minutes"));
    }

    #[test]
    fn utc_times_round_trip() {
        for secs in [0i64, 951_782_400, 1_796_040_000, 4_102_444_799] {
            let s = format_utc(secs);
            assert_eq!(parse_utc_ms(&s), Some(secs as f64 * 1000.0), "{s}");
        }
        assert_eq!(format_utc(1_796_040_000), "2026-11-30T12:00:00.000000Z");
        let iso = format_utc(1_796_040_007);
        assert_eq!(readable_utc(&iso, 19), "2026-11-30 12:00:07 UTC");
        assert_eq!(readable_utc(&iso, 16), "2026-11-30 12:00 UTC");
        assert_eq!(readable_utc("soon", 16), "soon");
        assert_eq!(parse_utc_ms("yesterday"), None);
        assert_eq!(parse_utc_ms("2026-13-01T00:00:00Z"), None);
    }

    #[test]
    fn projects_put_the_region_first() {
        let body: ProjectsBody = serde_json::from_str(
            r#"{"projects":[{"id":"a","name":"ap-southeast-1","enabled":true,"domain_id":"d"},
            {"id":"b","name":"cn-north-4_dev","enabled":true,"domain_id":"d"},
            {"id":"c","name":"cn-north-4","enabled":true,"domain_id":"d"},
            {"id":"x","name":"cn-east-3","enabled":false,"domain_id":"d"}]}"#,
        )
        .unwrap();
        let names: Vec<String> = body
            .usable("cn-north-4")
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["cn-north-4", "cn-north-4_dev", "ap-southeast-1"]);
    }
}
