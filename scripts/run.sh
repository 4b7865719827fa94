#!/usr/bin/env bash
# Sets this machine up (idempotently), builds the release console and the
# server, and serves the console on one origin with one of two backends:
#   scripts/run.sh                        the built-in sandbox (no cloud account)
#   scripts/run.sh --region cn-north-4    a gateway to that Huawei Cloud region
#   LISTEN=127.0.0.1:9000 scripts/run.sh  another address
# Other arguments go to the backend, e.g. `--latency-ms 300` (sandbox) or
# `--ca-file corp-ca.pem` (gateway); `hotspot-users-server <backend> --help` lists them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"

backend=sandbox
for arg in "$@"; do
  if [[ "$arg" == --region || "$arg" == --region=* ]]; then backend=gateway; fi
done

DIST="$CARGO_TARGET_DIR/console-dist"
echo "==> building the console (release)"
wasm_release_env trunk build --release=true --dist "$DIST" --quiet
CONSOLE_DIST="$DIST" "$ROOT/scripts/package.sh" >/dev/null   # the examples use the package at /pkg/
echo "==> building the server (release)"
cargo build -p hotspot-users-server --release --quiet
exec "$CARGO_TARGET_DIR/release/hotspot-users-server" "$backend" --listen "${LISTEN:-127.0.0.1:8080}" --dist "$DIST" "$@"
