//! Reading JSON text. The console reads every JSON document with
//! `serde_json::from_slice`: bytes as they come (API answers) or text
//! through [`parse`]. `from_str` is another reader, and each reader brings
//! its own copy of the parser and of every type's decoder into the wasm
//! (about 23 KB before gzip for the second).

use serde::de::DeserializeOwned;

/// `text` decoded as a `T` (the same result as `serde_json::from_str`).
pub fn parse<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_slice(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_from_str() {
        for text in [
            r#"{"a":[1,2]}"#,
            r#""ü""#,
            "[1,",
            "nul",
            r#"{"a":"\ud800"}"#,
            " 7 ",
        ] {
            let ours = parse::<serde_json::Value>(text).map_err(|e| e.to_string());
            let std = serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string());
            assert_eq!(ours, std, "{text}");
        }
    }
}
