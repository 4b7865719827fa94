# Shared environment of the project's scripts (sourced, not run).
# shellcheck shell=bash
export HOTSPOT_USERS_CACHE="${HOTSPOT_USERS_CACHE:-$HOME/.cache/hotspot-users}"
export TOOLS_BIN="$HOTSPOT_USERS_CACHE/bin"
export PATH="$TOOLS_BIN:$HOME/.cargo/bin:$PATH"
# Build outputs live in the cache too, so a fresh clone (as CI makes) rebuilds
# only this project's crates, not every dependency.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOTSPOT_USERS_CACHE/target}"
export TRUNK_SKIP_VERSION_CHECK=true

# Runs a command with the environment of wasm32 builds (the Debian route's
# build-std settings when that route was taken; nothing extra with rustup).
wasm_env() {
  if [[ -f "$HOTSPOT_USERS_CACHE/wasm-env.sh" ]]; then
    (source "$HOTSPOT_USERS_CACHE/wasm-env.sh" && "$@")
  else
    "$@"
  fi
}

# Runs a release build of the console with its lean standard library: std
# rebuilt with the project's own profile (`-Zbuild-std`) and panics as plain
# traps (`-Cpanic=immediate-abort`), so no panic message formatting is in
# the wasm. Needs std's sources (rustup's rust-src, or the Debian route's
# rust-web-src), which setup.sh installs. Debug builds keep panic messages.
wasm_release_env() {
  wasm_env env RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" "$@"
}
