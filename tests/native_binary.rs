#![cfg(not(target_arch = "wasm32"))]
//! The native `hotspot-users` binary is not the console: it must tell a
//! newcomer which of the README's commands to run instead.

#[test]
fn the_native_binary_names_the_readme_commands() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hotspot-users"))
        .output()
        .expect("the binary runs");
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("./scripts/run.sh"), "{said}");
    assert!(said.contains("./scripts/test.sh"), "{said}");
    assert!(!said.contains("./dev"), "{said}");
    let readme = include_str!("../README.md");
    assert!(readme.contains("./scripts/run.sh") && readme.contains("./scripts/test.sh"));
}
