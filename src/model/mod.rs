//! The console's shared model: API types, validation, endpoints, error
//! decoding, the staged table and its change plan, import and export.
//! Plain Rust: no UI or browser imports, so it is tested natively and
//! shared with the sandbox server.

pub mod activity;
pub mod connection;
pub mod console;
pub mod demo;
pub mod directory;
pub mod endpoints;
pub mod errors;
pub mod export;
pub mod history;
pub mod iam;
pub mod ids;
pub mod import;
pub mod notice;
pub mod paging;
pub mod plan;
pub mod plan_file;
pub mod preview;
pub mod resolve;
pub mod retry;
pub mod server_info;
pub mod settings;
pub mod sync;
pub mod table;
pub mod types;
pub mod view;

pub use endpoints::{ApiBase, Page, Region, REGIONS};
pub use errors::ApiError;
pub use ids::{ConfigId, FieldError, ProjectId, UserId, UserName};
pub use plan::{plan, Plan, PlanError};
pub use table::{Action, Row, RowStatus, Staged, Table};
pub use types::*;
