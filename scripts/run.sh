#!/usr/bin/env bash
# Sets this machine up (idempotently), builds the release console and starts
# the sandbox serving both the console and the API on one origin.
#   LISTEN=127.0.0.1:9000 scripts/run.sh     another address
#   scripts/run.sh --latency-ms 300          extra flags go to the sandbox
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"

DIST="$CARGO_TARGET_DIR/console-dist"
echo "==> building the console (release)"
wasm_env trunk build --release=true --dist "$DIST" --quiet
echo "==> building the sandbox (release)"
cargo build -p sandbox --release --quiet
exec "$CARGO_TARGET_DIR/release/hotspot-sandbox" --listen "${LISTEN:-127.0.0.1:8080}" --dist "$DIST" "$@"
