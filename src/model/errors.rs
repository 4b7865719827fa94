//! Decoding of every failure shape into one typed [`ApiError`] with a
//! message a person can act on. Service codes are shown as given: their
//! meaning is never guessed.

use serde::Deserialize;

use crate::i18n::{t, tf, Lang, T};
use crate::model::ServiceErrorBody;

/// What the response body looked like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyShape {
    /// `{"error_code", "error_msg"}` from the service.
    Service,
    /// The API gateway's shape: `error_code` `APIGW.*`, usually with `request_id`.
    Gateway,
    /// IAM's `{"error": {"code", "message", "title"}}`.
    Iam,
    /// No body at all.
    Empty,
    /// An HTML page, typically from a proxy or load balancer.
    Html,
    /// JSON that stops or breaks part-way.
    MalformedJson,
    /// Any other text.
    Text(String),
    /// No response: the connection failed.
    Network(String),
    /// Nothing was sent: the connection form lacks a valid token,
    /// project or configuration.
    FormIncomplete,
    /// No response within the client's time limit.
    Timeout {
        /// The limit, in milliseconds.
        after_ms: u32,
    },
}

/// A failed API call, with everything support needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status; `None` when no response arrived.
    pub status: Option<u16>,
    /// `error_code` (or IAM code) as sent.
    pub code: Option<String>,
    /// `error_msg` (or IAM message) as sent.
    pub raw_message: Option<String>,
    /// `X-Request-Id`, or the body's `request_id`.
    pub request_id: Option<String>,
    /// Seconds from `Retry-After`, when given as a number.
    pub retry_after_secs: Option<u32>,
    /// What the body looked like.
    pub shape: BodyShape,
}

#[derive(Deserialize)]
struct IamBody {
    error: IamInner,
}

#[derive(Deserialize)]
struct IamInner {
    #[serde(default)]
    code: CodeText,
    #[serde(default)]
    message: String,
    #[serde(default)]
    title: String,
}

/// IAM's error `code`: a string, or a number as text; `None` for null.
/// A small visitor instead of `serde_json::Value`, whose decoder the
/// console would otherwise carry for this one field.
#[derive(Default)]
struct CodeText(Option<String>);

impl<'de> Deserialize<'de> for CodeText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = CodeText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E>(self, v: &str) -> Result<CodeText, E> {
                Ok(CodeText(Some(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<CodeText, E> {
                Ok(CodeText(Some(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<CodeText, E> {
                Ok(CodeText(Some(v.to_string())))
            }
            fn visit_unit<E>(self) -> Result<CodeText, E> {
                Ok(CodeText(None))
            }
        }
        d.deserialize_any(Visit)
    }
}

const TEXT_EXCERPT: usize = 200;

impl ApiError {
    /// Decodes a non-2xx response.
    pub fn decode(
        status: u16,
        request_id: Option<&str>,
        retry_after: Option<&str>,
        body: &[u8],
    ) -> Self {
        let mut err = ApiError {
            status: Some(status),
            code: None,
            raw_message: None,
            request_id: request_id
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
            retry_after_secs: retry_after.and_then(|v| v.trim().parse().ok()),
            shape: BodyShape::Empty,
        };
        let text = String::from_utf8_lossy(body);
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        if trimmed.is_empty() {
            return err;
        }
        if let Ok(b) = crate::json::parse::<ServiceErrorBody>(trimmed) {
            err.shape = if b.error_code.starts_with("APIGW.") {
                BodyShape::Gateway
            } else {
                BodyShape::Service
            };
            err.code = Some(b.error_code);
            err.raw_message = Some(b.error_msg);
            if err.request_id.is_none() {
                err.request_id = b.request_id;
            }
        } else if let Ok(b) = crate::json::parse::<IamBody>(trimmed) {
            err.shape = BodyShape::Iam;
            err.code = Some(match b.error.code.0 {
                Some(code) => code,
                None => b.error.title.clone(),
            });
            err.raw_message = Some(if b.error.message.is_empty() {
                b.error.title
            } else {
                b.error.message
            });
        } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
            err.shape = BodyShape::MalformedJson;
        } else if trimmed.starts_with('<') && trimmed.to_ascii_lowercase().contains("html") {
            err.shape = BodyShape::Html;
        } else {
            err.shape = BodyShape::Text(trimmed.chars().take(TEXT_EXCERPT).collect());
        }
        err
    }

    /// The connection failed before any response.
    pub fn network(detail: impl Into<String>) -> Self {
        Self::without_response(BodyShape::Network(detail.into()))
    }

    /// Nothing was sent: the connection form is not complete.
    pub fn form_incomplete() -> Self {
        Self::without_response(BodyShape::FormIncomplete)
    }

    /// The project's list (a 200) does not hold configuration `id`: shown as
    /// a 404 naming it, with no code, since no service said so.
    pub fn config_not_listed(id: &str) -> Self {
        let mut e = Self::decode(404, None, None, b"");
        e.shape = BodyShape::Text(tf(Lang::En, T::ConfigNotListed, &[("id", &id)]));
        e
    }

    /// No response within `after_ms`.
    pub fn timeout(after_ms: u32) -> Self {
        Self::without_response(BodyShape::Timeout { after_ms })
    }

    fn without_response(shape: BodyShape) -> Self {
        ApiError {
            status: None,
            code: None,
            raw_message: None,
            request_id: None,
            retry_after_secs: None,
            shape,
        }
    }

    /// A success response whose body did not decode.
    pub fn undecodable(status: u16, request_id: Option<&str>, detail: &str) -> Self {
        let mut e = Self::decode(status, request_id, None, b"");
        e.shape = BodyShape::Text(format!("unexpected response body: {detail}"));
        e
    }

    /// Whether sending the same request again is safe and may succeed.
    pub fn is_retryable(&self) -> bool {
        match self.status {
            None => self.shape != BodyShape::FormIncomplete,
            Some(s) => {
                matches!(s, 429 | 500 | 502 | 503 | 504)
                    || self.code.as_deref() == Some("APIGW.0308")
            }
        }
    }

    /// Whether the token must be replaced before going on.
    pub fn needs_new_token(&self) -> bool {
        self.status == Some(401)
    }

    /// What happened and what to do next, in one or two sentences.
    pub fn headline(&self) -> String {
        self.headline_in(Lang::En)
    }

    /// The headline in `lang`.
    pub fn headline_in(&self, lang: Lang) -> String {
        let key = match (&self.shape, self.status) {
            (BodyShape::Network(d), _) => return tf(lang, T::ErrNetwork, &[("detail", d)]),
            (BodyShape::FormIncomplete, _) => T::ErrFormIncomplete,
            (BodyShape::Timeout { after_ms }, _) => {
                return tf(lang, T::ErrTimeout, &[("seconds", &(after_ms / 1000))])
            }
            (_, Some(401)) => T::Err401,
            (_, Some(403)) => T::Err403,
            (_, Some(404)) => T::Err404,
            (_, Some(405)) => T::Err405,
            (_, Some(413)) => T::Err413,
            (_, Some(429)) => T::Err429,
            (_, Some(400)) => T::Err400,
            (_, Some(500)) => T::Err500,
            (_, Some(502..=504)) => T::Err5xx,
            (_, Some(s)) => return tf(lang, T::ErrStatus, &[("status", &s)]),
            (_, None) => T::ErrFailed,
        };
        t(lang, key).to_string()
    }

    /// What the body said, when it said anything useful.
    pub fn detail(&self) -> Option<String> {
        self.detail_in(Lang::En)
    }

    /// The detail in `lang`; codes and messages from the API stay as sent.
    pub fn detail_in(&self, lang: Lang) -> Option<String> {
        match &self.shape {
            BodyShape::Service | BodyShape::Gateway | BodyShape::Iam => Some(format!(
                "{}: {}",
                self.code.as_deref().unwrap_or("?"),
                self.raw_message.as_deref().unwrap_or("")
            )),
            BodyShape::Html => Some(t(lang, T::DetailHtml).into()),
            BodyShape::MalformedJson => Some(t(lang, T::DetailMalformed).into()),
            BodyShape::Text(text) => Some(tf(lang, T::DetailText, &[("text", text)])),
            BodyShape::Empty => Some(t(lang, T::DetailEmpty).into()),
            BodyShape::Network(_) | BodyShape::FormIncomplete | BodyShape::Timeout { .. } => None,
        }
    }

    /// Headline, detail, status and request id in one line, for logs and notices.
    pub fn message(&self) -> String {
        self.message_in(Lang::En)
    }

    /// The one-line message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let mut out = self.headline_in(lang);
        if let Some(d) = self.detail_in(lang) {
            out.push(' ');
            out.push_str(&d);
        }
        if let Some(status) = self.status {
            let http = match &self.request_id {
                Some(r) => tf(lang, T::HttpRequest, &[("status", &status), ("request", r)]),
                None => tf(lang, T::Http, &[("status", &status)]),
            };
            out.push_str(&format!(" ({http})"));
        }
        out
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_error_keeps_code_and_message_as_given() {
        let e = ApiError::decode(
            400,
            Some("req-1"),
            None,
            br#"{"error_code":"WKS.00211102","error_msg":"The parameter is invalid."}"#,
        );
        assert_eq!(e.shape, BodyShape::Service);
        assert_eq!(e.code.as_deref(), Some("WKS.00211102"));
        assert_eq!(e.raw_message.as_deref(), Some("The parameter is invalid."));
        assert_eq!(e.request_id.as_deref(), Some("req-1"));
        assert!(!e.is_retryable());
        assert_eq!(
            e.message(),
            "The API refused the request as invalid. WKS.00211102: The parameter is invalid. (HTTP 400, request req-1)"
        );
    }

    #[test]
    fn expired_token_asks_for_a_new_one() {
        let e = ApiError::decode(
            401,
            None,
            None,
            br#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: token expires","request_id":"gw-9"}"#,
        );
        assert_eq!(e.shape, BodyShape::Gateway);
        assert_eq!(e.request_id.as_deref(), Some("gw-9"));
        assert!(e.needs_new_token());
        assert!(!e.is_retryable());
        assert!(e.headline().contains("paste a new one"));
    }

    #[test]
    fn header_request_id_wins_over_body() {
        let e = ApiError::decode(
            401,
            Some("hdr"),
            None,
            br#"{"error_code":"APIGW.0301","error_msg":"x","request_id":"body"}"#,
        );
        assert_eq!(e.request_id.as_deref(), Some("hdr"));
    }

    #[test]
    fn throttling_is_retryable_with_retry_after() {
        let e = ApiError::decode(
            429,
            None,
            Some("7"),
            br#"{"error_code":"APIGW.0308","error_msg":"throttled"}"#,
        );
        assert!(e.is_retryable());
        assert_eq!(e.retry_after_secs, Some(7));
        assert!(e.headline().contains("throttling"));
    }

    #[test]
    fn iam_shape() {
        let e = ApiError::decode(
            401,
            None,
            None,
            br#"{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}"#,
        );
        assert_eq!(e.shape, BodyShape::Iam);
        assert_eq!(e.code.as_deref(), Some("401"));
        assert!(e.detail().unwrap().contains("requires authentication"));
        // A string code as sent; a null or absent one falls back to the title.
        let named = ApiError::decode(
            400,
            None,
            None,
            br#"{"error":{"code":"1101","message":"m"}}"#,
        );
        assert_eq!(named.code.as_deref(), Some("1101"));
        for body in [
            &br#"{"error":{"code":null,"title":"Bad"}}"#[..],
            br#"{"error":{"title":"Bad"}}"#,
        ] {
            let e = ApiError::decode(400, None, None, body);
            assert_eq!((e.shape, e.code.as_deref()), (BodyShape::Iam, Some("Bad")));
        }
    }

    #[test]
    fn html_empty_text_and_truncated_bodies() {
        let html = ApiError::decode(
            502,
            None,
            None,
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        );
        assert_eq!(html.shape, BodyShape::Html);
        assert!(html.is_retryable());
        assert!(html.detail().unwrap().contains("HTML page"));
        let empty = ApiError::decode(503, None, Some("2"), b"");
        assert_eq!(empty.shape, BodyShape::Empty);
        assert_eq!(empty.retry_after_secs, Some(2));
        let text = ApiError::decode(504, None, None, b"upstream timed out");
        assert_eq!(text.shape, BodyShape::Text("upstream timed out".into()));
        let cut = ApiError::decode(500, None, None, br#"{"error_code":"WKS.0001","error_m"#);
        assert_eq!(cut.shape, BodyShape::MalformedJson);
        assert!(cut.is_retryable());
    }

    #[test]
    fn network_and_timeout_are_retryable_without_status() {
        let n = ApiError::network("connection refused");
        assert!(n.is_retryable());
        assert_eq!(n.status, None);
        assert!(n.message().contains("connection refused"));
        let t = ApiError::timeout(15_000);
        assert!(t.is_retryable());
        assert!(t.message().contains("15 seconds"));
    }

    #[test]
    fn an_incomplete_form_is_neither_the_network_nor_worth_retrying() {
        let e = ApiError::form_incomplete();
        assert!(!e.is_retryable());
        assert!(!e.needs_new_token());
        assert_eq!(
            e.message(),
            "Nothing was sent: the connection form above needs a valid project, configuration and token (or sign in)."
        );
        assert!(!e.message().contains("could not be reached"));
        assert!(e.message_in(Lang::Zh).starts_with("未发送任何内容"));
    }

    #[test]
    fn unknown_status_is_named() {
        let e = ApiError::decode(418, None, None, b"");
        assert!(e.headline().contains("418"));
    }

    #[test]
    fn long_text_is_cut() {
        let body = "x".repeat(10_000);
        let e = ApiError::decode(500, None, None, body.as_bytes());
        match e.shape {
            BodyShape::Text(t) => assert_eq!(t.chars().count(), TEXT_EXCERPT),
            other => panic!("{other:?}"),
        }
    }
}
