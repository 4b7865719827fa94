//! The add-user form, with inline validation from the model.

use yew::prelude::*;

use crate::i18n::{t, T};
use crate::model::ids::{valid_user, UserId, UserName};
use crate::model::notice::Notice;
use crate::model::table::user_info;
use crate::model::Action;
use crate::ui::components::field::TextField;
use crate::ui::state::Msg;
use crate::ui::use_lang;

/// Props of [`AddUserForm`].
#[derive(Properties, PartialEq)]
pub struct AddUserFormProps {
    /// Stages the user.
    pub on_msg: Callback<Msg>,
}

/// A user id and an optional name; Add stages an ADD.
#[function_component(AddUserForm)]
pub fn add_user_form(p: &AddUserFormProps) -> Html {
    let lang = use_lang();
    let id = use_state(String::new);
    let name = use_state(String::new);
    let id_problem = UserId::parse(&id).err().map(|e| e.message_in(lang));
    let name_problem = if name.trim().is_empty() {
        None
    } else {
        UserName::parse(&name).err().map(|e| e.message_in(lang))
    };
    let valid = id_problem.is_none() && name_problem.is_none();
    let onsubmit = {
        let (id, name, on_msg) = (id.clone(), name.clone(), p.on_msg.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let user = if name.trim().is_empty() {
                UserId::parse(&id).map(|i| user_info(i.as_str(), ""))
            } else {
                valid_user(&id, &name)
            };
            match user {
                Ok(u) => {
                    on_msg.emit(Msg::Notice(Notice::text(
                        T::StagedForAdding,
                        &[("id", &u.id())],
                    )));
                    on_msg.emit(Msg::Table(Action::Add(vec![u])));
                    id.set(String::new());
                    name.set(String::new());
                }
                Err(e) => on_msg.emit(Msg::Notice(Notice::Field(e))),
            }
        })
    };
    let set = |s: UseStateHandle<String>| Callback::from(move |v: String| s.set(v));
    html! {
        <form class="hu-add" {onsubmit} aria-label={t(lang, T::AddAUser)}>
            <TextField id="hu-add-id" label={t(lang, T::NewUserId)} value={(*id).clone()} problem={id_problem} on_input={set(id.clone())} />
            <TextField id="hu-add-name" label={t(lang, T::UserName)} value={(*name).clone()} problem={name_problem}
                hint={t(lang, T::Optional)} on_input={set(name.clone())} />
            <button type="submit" class="hu-primary" disabled={!valid}>{ t(lang, T::AddUser) }</button>
        </form>
    }
}
