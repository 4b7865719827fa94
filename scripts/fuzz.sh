#!/usr/bin/env bash
# Fuzzes the import parser and the error decoder with cargo-fuzz (nightly).
#   scripts/fuzz.sh          60 s per target
#   scripts/fuzz.sh 10       the smoke form the test command runs
# New inputs go to a scratch folder; fuzz/corpus/ keeps the curated ones,
# which the native tests replay. Copy a new interesting input there by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
SECONDS_PER_TARGET="${1:-60}"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  timeout 600 rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --quiet --root "$HOTSPOT_USERS_CACHE" cargo-fuzz --locked
fi

cd "$ROOT/fuzz"
for target in import decode; do
  scratch="$(mktemp -d)"
  echo "==> fuzzing $target for ${SECONDS_PER_TARGET} s"
  log="$scratch.log"
  status=0
  cargo +nightly fuzz run "$target" "$scratch" "corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E "^(Done [0-9]+ runs|stat::number_of_executed_units)|panicked|ERROR|SUMMARY" "$log" || true
  if [[ $status -ne 0 ]]; then
    tail -40 "$log"
    echo "fuzzing $target failed (exit $status); the failing input is under fuzz/artifacts/$target"
    exit "$status"
  fi
  rm -rf "$scratch" "$log"
done
