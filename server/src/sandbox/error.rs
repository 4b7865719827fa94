//! Error responses in the service's shape `{"error_code", "error_msg"}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use hotspot_users::model::ServiceErrorBody;

/// An API error the sandbox answers with.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxError {
    /// HTTP status.
    pub status: StatusCode,
    /// `error_code`.
    pub code: &'static str,
    /// `error_msg`.
    pub msg: String,
}

impl SandboxError {
    /// 400 with the service's "invalid parameter" code.
    pub fn invalid(msg: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "WKS.00211102",
            msg: msg.into(),
        }
    }

    /// 404: unknown project or configuration.
    pub fn not_found(msg: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            code: "WKS.00210404",
            msg: msg.into(),
        }
    }

    /// 405: the path does not take this method.
    pub fn method_not_allowed() -> Self {
        Self {
            status: StatusCode::METHOD_NOT_ALLOWED,
            code: "WKS.00210405",
            msg: "The method specified in the request is not allowed.".into(),
        }
    }
}

impl IntoResponse for SandboxError {
    fn into_response(self) -> Response {
        let body = ServiceErrorBody {
            error_code: self.code.into(),
            error_msg: self.msg,
            request_id: None,
        };
        (self.status, Json(body)).into_response()
    }
}
