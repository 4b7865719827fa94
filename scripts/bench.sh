#!/usr/bin/env bash
# Builds the release console, an empty-Yew baseline and the server, then
# prints transfer sizes and timings (browser, gateway and native) as tables.
#   BENCH_RUNS=9 scripts/bench.sh     more runs per browser figure (default 5)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh" --test >/dev/null
source "$ROOT/scripts/env.sh"

echo "==> building (release): console, baseline, sandbox"
wasm_env trunk build --release=true --dist "$CARGO_TARGET_DIR/console-dist" --quiet
wasm_env trunk build --release=true benches/baseline/index.html --dist "$CARGO_TARGET_DIR/baseline-dist" --quiet
cargo build -p hotspot-users-server --release --quiet
echo "==> native model figures"
BENCH_TSV=1 cargo bench --quiet --bench model >"$CARGO_TARGET_DIR/native-bench.tsv"
echo "==> gateway overhead"
cargo bench --quiet -p hotspot-users-server --bench gateway
echo "==> browser figures"
SERVER_BIN="$CARGO_TARGET_DIR/release/hotspot-users-server" \
CONSOLE_DIST="$CARGO_TARGET_DIR/console-dist" \
BASELINE_DIST="$CARGO_TARGET_DIR/baseline-dist" \
NATIVE_TSV="$CARGO_TARGET_DIR/native-bench.tsv" \
  node tests/e2e/bench/bench.mjs
