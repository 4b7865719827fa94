#!/usr/bin/env bash
# Makes this machine ready to build and test hotspot-users, idempotently.
# Tools go to a cache folder outside the repo ($HOTSPOT_USERS_CACHE,
# default ~/.cache/hotspot-users); each step prints its duration.
#
#   scripts/setup.sh          what building and running the console needs
#   scripts/setup.sh --test   also Chromium, chromedriver, a CJK font and the e2e packages
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

WANT_TEST=0
[[ "${1:-}" == "--test" ]] && WANT_TEST=1

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
TERSER_VERSION=5.36.0
APT_UPDATED=0

step() {
  local name="$1"; shift
  local start=$SECONDS
  echo "==> $name"
  "$@"
  echo "    $name: $((SECONDS - start)) s"
}

apt_install() {
  if [[ $APT_UPDATED == 0 ]]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

have_wasm_std() {
  wasm_env rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null | xargs -I{} sh -c 'ls {}/libcore-*.rlib' >/dev/null 2>&1 \
    || [[ -f "$HOTSPOT_USERS_CACHE/wasm-env.sh" ]]
}

debian_wasm_route() {
  echo "    Debian route: building std from source with Debian's rustc-web"
  apt_install rustc-web cargo-web rust-web-src lld-22
  local tc="$HOTSPOT_USERS_CACHE/debian-web-toolchain"
  mkdir -p "$tc/bin" "$tc/lib"
  local b
  # rustc-web and cargo-web install as /usr/bin/{rustc,rustdoc,cargo}; the ones
  # on PATH may be rustup's proxies, which must not be linked to themselves.
  for b in rustc cargo rustdoc; do
    ln -sf "/usr/bin/$b" "$tc/bin/$b"
  done
  rustup toolchain link debian-web "$tc"
  local sysroot
  sysroot="$(RUSTUP_TOOLCHAIN=debian-web rustc --print sysroot)"
  RUSTUP_TOOLCHAIN=debian-web cargo fetch --manifest-path "$sysroot/lib/rustlib/src/rust/library/Cargo.toml"
  cat >"$HOTSPOT_USERS_CACHE/wasm-env.sh" <<ENV
export RUSTUP_TOOLCHAIN=debian-web
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22
ENV
}

wasm_std() {
  # HOTSPOT_USERS_WASM_ROUTE=debian takes the Debian route even where rustup works.
  if [[ "${HOTSPOT_USERS_WASM_ROUTE:-}" == debian ]]; then
    if [[ -f "$HOTSPOT_USERS_CACHE/wasm-env.sh" ]]; then echo "    present (Debian route)"; else debian_wasm_route; fi
    return
  fi
  if have_wasm_std; then echo "    present"; return; fi
  # HOTSPOT_USERS_RUSTUP=offline: never ask rustup's download host (the fuzz
  # smoke run never does); the Debian route needs only Debian's packages.
  if [[ "${HOTSPOT_USERS_RUSTUP:-}" != offline ]] && command -v rustup >/dev/null \
    && timeout 300 rustup target add wasm32-unknown-unknown; then
    return
  fi
  debian_wasm_route
}

std_sources() {
  # Release builds rebuild std (wasm_release_env in scripts/env.sh): its
  # sources, from rustup's rust-src, else the Debian route (which has them).
  if [[ -f "$HOTSPOT_USERS_CACHE/wasm-env.sh" ]]; then echo "    present (Debian route)"; return; fi
  local library; library="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
  local fetched="$HOTSPOT_USERS_CACHE/std-crates-fetched-$(rustc --version | cut -d' ' -f2)"
  if [[ -f "$library/Cargo.toml" && -f "$fetched" ]]; then echo "    present"; return; fi
  if [[ ! -f "$library/Cargo.toml" ]]; then
    if [[ "${HOTSPOT_USERS_RUSTUP:-}" == offline ]] || ! command -v rustup >/dev/null \
      || ! timeout 300 rustup component add rust-src; then
      debian_wasm_route
      return
    fi
  fi
  # std's own crates (dlmalloc, hashbrown...), so later builds need no download.
  # std's manifest uses unstable cargo features: RUSTC_BOOTSTRAP lets a
  # stable cargo read it, as it does for the build-std builds themselves.
  RUSTC_BOOTSTRAP=1 cargo fetch --quiet --manifest-path "$library/Cargo.toml"
  touch "$fetched"
}

lock_version() {
  # The version of crate $1 in Cargo.lock.
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

wasm_bindgen_cli() {
  if [[ ! -f "$ROOT/Cargo.lock" ]]; then (cd "$ROOT" && cargo generate-lockfile); fi
  local want; want="$(lock_version wasm-bindgen)"
  if [[ "$("$TOOLS_BIN/wasm-bindgen" --version 2>/dev/null)" == "wasm-bindgen $want" ]]; then echo "    $want present"; return; fi
  # --locked pins a webpki-roots release the registry no longer serves; unlocked installs.
  cargo install --quiet --root "$HOTSPOT_USERS_CACHE" wasm-bindgen-cli --version "$want" --force
}

trunk_tool() {
  if [[ "$("$TOOLS_BIN/trunk" --version 2>/dev/null)" == "trunk $TRUNK_VERSION" ]]; then echo "    present"; return; fi
  cargo install --quiet --root "$HOTSPOT_USERS_CACHE" trunk --version "$TRUNK_VERSION" --locked --force
}

wasm_opt() {
  local bin="$HOTSPOT_USERS_CACHE/binaryen/node_modules/binaryen/bin/wasm-opt"
  if [[ ! -x "$bin" ]] || ! "$bin" --version | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    npm install --silent --no-audit --no-fund --prefix "$HOTSPOT_USERS_CACHE/binaryen" "binaryen@$BINARYEN_VERSION"
  fi
  ln -sf "$bin" "$TOOLS_BIN/wasm-opt"
  "$TOOLS_BIN/wasm-opt" --version
}

terser_tool() {
  # Minifies the JS glue of release builds (scripts/minify-glue.mjs).
  local dir="$HOTSPOT_USERS_CACHE/terser"
  if [[ -f "$dir/node_modules/terser/package.json" ]] && grep -q "\"version\": \"$TERSER_VERSION\"" "$dir/node_modules/terser/package.json"; then
    echo "    present"; return
  fi
  npm install --silent --no-audit --no-fund --prefix "$dir" "terser@$TERSER_VERSION"
}

fuzz_tools() {
  # No nightly: the test command's fuzz smoke run uses the stable toolchain
  # (scripts/fuzz.sh --smoke); only the long form may fetch nightly.
  if [[ "$("$TOOLS_BIN/cargo-fuzz" --version 2>/dev/null)" == cargo-fuzz* ]]; then echo "    present"; return; fi
  cargo install --quiet --root "$HOTSPOT_USERS_CACHE" cargo-fuzz --locked
}

node_tools() {
  command -v node >/dev/null && command -v npm >/dev/null && { echo "    node $(node --version)"; return; }
  apt_install nodejs npm
}

browser() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then echo "    present"; return; fi
  apt_install chromium chromium-driver
}

cjk_font() {
  # The Chinese screenshots in tests/e2e/artifacts/ need a CJK font to show characters.
  if dpkg -s fonts-noto-cjk >/dev/null 2>&1; then echo "    present"; return; fi
  apt_install fonts-noto-cjk
}

e2e_packages() {
  local dir="$ROOT/tests/e2e"
  if [[ -d "$dir/node_modules" && "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]]; then
    echo "    present"; return
  fi
  npm ci --silent --no-audit --no-fund --prefix "$dir"
}

mkdir -p "$TOOLS_BIN"
step "node and npm" node_tools
step "wasm32 standard library" wasm_std
step "standard library sources (lean release builds)" std_sources
step "wasm-bindgen-cli" wasm_bindgen_cli
step "trunk $TRUNK_VERSION" trunk_tool
step "wasm-opt (binaryen $BINARYEN_VERSION)" wasm_opt
step "terser $TERSER_VERSION" terser_tool
if [[ $WANT_TEST == 1 ]]; then
  step "chromium and chromedriver" browser
  step "CJK font (fonts-noto-cjk)" cjk_font
  step "end-to-end test packages" e2e_packages
  step "cargo-fuzz" fuzz_tools
fi
