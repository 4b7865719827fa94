//! The add-user form, with inline validation from the model.

use yew::prelude::*;

use crate::model::ids::{valid_user, UserId, UserName};
use crate::model::table::user_info;
use crate::model::Action;
use crate::ui::field::TextField;
use crate::ui::state::Msg;

/// Props of [`AddUserForm`].
#[derive(Properties, PartialEq)]
pub struct AddUserFormProps {
    /// Stages the user.
    pub on_msg: Callback<Msg>,
}

/// A user id and an optional name; Add stages an ADD.
#[function_component(AddUserForm)]
pub fn add_user_form(p: &AddUserFormProps) -> Html {
    let id = use_state(String::new);
    let name = use_state(String::new);
    let id_problem = UserId::parse(&id).err().map(|e| e.message());
    let name_problem = if name.trim().is_empty() {
        None
    } else {
        UserName::parse(&name).err().map(|e| e.message())
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
                    on_msg.emit(Msg::Notice(format!("Staged {} for adding.", u.id())));
                    on_msg.emit(Msg::Table(Action::Add(vec![u])));
                    id.set(String::new());
                    name.set(String::new());
                }
                Err(e) => on_msg.emit(Msg::Notice(e.message())),
            }
        })
    };
    let set = |s: UseStateHandle<String>| Callback::from(move |v: String| s.set(v));
    html! {
        <form class="hu-add" {onsubmit} aria-label="Add a user">
            <TextField id="hu-add-id" label="New user ID" value={(*id).clone()} problem={id_problem} on_input={set(id.clone())} />
            <TextField id="hu-add-name" label="User name" value={(*name).clone()} problem={name_problem}
                hint="Optional." on_input={set(name.clone())} />
            <button type="submit" class="hu-primary" disabled={!valid}>{ "Add user" }</button>
        </form>
    }
}
