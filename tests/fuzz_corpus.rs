//! Replays the fuzz corpus (`fuzz/corpus/`) through the import parser and
//! the error decoder with the fuzz targets' own checks (native only).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use hotspot_users::model::ids::{validate, Field};
use hotspot_users::model::import::parse;
use hotspot_users::model::ApiError;

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        files.len() >= 5,
        "the {target} corpus holds its seed inputs"
    );
    files
}

#[test]
fn import_corpus_parses_without_panics() {
    for data in corpus("import") {
        let text = String::from_utf8_lossy(&data);
        let import = parse(&text);
        let lines = text.split('\n').count();
        assert!(import
            .problems
            .iter()
            .all(|p| p.line >= 1 && p.line <= lines));
        assert!(import
            .users
            .iter()
            .all(|u| validate(Field::UserId, u.id()).is_ok()));
        assert!(!import.users.is_empty() || !import.problems.is_empty() || text.trim().is_empty());
    }
}

#[test]
fn decode_corpus_decodes_without_panics() {
    for data in corpus("decode") {
        if data.len() < 2 {
            continue;
        }
        let status = 100 + u16::from_le_bytes([data[0], data[1]]) % 500;
        let e = ApiError::decode(status, Some("r"), Some("1"), &data[2..]);
        assert_eq!(e.status, Some(status));
        assert!(!e.message().is_empty());
    }
}
