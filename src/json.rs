//! JSON text in and out, one codec per platform. Natively it is
//! `serde_json`. In the browser it is the browser's own `JSON.parse` and
//! `JSON.stringify`, with `serde-wasm-bindgen` between their values and the
//! model's types: the wasm then carries no JSON parser or printer (about
//! 21 KB gzip). Both give the same values and the same text for the
//! console's documents; `tests/platform_browser.rs` checks the browser's codec
//! against `serde_json` in Chromium.
//!
//! The model reads and writes JSON only through this module.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why a text could not be read as the type asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
    data: bool,
}

impl Error {
    /// Valid JSON, but not of the shape asked for.
    pub fn is_data(&self) -> bool {
        self.data
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// `text` decoded as a `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    codec::parse(text)
}

/// `bytes` (UTF-8 text) decoded as a `T`.
pub fn parse_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(_) => Err(Error {
            message: "the body is not UTF-8 text".into(),
            data: false,
        }),
    }
}

/// `value` as compact JSON.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    codec::write(value, false)
}

/// `value` as JSON indented by two spaces.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    codec::write(value, true)
}

#[cfg(not(target_arch = "wasm32"))]
mod codec {
    use super::*;

    pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
        serde_json::from_str(text).map_err(|e| Error {
            data: e.is_data(),
            message: e.to_string(),
        })
    }

    pub fn write<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
        let text = match pretty {
            true => serde_json::to_string_pretty(value),
            false => serde_json::to_string(value),
        };
        // The model's types have string keys only: writing cannot fail.
        text.unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
mod codec {
    use super::*;
    use js_sys::JSON;
    use wasm_bindgen::JsValue;

    pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
        let value = JSON::parse(text).map_err(|e| Error {
            message: js_sys::Error::from(e).message().into(),
            data: false,
        })?;
        serde_wasm_bindgen::from_value(value).map_err(|e| Error {
            message: e.to_string(),
            data: true,
        })
    }

    pub fn write<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
        // JSON's shapes: `None` as null, maps as objects, integers as numbers.
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let Ok(value) = value.serialize(&serializer) else {
            return String::new();
        };
        let text = match pretty {
            true => JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into()),
            false => JSON::stringify(&value),
        };
        text.ok().and_then(|s| s.as_string()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Doc {
        name: String,
        n: u32,
        note: Option<String>,
    }

    #[test]
    fn reads_and_writes_like_serde_json() {
        let doc: Doc = parse(r#"{"name":"ü","n":7,"note":null}"#).unwrap();
        assert_eq!(
            doc,
            Doc {
                name: "ü".into(),
                n: 7,
                note: None
            }
        );
        assert_eq!(to_string(&doc), r#"{"name":"ü","n":7,"note":null}"#);
        assert_eq!(
            to_string_pretty(&doc),
            "{\n  \"name\": \"ü\",\n  \"n\": 7,\n  \"note\": null\n}"
        );
        assert_eq!(parse_bytes::<Doc>(to_string(&doc).as_bytes()), Ok(doc));
    }

    #[test]
    fn tells_malformed_text_from_the_wrong_shape() {
        assert!(!parse::<Doc>("{\"name\":").unwrap_err().is_data());
        assert!(parse::<Doc>(r#"{"name":1,"n":2}"#).unwrap_err().is_data());
        assert!(!parse_bytes::<Doc>(b"\xff\xfe").unwrap_err().is_data());
    }
}
