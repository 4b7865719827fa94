//! Sign-in with an IAM user: account, user name, password and, when the
//! user has MFA, the IAM user ID and code. The password leaves the form as
//! soon as the call starts and is never stored.

use yew::prelude::*;

use crate::i18n::{t, T};
use crate::model::iam::{sign_in_failure_in, SignIn, Who};
use crate::model::{ApiBase, ApiError};
use crate::ui::components::field::TextField;
use crate::ui::net::iam;
use crate::ui::net::lifetime::Lifetime;
use crate::ui::use_lang;

/// Props of [`SignInForm`].
#[derive(Properties, PartialEq)]
pub struct SignInFormProps {
    /// Prefix of the element ids (a page may show two forms).
    pub id: AttrValue,
    /// The region the token is scoped to.
    pub region: AttrValue,
    /// Where IAM is reached (same origin).
    pub base: ApiBase,
    /// Signed in: the token and who it is.
    pub on_signed_in: Callback<(String, Who)>,
}

fn setter(form: &UseStateHandle<SignIn>, set: fn(&mut SignIn, String)) -> Callback<String> {
    let form = form.clone();
    Callback::from(move |v: String| {
        let mut f = (*form).clone();
        set(&mut f, v);
        form.set(f);
    })
}

/// The sign-in form.
#[function_component(SignInForm)]
pub fn sign_in_form(p: &SignInFormProps) -> Html {
    let lang = use_lang();
    let lifetime = use_context::<Lifetime>().unwrap_or_default();
    let form = use_state(SignIn::default);
    let busy = use_state(|| false);
    let tried = use_state(|| false);
    let failed = use_state(|| None::<ApiError>);
    let problems = form.problems_in(&p.region, lang);
    let onsubmit = {
        let (form, busy, tried, failed) =
            (form.clone(), busy.clone(), tried.clone(), failed.clone());
        let (region, base, done) = (p.region.to_string(), p.base.clone(), p.on_signed_in.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            if *busy || form.request(&region).is_none() {
                return;
            }
            let sent = (*form).clone();
            // The password and code leave the form now, whatever the answer.
            form.set(sent.cleared());
            busy.set(true);
            failed.set(None);
            let (busy, failed, done, base, region) = (
                busy.clone(),
                failed.clone(),
                done.clone(),
                base.clone(),
                region.clone(),
            );
            let (lifetime, tried) = (lifetime.clone(), tried.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match iam::sign_in(&base, sent, &region, lang, &lifetime).await {
                    Ok(signed_in) => done.emit(signed_in),
                    Err(e) => {
                        // The cleared password is not a second problem: IAM's answer is the one.
                        tried.set(false);
                        failed.set(Some(e));
                    }
                }
                busy.set(false);
            });
        })
    };
    let on_mfa = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            form.set(SignIn {
                mfa: on,
                ..(*form).clone()
            });
        })
    };
    let id = |name: &str| format!("{}-{name}", p.id);
    let shown = *tried;
    html! {
        <form class="hu-sign-in" {onsubmit} aria-label={t(lang, T::SignInIam)} novalidate=true>
            if let (true, Some(problem)) = (shown, problems.region.clone()) {
                <p class="hu-error" role="alert">{ problem }</p>
            }
            <TextField id={id("account")} label={t(lang, T::Account)} value={form.account.clone()} problem={problems.account}
                show_empty={shown} autocomplete="organization" on_input={setter(&form, |f, v| f.account = v)} />
            <TextField id={id("user")} label={t(lang, T::IamUser)} value={form.user.clone()} problem={problems.user}
                show_empty={shown} autocomplete="username" on_input={setter(&form, |f, v| f.user = v)} />
            <TextField id={id("password")} label={t(lang, T::Password)} kind="password" value={form.password.clone()}
                problem={problems.password.filter(|_| shown)} show_empty={shown} autocomplete="current-password"
                on_input={setter(&form, |f, v| f.password = v)} />
            <div class="hu-field hu-check">
                <label><input type="checkbox" id={id("mfa")} checked={form.mfa} onchange={on_mfa} />{ t(lang, T::UsesMfa) }</label>
            </div>
            if form.mfa {
                <TextField id={id("user-id")} label={t(lang, T::IamUserId)} value={form.user_id.clone()} problem={problems.user_id}
                    show_empty={shown} on_input={setter(&form, |f, v| f.user_id = v)} />
                <TextField id={id("code")} label={t(lang, T::MfaCode)} value={form.code.clone()} problem={problems.code}
                    show_empty={shown} autocomplete="one-time-code" on_input={setter(&form, |f, v| f.code = v)} />
            }
            <div class="hu-actions">
                <button type="submit" class="hu-primary" disabled={*busy}>
                    { t(lang, if *busy { T::SigningIn } else { T::SignInButton }) }
                </button>
            </div>
            <p class="hu-hint">{ t(lang, T::SignInHint) }</p>
            if let Some(e) = &*failed {
                <div class="hu-error" role="alert">{ sign_in_failure_in(e, lang) }</div>
            }
        </form>
    }
}
