//! The directory's two tools in the toolbar: "Add from directory…" (a
//! dialog) and "Check against the directory" (a panel), each with its
//! state.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{t, T};
use crate::model::Table;
use crate::ui::browser::on_demand::{self, opening};
use crate::ui::components::directory_check::{self, CheckState, DirectoryCheckPanel};
use crate::ui::components::directory_dialog::DirectoryDialog;
use crate::ui::net::access::Access;
use crate::ui::state::Msg;
use crate::ui::use_lang;

/// Props of [`DirectoryTools`].
#[derive(Properties, PartialEq)]
pub struct DirectoryToolsProps {
    /// Where the directory is.
    pub access: Access,
    /// The table.
    pub table: Rc<Table>,
    /// Staging and notices.
    pub on_msg: Callback<Msg>,
}

/// The two buttons and what they open.
#[function_component(DirectoryTools)]
pub fn directory_tools(p: &DirectoryToolsProps) -> Html {
    let lang = use_lang();
    let adding = use_state(|| false);
    let checking = use_state(|| None::<CheckState>);
    let add_button = use_node_ref();
    let open = {
        let adding = adding.clone();
        opening(&p.on_msg, Callback::from(move |()| adding.set(true)))
    };
    let close = {
        let adding = adding.clone();
        Callback::from(move |_| adding.set(false))
    };
    // While the on-demand part is on its way, a check has been asked for:
    // the button is disabled, so a second click (a double click) cannot
    // start a second read.
    let preparing = use_state(|| false);
    let on_check = {
        let (checking, access, table, on_msg) = (
            checking.clone(),
            p.access.clone(),
            p.table.clone(),
            p.on_msg.clone(),
        );
        let preparing = preparing.clone();
        Callback::from(move |_| {
            preparing.set(true);
            let preparing = preparing.clone();
            let settled = move || preparing.set(false);
            let state = (checking.clone(), access.clone(), table.clone());
            on_demand::run_settled(&on_msg, settled, directory_check::start, state);
        })
    };
    let close_check = {
        let checking = checking.clone();
        Callback::from(move |_| checking.set(None))
    };
    html! {
        <>
            <button type="button" class="hu-secondary" onclick={open} ref={add_button.clone()}>{ t(lang, T::AddFromDirectory) }</button>
            <button type="button" class="hu-secondary" onclick={on_check}
                disabled={*preparing || matches!(*checking, Some(CheckState::Reading))}>{ t(lang, T::CheckDirectory) }</button>
            if let Some(state) = (*checking).clone() {
                <DirectoryCheckPanel {state} on_msg={p.on_msg.clone()} on_close={close_check} />
            }
            if *adding {
                <DirectoryDialog access={p.access.clone()} table={p.table.clone()} on_msg={p.on_msg.clone()}
                    on_close={close} return_focus={add_button} />
            }
        </>
    }
}
