//! Unicode case mapping, one implementation per platform: natively Rust's
//! `str::to_lowercase`, in the browser `String.prototype.toLowerCase`, so
//! the wasm carries no Unicode case tables (9.5 KB gzip). Both apply
//! Unicode's default full lowercase mapping (final sigma included);
//! `tests/platform_browser.rs` compares them in Chromium.

/// `s` lowercased (full Unicode mapping, no locale).
pub fn lowercase(s: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
    #[cfg(target_arch = "wasm32")]
    {
        // ASCII (most IDs and many names) without a call into the browser.
        if s.is_ascii() {
            s.to_ascii_lowercase()
        } else {
            String::from(js_sys::JsString::from(s).to_lower_case())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_beyond_ascii() {
        assert_eq!(lowercase("ÄBC Straße ΟΔΟΣ"), "äbc straße οδος");
        assert_eq!(lowercase("张三"), "张三");
    }
}
