// Release builds (called by minify-glue.mjs once the wasm's imports and
// exports are shortened): splits the console's wasm into the module the page
// loads and hotspot-users_lazy.wasm, which the console fetches when the
// admin first opens a dialog or panel listed in
// src/ui/components/on-demand.txt (wasm-split/ does the moving), then
// optimises both with wasm-opt -Oz, which also drops their names.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The features the console's wasm uses (wasm-bindgen, Rust's wasm32
 * defaults); not --all-features, which lets binaryen write the newer compact
 * import section that browsers do not read yet.
 */
export const FEATURES = [
  "--enable-reference-types", "--enable-bulk-memory", "--enable-sign-ext",
  "--enable-nontrapping-float-to-int", "--enable-mutable-globals",
];

/** Builds the splitter for this machine (not with the wasm build's settings). */
function splitter() {
  const env = { ...process.env };
  for (const name of ["CARGO_UNSTABLE_BUILD_STD", "RUSTC_BOOTSTRAP", "RUSTUP_TOOLCHAIN", "CARGO_BUILD_TARGET"]) delete env[name];
  execFileSync("cargo", ["build", "--quiet", "-p", "hotspot-users-wasm-split"], { cwd: root, env, stdio: "inherit" });
  const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
  return join(target, "debug", "hotspot-users-wasm-split");
}

/**
 * Splits `wasmPath` (which still has its name section) in place and writes
 * the on-demand module beside it. Returns the on-demand module's path.
 */
export function splitWasm(wasmPath) {
  const dir = dirname(wasmPath);
  const lazyPath = join(dir, "hotspot-users_lazy.wasm");
  const [primaryRaw, lazyRaw] = [`${wasmPath}.page`, `${lazyPath}.raw`];
  const list = join(root, "src/ui/components/on-demand.txt");
  execFileSync(splitter(), [wasmPath, list, "hotspot_users_lazy_now", primaryRaw, lazyRaw], { stdio: "inherit" });
  for (const [from, to] of [[primaryRaw, wasmPath], [lazyRaw, lazyPath]]) {
    const names = process.env.HOTSPOT_USERS_KEEP_NAMES ? ["-g"] : [];
    execFileSync("wasm-opt", [...FEATURES, "-Oz", ...names, from, "-o", to], { stdio: "inherit" });
    rmSync(from);
  }
  return lazyPath;
}
