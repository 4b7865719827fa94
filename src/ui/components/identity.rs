//! Who the token belongs to: sign-in with an IAM user (an alternative to
//! pasting a token), the identity line with the token's expiry, a warning
//! ten minutes before it, and the projects the token may use.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::i18n::{t, T};
use crate::model::iam::{expiry, AuthProject, Who};
use crate::model::ApiBase;
use crate::ui::components::sign_in::SignInForm;
use crate::ui::use_lang;

/// Props of [`IdentityPanel`].
#[derive(Properties, PartialEq)]
pub struct IdentityPanelProps {
    /// The region the sign-in is scoped to.
    pub region: AttrValue,
    /// Where IAM is reached.
    pub base: ApiBase,
    /// The project ID field.
    pub project: AttrValue,
    /// Who the current token belongs to, when known.
    pub who: Option<Who>,
    /// Why the pasted token could not be checked.
    #[prop_or_default]
    pub check_failed: Option<String>,
    /// The projects the token may use.
    #[prop_or_default]
    pub projects: Vec<AuthProject>,
    /// Signed in.
    pub on_signed_in: Callback<(String, Who)>,
    /// A project chosen from the token's.
    pub on_project: Callback<String>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The identity panel.
#[function_component(IdentityPanel)]
pub fn identity_panel(p: &IdentityPanelProps) -> Html {
    let lang = use_lang();
    let open = use_state(|| false);
    let now = use_state(now_ms);
    {
        // The expiry warning follows the clock.
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Interval::new(15_000, move || now.set(now_ms()));
            move || drop(tick)
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let on_signed_in = {
        let (open, done) = (open.clone(), p.on_signed_in.clone());
        Callback::from(move |signed_in: (String, Who)| {
            open.set(false);
            done.emit(signed_in);
        })
    };
    let on_pick = p.on_project.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    });
    let warning = p
        .who
        .as_ref()
        .and_then(|w| expiry(w.expires_ms, *now).warning_in(lang));
    html! {
        <section class="hu-identity" aria-label={t(lang, T::SignInIam)}>
            if let Some(who) = &p.who {
                <p class="hu-who" role="status">{ who.line_in(lang) }</p>
            }
            if let Some(w) = warning {
                <p class="hu-warning" role="alert">{ w }</p>
            }
            if let Some(why) = &p.check_failed {
                <p class="hu-hint">{ why.clone() }</p>
            }
            if !p.projects.is_empty() {
                <div class="hu-field">
                    <label for="hu-token-projects">{ t(lang, T::ProjectsOfToken) }</label>
                    <select id="hu-token-projects" onchange={on_pick}>
                        { for p.projects.iter().map(|pr| html! {
                            <option value={pr.id.clone()} selected={p.project == pr.id}>{ format!("{} — {}", pr.name, pr.id) }</option>
                        }) }
                    </select>
                </div>
            }
            <button type="button" class="hu-secondary" aria-expanded={open.to_string()} onclick={toggle}>
                { t(lang, T::SignInIam) }
            </button>
            if *open {
                <SignInForm id="hu-sign-in" region={p.region.clone()} base={p.base.clone()} {on_signed_in} />
            }
        </section>
    }
}
