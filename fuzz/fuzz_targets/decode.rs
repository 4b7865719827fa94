//! Fuzzes the error decoder: the first two bytes are the status, the rest
//! the body; any input gives an error with a message, without panicking.
#![no_main]

use hotspot_users::model::ApiError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let status = 100 + u16::from_le_bytes([data[0], data[1]]) % 500;
    let e = ApiError::decode(status, Some("r"), Some("1"), &data[2..]);
    assert_eq!(e.status, Some(status));
    assert!(!e.message().is_empty());
});
