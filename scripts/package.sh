#!/usr/bin/env bash
# Builds the console's npm package: the release build, an ES module entry
# that defines <hotspot-users-console> and exports mount(), types, the Custom
# Elements Manifest, README and licence, then `npm pack`s it.
#   scripts/package.sh     -> $CARGO_TARGET_DIR/package/hotspot-users-console-<version>.tgz
# The package's files are also served by the sandbox at /pkg/ (the examples use them).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/env.sh"

DIST="${CONSOLE_DIST:-$CARGO_TARGET_DIR/console-dist}"
if [[ ! -f "$DIST/hotspot-users_bg.wasm" ]]; then
  "$ROOT/scripts/setup.sh" >/dev/null
  wasm_release_env trunk build --release=true --dist "$DIST" --quiet
fi
OUT="$CARGO_TARGET_DIR/package"
rm -rf "$OUT" && mkdir -p "$OUT"
node scripts/package/build.mjs "$DIST" "$OUT/hotspot-users-console"
rm -rf "$DIST/pkg" && cp -r "$OUT/hotspot-users-console" "$DIST/pkg"
# Served by our server too: with gzip forms, like the console's own files.
node --input-type=module -e 'import { precompress } from "./scripts/precompress.mjs"; precompress(process.argv[1]);' "$DIST/pkg"
(cd "$OUT" && npm pack --silent ./hotspot-users-console >/dev/null)
ls "$OUT"/hotspot-users-console-*.tgz
