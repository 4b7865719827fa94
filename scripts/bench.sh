#!/usr/bin/env bash
# Builds the release console, an empty-Yew baseline and the server, then
# prints transfer sizes against the budget, the wasm's top contributors,
# and timings (browser in two profiles, gateway, native) as tables.
# Exits non-zero when a target is missed (see tests/e2e/bench/bench.mjs).
#   BENCH_RUNS=9 scripts/bench.sh     more runs per browser figure (default 5)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh" --test >/dev/null
source "$ROOT/scripts/env.sh"

if [[ "$("$TOOLS_BIN/twiggy" --version 2>/dev/null)" != "twiggy-opt 0.8.0" ]]; then
  echo "==> installing twiggy 0.8.0 (once, into $HOTSPOT_USERS_CACHE)"
  cargo install --quiet --root "$HOTSPOT_USERS_CACHE" twiggy --version 0.8.0 --locked
fi

echo "==> building (release): console, baseline, sandbox"
wasm_release_env trunk build --release=true --dist "$CARGO_TARGET_DIR/console-dist" --quiet
wasm_release_env trunk build --release=true benches/baseline/index.html --dist "$CARGO_TARGET_DIR/baseline-dist" --quiet
cargo build -p hotspot-users-server --release --quiet
echo "==> the page's wasm with function names, for its top contributors"
names="$CARGO_TARGET_DIR/names-dist"
HOTSPOT_USERS_KEEP_NAMES=1 wasm_release_env trunk build --release=true --dist "$names" --quiet
twiggy top -n 100000 -f csv "$names/hotspot-users_bg.wasm" >"$names/top.csv"
echo "==> native model figures"
BENCH_TSV=1 cargo bench --quiet --bench model >"$CARGO_TARGET_DIR/native-bench.tsv"
echo "==> gateway overhead"
cargo bench --quiet -p hotspot-users-server --bench gateway
echo "==> browser figures"
SERVER_BIN="$CARGO_TARGET_DIR/release/hotspot-users-server" \
CONSOLE_DIST="$CARGO_TARGET_DIR/console-dist" \
BASELINE_DIST="$CARGO_TARGET_DIR/baseline-dist" \
NATIVE_TSV="$CARGO_TARGET_DIR/native-bench.tsv" \
TWIGGY_CSV="$names/top.csv" \
  node tests/e2e/bench/bench.mjs
