//! Render tests of the console's components in headless Chromium
//! (wasm-bindgen-test). Each renders into a fresh element, lets Yew run,
//! then asserts on the DOM.
#![cfg(target_arch = "wasm32")]

use hotspot_users::model::UserInfo;
use hotspot_users::ui::app::{UsersTable, UsersTableProps};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn settle() {
    // One turn of the event loop lets Yew's scheduler render.
    gloo_timers::future::TimeoutFuture::new(0).await;
}

#[wasm_bindgen_test]
async fn users_table_renders_one_row_per_user_as_inert_text() {
    let root = fresh_root();
    let users = vec![
        UserInfo::new("u-1", "alice"),
        UserInfo::new("u-2", "<img src=x onerror=alert(1)>"),
    ];
    yew::Renderer::<UsersTable>::with_root_and_props(root.clone(), UsersTableProps { users })
        .render();
    settle().await;
    let rows = root.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 2);
    assert!(root.text_content().unwrap().contains("2 users"));
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "a name must never become markup"
    );
    assert!(root
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
}
