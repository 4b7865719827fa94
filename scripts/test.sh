#!/usr/bin/env bash
# Sets this machine up (idempotently) and runs every test layer:
# formatting, clippy (host and wasm32), native tests, wasm render tests in
# headless Chromium, and the end-to-end suite against the sandbox and the gateway.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh" --test
source "$ROOT/scripts/env.sh"

START=$SECONDS
stage() {
  local name="$1"; shift
  local start=$SECONDS
  echo "==> $name"
  "$@"
  echo "    $name: $((SECONDS - start)) s"
}

wasm_cargo() { local sub="$1"; shift; wasm_env cargo "$sub" --target wasm32-unknown-unknown "$@"; }

stage "cargo fmt --check" cargo fmt --all --check
stage "clippy (host)" cargo clippy --workspace --all-targets --quiet -- -D warnings
if [[ -f "$HOTSPOT_USERS_CACHE/wasm-env.sh" ]]; then
  # Debian's rustc-web ships no clippy: on that route wasm32 gets a warnings-as-errors check.
  echo "note: Debian wasm32 route (rustup could not add the target): clippy runs on the host only"
  wasm_check() { RUSTFLAGS="-D warnings" wasm_cargo check -p hotspot-users --all-targets --quiet; }
  stage "check (wasm32, warnings as errors)" wasm_check
else
  stage "clippy (wasm32)" wasm_cargo clippy -p hotspot-users --all-targets --quiet -- -D warnings
fi
stage "native tests (model, server: sandbox contract, gateway over TLS, load smoke, crash)" cargo test --workspace --quiet
stage "fuzz smoke (cargo-fuzz on stable, 10 s per target)" "$ROOT/scripts/fuzz.sh" --smoke 10
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
stage "wasm render and platform tests (headless Chromium)" wasm_cargo test -p hotspot-users --test render --test platform_browser
stage "console release build" wasm_release_env trunk build --release=true --dist "$CARGO_TARGET_DIR/console-dist" --quiet
export CONSOLE_DIST="$CARGO_TARGET_DIR/console-dist"
stage "npm package (scripts/package.sh)" "$ROOT/scripts/package.sh"
export PACKAGE_TGZ
PACKAGE_TGZ="$(ls "$CARGO_TARGET_DIR"/package/hotspot-users-console-*.tgz)"
stage "server build" cargo build -p hotspot-users-server --quiet
export SERVER_BIN="$CARGO_TARGET_DIR/debug/hotspot-users-server"
stage "size budget (gzip -9 of every file the page loads)" node tests/e2e/bench/size-guard.mjs
stage "end-to-end tests (Playwright)" npm --prefix tests/e2e test --silent
echo "all test layers passed in $((SECONDS - START)) s"
