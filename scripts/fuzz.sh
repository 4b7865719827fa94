#!/usr/bin/env bash
# Fuzzes the import parser and the error decoder with cargo-fuzz.
#   scripts/fuzz.sh              60 s per target, the long form
#   scripts/fuzz.sh 300          300 s per target
#   scripts/fuzz.sh --smoke 10   the test command's form: 10 s per target
#
# Routes:
#   nightly    nightly with AddressSanitizer; the long form takes it when
#              nightly is present or installable.
#   stable     the stable toolchain already installed (RUSTC_BOOTSTRAP=1,
#              no sanitizer): libFuzzer's coverage and panic detection,
#              which safe Rust needs. Downloads nothing from rustup's host.
#              The smoke run always takes it; the long form falls back to it.
# HOTSPOT_USERS_RUSTUP=offline forces the stable route (and, in setup.sh, the
# Debian route for the wasm32 standard library): no rustup download at all.
#
# New inputs go to a scratch folder; fuzz/corpus/ keeps the curated ones,
# which the native tests replay. Copy a new interesting input there by hand.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"

SMOKE=0
if [[ "${1:-}" == "--smoke" ]]; then SMOKE=1; shift; fi
SECONDS_PER_TARGET="${1:-60}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --quiet --root "$HOTSPOT_USERS_CACHE" cargo-fuzz --locked
fi

have_nightly() { rustup run nightly rustc --version >/dev/null 2>&1; }

route=stable
if [[ $SMOKE == 0 && "${HOTSPOT_USERS_RUSTUP:-}" != offline ]] && command -v rustup >/dev/null; then
  if have_nightly || timeout 600 rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
    route=nightly
  else
    echo "note: nightly could not be installed (rustup's download host unreachable?): taking the stable route"
  fi
fi
case $route in
  nightly) echo "fuzz route: nightly with AddressSanitizer"; fuzz() { cargo +nightly fuzz run "$@"; } ;;
  stable) echo "fuzz route: stable toolchain, RUSTC_BOOTSTRAP=1, no sanitizer (no rustup download)"
          fuzz() { RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$@"; } ;;
esac

cd "$ROOT/fuzz"
for target in import decode; do
  scratch="$(mktemp -d)"
  echo "==> fuzzing $target for ${SECONDS_PER_TARGET} s"
  log="$scratch.log"
  status=0
  fuzz "$target" "$scratch" "corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E "^(Done [0-9]+ runs|stat::number_of_executed_units)|panicked|ERROR|SUMMARY" "$log" || true
  if [[ $status -ne 0 ]]; then
    tail -40 "$log"
    echo "fuzzing $target failed (exit $status); the failing input is under fuzz/artifacts/$target"
    exit "$status"
  fi
  rm -rf "$scratch" "$log"
done
