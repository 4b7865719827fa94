//! What the console takes from the browser instead of carrying it, against
//! the Rust implementations the native build uses, in headless Chromium:
//! - the JSON codec (`JSON.parse`/`JSON.stringify` with serde-wasm-bindgen)
//!   against `serde_json`: the same values from the same texts and the same
//!   texts from the same values, for every kind of document the console
//!   reads or writes;
//! - lowercasing (`toLowerCase`) against `str::to_lowercase`.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;
use std::fmt::Debug;

use hotspot_users::model::activity::LogEntry;
use hotspot_users::model::demo::Demo;
use hotspot_users::model::directory::ListDirectoryUsersResponse;
use hotspot_users::model::history::{History, HistoryError, Unreadable};
use hotspot_users::model::iam::{ProjectsBody, TokenBody, TokenRequest};
use hotspot_users::model::plan_file::PlanFile;
use hotspot_users::model::server_info::ServerInfo;
use hotspot_users::model::table::Staged;
use hotspot_users::model::types::{
    CreateHotspotSessionConfigRequest, ListHotspotSessionConfigResponse,
    ListNonMigrationUsersResponse, ServiceErrorBody, UpdateHotspotSessionConfigRequest,
    UpdateNonMigrationUsersRequest,
};
use hotspot_users::model::view::RowIndex;
use hotspot_users::model::{ApiError, Table, UserInfo};
use hotspot_users::{json, text};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `text` read by both codecs to the same value, and that value written by
/// both to the same compact and indented texts.
fn same<T: Serialize + DeserializeOwned + PartialEq + Debug>(text: &str) -> T {
    let expected: T = serde_json::from_str(text).expect("serde_json reads the sample");
    assert_eq!(json::parse::<T>(text).as_ref(), Ok(&expected), "{text}");
    assert_eq!(
        json::parse_bytes::<T>(text.as_bytes()).as_ref(),
        Ok(&expected)
    );
    assert_eq!(
        json::to_string(&expected),
        serde_json::to_string(&expected).unwrap()
    );
    assert_eq!(
        json::to_string_pretty(&expected),
        serde_json::to_string_pretty(&expected).unwrap()
    );
    expected
}

#[wasm_bindgen_test]
fn api_documents_read_and_write_alike() {
    same::<UpdateNonMigrationUsersRequest>(
        r#"{"update_type":"ADD","non_migrate_users":[{"user_id":"0a1b","user_name":"张三 \"q\" \\ \n"},{"user_id":"2c3d"}]}"#,
    );
    same::<UpdateNonMigrationUsersRequest>(r#"{"update_type":"DELETE","non_migrate_users":[]}"#);
    let list = same::<ListNonMigrationUsersResponse>(
        r#"{"total_count":1000,"non_migrate_users":[{"user_id":"a","user_name":"b"}],"extra":{"x":[1,2.5,null]}}"#,
    );
    assert_eq!(list.total_count, Some(1000));
    // Absent, null and missing optional fields.
    same::<ListNonMigrationUsersResponse>(r#"{"total_count":null}"#);
    same::<ListNonMigrationUsersResponse>("{}");
    same::<ListHotspotSessionConfigResponse>(
        r#"{"items":[{"id":"c1","project_id":"p","hotspot_session_migration_enable":true,"hotspot_exit_session_num":3,"non_migrate_users":[]}]}"#,
    );
    same::<CreateHotspotSessionConfigRequest>(
        r#"{"hotspot_session_migration_enable":false,"hotspot_exit_session_num":0}"#,
    );
    same::<UpdateHotspotSessionConfigRequest>(
        r#"{"hotspot_session_migration_enable":true,"hotspot_exit_session_num":4294967295}"#,
    );
    same::<ServiceErrorBody>(r#"{"error_code":"WKS.0001","error_msg":"bad","request_id":"r-1"}"#);
    same::<ListDirectoryUsersResponse>(
        r#"{"total_count":2,"users":[{"id":"u1","user_name":"ann","disabled":true},{"id":"u2","user_name":"bo","user_email":"b@example.com"}]}"#,
    );
}

#[wasm_bindgen_test]
fn iam_documents_read_and_write_alike() {
    same::<TokenRequest>(
        r#"{"auth":{"identity":{"methods":["password","totp"],"password":{"user":{"domain":{"name":"acct"},"name":"admin","password":"p\u00e4ss"}},"totp":{"user":{"id":"0f1e","passcode":"246810"}}},"scope":{"project":{"name":"cn-north-4"}}}}"#,
    );
    same::<TokenRequest>(
        r#"{"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":"a"},"name":"b","password":"c"}}},"scope":{"project":{"name":"r"}}}}"#,
    );
    same::<TokenBody>(
        r#"{"token":{"expires_at":"2026-12-02T20:00:00.000000Z","methods":["password"],"project":{"id":"p1","name":"cn-north-4"},"user":{"id":"u","name":"n","domain":{"id":"d","name":"acct"}}}}"#,
    );
    same::<ProjectsBody>(
        r#"{"projects":[{"id":"p1","name":"cn-north-4","domain_id":"d"},{"id":"p2","name":"x","enabled":false}]}"#,
    );
}

#[wasm_bindgen_test]
fn the_consoles_own_documents_read_and_write_alike() {
    let mut loaded = BTreeMap::new();
    loaded.insert("a".to_string(), "alice".to_string());
    loaded.insert("b".to_string(), "bob".to_string());
    let mut staged = Staged::default();
    staged.adds.insert("a".into(), "alicia".into());
    staged.adds.insert("e".into(), "eve".into());
    staged.deletes.insert("b".into());
    same::<Staged>(&serde_json::to_string(&staged).unwrap());
    // A browser object puts keys that look like array indices first, so
    // such ids come out in another order; they read back the same.
    staged.adds.insert("10".into(), "ten".into());
    staged.adds.insert("2".into(), "two".into());
    let text = json::to_string(&staged);
    assert!(
        text.starts_with(r#"{"adds":{"2":"two","10":"ten","a""#),
        "{text}"
    );
    assert_eq!(json::parse::<Staged>(&text), Ok(staged.clone()));

    let plan = PlanFile::new("p", "c1", 1_764_620_000_000, &loaded, &staged);
    let text = plan.to_json();
    assert_eq!(text, serde_json::to_string_pretty(&plan).unwrap());
    assert_eq!(PlanFile::parse(&text).as_ref(), Ok(&plan));

    let history: History = same(
        r#"{"format":"hotspot-users/history","version":1,"entries":[{"project":"p","config":"c","at_ms":1764620000000,"by":"acct/admin","request_ids":["r1"],"added":[{"user_id":"c","user_name":"carol"}],"deleted":[],"renamed":[{"user_id":"a","from":"alice","to":"alicia"}]}]}"#,
    );
    assert_eq!(History::from_json(&history.to_json()), Ok(history.clone()));
    assert_eq!(history.entries().len(), 1);

    same::<Vec<LogEntry>>(
        r#"[{"time":"2026-12-01T20:00:00Z","kind":"GET","users":100,"status":200,"request_id":"r","attempts":1,"error":null},{"time":"t","kind":"ADD","users":1,"status":null,"request_id":null,"attempts":3,"error":"timed out"}]"#,
    );
    same::<ServerInfo>(
        r#"{"demo":{"project_id":"0123456789abcdef0123456789abcdef","config_id":"c1","token":"t"},"region":"cn-north-4"}"#,
    );
    same::<Demo>(r#"{"project_id":"p","config_id":"c","token":"t"}"#);
}

#[wasm_bindgen_test]
fn malformed_text_and_the_wrong_shape_are_told_apart() {
    for text in ["", "{", "nul", "{\"a\":1,}", "<html></html>", "[1] 2"] {
        let e = json::parse::<ListNonMigrationUsersResponse>(text).unwrap_err();
        assert!(!e.is_data(), "{text:?}: {e}");
        assert!(!e.to_string().is_empty());
    }
    for text in [
        r#"{"total_count":"3"}"#,
        r#"{"total_count":-1}"#,
        r#"{"total_count":3.5}"#,
        r#"{"non_migrate_users":{}}"#,
        r#""users""#,
    ] {
        assert!(
            serde_json::from_str::<ListNonMigrationUsersResponse>(text).is_err(),
            "{text}"
        );
        let e = json::parse::<ListNonMigrationUsersResponse>(text);
        assert!(e.as_ref().is_err_and(json::Error::is_data), "{text}: {e:?}");
    }
    assert!(!json::parse_bytes::<ServerInfo>(b"{\"region\":\"\xff\"}")
        .unwrap_err()
        .is_data());
    // What the history reader makes of each.
    assert_eq!(
        History::from_json("not json"),
        Err(HistoryError::Unreadable(Unreadable::NotJson))
    );
    assert_eq!(
        History::from_json(r#"{"format":3}"#),
        Err(HistoryError::Unreadable(Unreadable::OtherFormat))
    );
    assert_eq!(
        History::from_json(r#"{"format":"hotspot-users/history","version":2}"#),
        Err(HistoryError::Unreadable(Unreadable::Version(2)))
    );
}

#[wasm_bindgen_test]
fn error_bodies_decode_alike() {
    // (body, the code read from it): IAM's numeric code goes through a
    // visitor that takes any JSON value.
    let bodies: [(&[u8], Option<&str>); 5] = [
        (br#"{"error":{"code":401,"message":"authentication required","title":"Unauthorized"}}"#, Some("401")),
        (br#"{"error":{"code":"IAM.0001","title":"Forbidden"}}"#, Some("IAM.0001")),
        (br#"{"error_code":"WKS.0001","error_msg":"bad request","request_id":"r-9"}"#, Some("WKS.0001")),
        (br#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#, Some("APIGW.0301")),
        (br#"{"error_code": "#, None),
    ];
    for (body, code) in bodies {
        let e = ApiError::decode(400, None, None, body);
        assert_eq!(e.code.as_deref(), code, "{}", String::from_utf8_lossy(body));
    }
    let e = ApiError::decode(400, None, None, bodies[2].0);
    assert_eq!(e.request_id.as_deref(), Some("r-9"));
    assert_eq!(e.raw_message.as_deref(), Some("bad request"));
}

#[wasm_bindgen_test]
fn lowercase_is_rusts() {
    for s in [
        "",
        "User-0042 ADMIN",
        "ÄÖÜ Straße ẞ",
        "ΟΔΟΣ Σ ΣΑΣ",
        "İstanbul I",
        "ДМИТРИЙ",
        "ǅ ǈ ǋ",
        "张三 李四",
        "Ⅻ Ⓐ",
        "🙂 \u{1} \t",
    ] {
        assert_eq!(text::lowercase(s), s.to_lowercase(), "{s}");
    }
}

#[wasm_bindgen_test]
fn the_filter_ignores_case_beyond_ascii() {
    let users = vec![
        UserInfo::new("a1", "Ärger ΟΔΟΣ"),
        UserInfo::new("B2", "bob"),
    ];
    let table = Table::with_staged(users, Staged::default());
    let index = RowIndex::new(&table);
    let ids = |filter: &str| -> Vec<&str> {
        let rows = index.rows();
        index
            .select(filter, Default::default())
            .into_iter()
            .map(|i| rows[i].id.as_str())
            .collect()
    };
    assert_eq!(ids("äRGER"), ["a1"]);
    assert_eq!(ids("οδος"), ["a1"]);
    assert_eq!(ids("b2"), ["B2"]);
    assert!(ids("zz").is_empty());
}
