//! What any call of the console's needs: the connection form's values,
//! the host page's tokens and the console's lifetime.

use crate::model::connection::{Connection, Ready};
use crate::model::ApiError;
use crate::ui::browser::host::{resolve, TokenSource};
use crate::ui::net::lifetime::Lifetime;

/// The connection, the host's token source and the console's lifetime.
#[derive(Clone, PartialEq)]
pub struct Access {
    /// The connection form's values.
    pub connection: Connection,
    /// The host page's tokens, when it supplies them.
    pub tokens: Option<TokenSource>,
    /// The console's lifetime.
    pub lifetime: Lifetime,
}

impl Access {
    /// The connection with its token, or why there is none.
    pub async fn ready(&self) -> Result<Ready, ApiError> {
        resolve(self.connection.clone(), self.tokens.clone())
            .await?
            .ok_or_else(ApiError::form_incomplete)
    }
}
