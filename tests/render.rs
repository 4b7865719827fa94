//! Render tests of the console's components in headless Chromium
//! (wasm-bindgen-test). Each renders into a fresh element, lets Yew run,
//! then asserts on the DOM and on the messages the component emitted.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use hotspot_users::model::{Action, ApiBase, ApiError, ConfigId, ProjectId, UserInfo};
use hotspot_users::ui::components::add_user::{AddUserForm, AddUserFormProps};
use hotspot_users::ui::components::import_dialog::{ImportDialog, ImportDialogProps};
use hotspot_users::ui::components::review::{ReviewPanel, ReviewPanelProps};
use hotspot_users::ui::components::users_table::{UsersTable, UsersTableProps};
use hotspot_users::ui::state::{Console, Loading, Msg, Run};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::{BaseComponent, Callback};

wasm_bindgen_test_configure!(run_in_browser);

fn render<C: BaseComponent>(props: C::Properties) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    root
}

async fn settle() {
    // One turn of the event loop lets Yew's scheduler render.
    gloo_timers::future::TimeoutFuture::new(0).await;
}

fn recorder() -> (Callback<Msg>, Rc<RefCell<Vec<Msg>>>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    (Callback::from(move |m| sink.borrow_mut().push(m)), seen)
}

fn text(root: &web_sys::Element) -> String {
    root.text_content().unwrap_or_default()
}

fn find<T: JsCast>(root: &web_sys::Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap()
}

fn type_into(root: &web_sys::Element, selector: &str, value: &str) {
    let el: web_sys::HtmlElement = find(root, selector);
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

fn loaded_console() -> Console {
    let mut c = Console {
        key: Some((
            ProjectId::parse("p1").unwrap(),
            ConfigId::parse("c1").unwrap(),
        )),
        loading: Loading::Done,
        ..Console::default()
    };
    Rc::make_mut(&mut c.table).apply(Action::Loaded(vec![
        UserInfo::new("u-1", "alice"),
        UserInfo::new("u-2", "<img src=x onerror=alert(1)>"),
        UserInfo::new("u-3", "carol"),
    ]));
    Rc::make_mut(&mut c.table).apply(Action::Add(vec![UserInfo::new("u-9", "newbie")]));
    Rc::make_mut(&mut c.table).apply(Action::Delete(vec!["u-3".into()]));
    c
}

#[wasm_bindgen_test]
async fn users_table_marks_staged_rows_and_keeps_names_inert() {
    let (on_msg, seen) = recorder();
    let root = render::<UsersTable>(UsersTableProps {
        console: Rc::new(loaded_console()),
        on_msg,
    });
    settle().await;
    assert_eq!(
        root.query_selector_all("tbody tr.hu-row").unwrap().length(),
        4
    );
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "a name must never become markup"
    );
    assert!(text(&root).contains("<img src=x onerror=alert(1)>"));
    let added: web_sys::Element = find(&root, "tr.hu-added");
    assert!(added.text_content().unwrap().contains("u-9"));
    let deleted: web_sys::Element = find(&root, "tr.hu-deleted");
    assert!(deleted.text_content().unwrap().contains("to delete"));
    assert!(
        text(&root).contains("3 on the server · 1 to add · 0 to rename · 1 to delete · 3 after")
    );
    let undo: web_sys::HtmlElement = find(&root, "button[aria-label='Undo u-3']");
    undo.click();
    assert!(matches!(&seen.borrow()[..], [Msg::Table(Action::Undo(ids))] if ids == &["u-3"]));
}

/// The table of [`loaded_console`], rendered, its messages ignored.
async fn loaded_table() -> web_sys::Element {
    let root = render::<UsersTable>(UsersTableProps {
        console: Rc::new(loaded_console()),
        on_msg: Callback::noop(),
    });
    settle().await;
    root
}

#[wasm_bindgen_test]
async fn users_table_filters_rows() {
    let root = loaded_table().await;
    assert!(text(&root).contains("4 of 4 shown"));
    type_into(&root, "#hu-filter", "ALI");
    settle().await;
    assert_eq!(
        root.query_selector_all("tbody tr.hu-row").unwrap().length(),
        1
    );
    assert!(text(&root).contains("1 of 4 shown"));
}

#[wasm_bindgen_test]
async fn filter_keystrokes_keep_the_rendered_rows_from_the_first_one_on() {
    let root = loaded_table().await;
    let rows = |root: &web_sys::Element| root.query_selector_all("tbody tr.hu-row").unwrap();
    let first = rows(&root).item(0).unwrap();
    let input: web_sys::HtmlElement = find(&root, "#hu-filter");
    input.focus().unwrap();
    input
        .dispatch_event(&web_sys::Event::new("focus").unwrap())
        .unwrap();
    // The first keystroke after a render keyed by user: carol's row is the
    // first row's element with new contents, not a new element.
    type_into(&root, "#hu-filter", "CAR");
    settle().await;
    assert_eq!(rows(&root).length(), 1);
    let only = rows(&root).item(0).unwrap();
    assert!(first.is_same_node(Some(&only)));
    assert!(only.text_content().unwrap().contains("carol"));
    assert!(only.text_content().unwrap().contains("u-3"));
    // And on the next keystroke.
    type_into(&root, "#hu-filter", "ALI");
    settle().await;
    let only = rows(&root).item(0).unwrap();
    assert!(first.is_same_node(Some(&only)));
    assert!(only.text_content().unwrap().contains("alice"));
}

#[wasm_bindgen_test]
async fn add_form_validates_inline_and_stages_a_valid_user() {
    let (on_msg, seen) = recorder();
    let root = render::<AddUserForm>(AddUserFormProps { on_msg });
    settle().await;
    let submit: web_sys::HtmlButtonElement = find(&root, "button[type=submit]");
    assert!(submit.disabled(), "nothing typed yet");
    type_into(&root, "#hu-add-id", &"x".repeat(129));
    settle().await;
    assert!(text(&root).contains("User ID is 129 characters long; at most 128 are allowed."));
    assert!(submit.disabled());
    type_into(&root, "#hu-add-id", "u-42");
    type_into(&root, "#hu-add-name", "Dana");
    settle().await;
    assert!(!submit.disabled());
    submit.click();
    settle().await;
    let staged = seen.borrow().iter().any(|m| {
        matches!(m, Msg::Table(Action::Add(users)) if users == &[UserInfo::new("u-42", "Dana")])
    });
    assert!(staged, "the form stages exactly the typed user");
}

#[wasm_bindgen_test]
async fn import_dialog_lists_problems_before_staging() {
    let (on_msg, seen) = recorder();
    let closed = Rc::new(RefCell::new(false));
    let flag = closed.clone();
    let root = render::<ImportDialog>(ImportDialogProps {
        on_msg,
        on_close: Callback::from(move |_| *flag.borrow_mut() = true),
        return_focus: Default::default(),
        directory: None,
    });
    settle().await;
    type_into(
        &root,
        "#hu-import-text",
        "user_id,user_name\nu1,alice\n,\nu2,bob\nu1,alicia\n",
    );
    settle().await;
    let problems = root.query_selector_all(".hu-problems li").unwrap();
    assert_eq!(problems.length(), 2);
    assert!(text(&root).contains("Line 3: User ID is empty."));
    assert!(text(&root).contains("Line 5: the same user ID as line 2"));
    assert!(
        seen.borrow().is_empty(),
        "nothing is staged before confirming"
    );
    let confirm: web_sys::HtmlButtonElement = find(&root, ".hu-actions .hu-primary");
    assert_eq!(confirm.text_content().unwrap(), "Stage 2 users");
    confirm.click();
    settle().await;
    let staged = seen
        .borrow()
        .iter()
        .any(|m| matches!(m, Msg::Table(Action::Add(u)) if u.len() == 2));
    assert!(staged);
    assert!(*closed.borrow());
}

fn review_props(console: Console, on_recheck: Callback<()>) -> ReviewPanelProps {
    ReviewPanelProps {
        console: Rc::new(console),
        base: ApiBase::parse("https://portal.example").unwrap(),
        batch: 1000,
        on_batch: Callback::noop(),
        timeout_secs: 35,
        on_timeout: Callback::noop(),
        on_apply: Callback::noop(),
        on_new_token: Callback::noop(),
        on_discard: Callback::noop(),
        on_recheck,
        on_stop: Callback::noop(),
        sign_in_region: None,
    }
}

#[wasm_bindgen_test]
async fn review_panel_shows_each_request_with_the_token_redacted() {
    let root = render::<ReviewPanel>(review_props(loaded_console(), Callback::noop()));
    settle().await;
    let t = text(&root);
    assert!(t.contains("2 requests: DELETE 1 user, ADD 1 user."), "{t}");
    // A request's body is written out only once the admin opens it.
    assert!(!t.contains("\"update_type\""), "{t}");
    let summaries = root.query_selector_all(".hu-requests summary").unwrap();
    for i in 0..summaries.length() {
        summaries
            .get(i)
            .unwrap()
            .dyn_into::<web_sys::HtmlElement>()
            .unwrap()
            .click();
    }
    // The toggle event comes a task later; then Yew renders.
    settle().await;
    settle().await;
    let t = text(&root);
    assert!(t.contains(
        "PATCH https://portal.example/v1/p1/hotspot-session-config/c1/non-migration-users"
    ));
    assert!(t.contains("X-Auth-Token: •••••• (redacted)"));
    assert!(t.contains("-H \"X-Auth-Token: $TOKEN\""));
    assert!(t.contains("\"update_type\": \"DELETE\""));
    let order: Vec<String> = (0..2)
        .map(|i| {
            root.query_selector_all(".hu-requests summary")
                .unwrap()
                .get(i)
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(order, ["Request 1: DELETE 1 user", "Request 2: ADD 1 user"]);
}

#[wasm_bindgen_test]
async fn an_unverified_run_says_what_went_through_and_checks_again() {
    let mut console = loaded_console();
    let intended = Rc::new(console.table.target());
    console.update(Msg::Run(Run::Unverified {
        error: ApiError::decode(503, Some("r-9"), None, b""),
        intended,
    }));
    let asked = Rc::new(RefCell::new(0));
    let count = asked.clone();
    let on_recheck = Callback::from(move |_| *count.borrow_mut() += 1);
    let root = render::<ReviewPanel>(review_props(console, on_recheck));
    settle().await;
    let t = text(&root);
    assert!(
        t.contains(
            "Every request went through, but the check of the server could not be completed."
        ),
        "{t}"
    );
    assert!(t.contains("r-9"), "{t}");
    assert!(!t.contains("The run stopped"), "{t}");
    let button: web_sys::HtmlElement = find(&root, ".hu-unverified button");
    assert_eq!(button.text_content().unwrap(), "Check again");
    button.click();
    settle().await;
    assert_eq!(*asked.borrow(), 1);
}

#[wasm_bindgen_test]
async fn names_without_ids_wait_for_the_directory_before_staging() {
    let (on_msg, seen) = recorder();
    let root = render::<ImportDialog>(ImportDialogProps {
        on_msg,
        on_close: Callback::noop(),
        return_focus: Default::default(),
        directory: None,
    });
    settle().await;
    type_into(&root, "#hu-import-text", "u1,alice\n,bob\n");
    settle().await;
    assert!(
        text(&root).contains("1 name to look up in the directory"),
        "{}",
        text(&root)
    );
    let confirm: web_sys::HtmlButtonElement = find(&root, ".hu-actions .hu-primary");
    assert!(
        confirm.disabled(),
        "nothing is staged while a name is not looked up"
    );
    let lookup: web_sys::HtmlButtonElement = find(&root, ".hu-dialog > button.hu-secondary");
    assert_eq!(
        lookup.text_content().unwrap(),
        "Look up 1 name in the directory"
    );
    assert!(lookup.disabled(), "no directory to ask");
    assert!(seen.borrow().is_empty());
}
