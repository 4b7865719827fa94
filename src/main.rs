//! Browser entry point: mounts the console into the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    hotspot_users::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("hotspot-users is a browser app: build it with `trunk build`, or run ./dev run");
}
