//! Browser entry point: mounts the console into the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    hotspot_users::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "hotspot-users is a browser app (WebAssembly), not a native program.\n\
         From the repository:\n  \
         ./scripts/run.sh    build the console and serve it with the sandbox API on http://127.0.0.1:8080/\n  \
         ./scripts/test.sh   run every test"
    );
}
