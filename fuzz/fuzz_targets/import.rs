//! Fuzzes the import parser: any bytes, as text, give users and problems
//! without panicking, every problem on a real line, every user valid.
#![no_main]

use hotspot_users::model::ids::{validate, Field};
use hotspot_users::model::import::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let import = parse(&text);
    let lines = text.split('\n').count();
    for p in &import.problems {
        assert!(p.line >= 1 && p.line <= lines);
        assert!(!p.message().is_empty());
    }
    for u in &import.users {
        assert!(validate(Field::UserId, u.id()).is_ok());
    }
});
