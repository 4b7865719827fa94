//! IAM through the console's own origin (the gateway or the sandbox):
//! sign in for a token, check a pasted token, list the projects a token
//! may use. Decisions (the request, who signed in, which projects) are the
//! model's ([`crate::model::iam`]).

use crate::i18n::{t, Lang, T};
use crate::model::iam::{AuthProject, ProjectsBody, SignIn, TokenBody, Who};
use crate::model::{ApiBase, ApiError};
use crate::ui::net::api;
use crate::ui::net::lifetime::Lifetime;

/// Signs in with `form` for a token scoped to `region`: the token and who it is.
/// The request (and the password in it) is dropped as soon as the call returns.
pub async fn sign_in(
    base: &ApiBase,
    form: SignIn,
    region: &str,
    lang: Lang,
    lifetime: &Lifetime,
) -> Result<(String, Who), ApiError> {
    let request = form
        .request(region)
        .ok_or_else(|| ApiError::network(t(lang, T::SignInRegion)))?;
    drop(form);
    let result = api::sign_in::<_, TokenBody>(&base.iam_tokens(true), &request, lifetime).await;
    drop(request);
    let (reply, token) = result?;
    Ok((token, Who::from_body(&reply.body)))
}

/// Who `token` belongs to and until when.
pub async fn check(base: &ApiBase, token: &str, lifetime: &Lifetime) -> Result<Who, ApiError> {
    let reply = api::check_token::<TokenBody>(&base.iam_tokens(false), token, lifetime).await?;
    Ok(Who::from_body(&reply.body))
}

/// The projects `token` may use, the region's own first.
pub async fn projects(
    base: &ApiBase,
    token: &str,
    region: &str,
    lifetime: &Lifetime,
) -> Result<Vec<AuthProject>, ApiError> {
    let reply = api::get_json::<ProjectsBody>(
        &base.iam_projects(),
        token,
        api::DEFAULT_TIMEOUT_MS,
        lifetime,
    )
    .await?;
    Ok(reply.body.usable(region))
}
