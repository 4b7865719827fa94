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
