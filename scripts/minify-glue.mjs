// Trunk post-build hook (release builds): minifies wasm-bindgen's JS glue
// with terser and updates its Subresource Integrity hash in index.html.
// The glue is the page's second-largest file; this keeps the size budget.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const cache = process.env.HOTSPOT_USERS_CACHE ?? join(process.env.HOME, ".cache/hotspot-users");
const { minify } = createRequire(join(cache, "terser/"))("terser");

const page = join(dir, "index.html");
let html = readFileSync(page, "utf8");
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const files = [...html.matchAll(/<link rel="modulepreload" href="\/([^"]+\.js)"[^>]*>/g)].map((m) => m[1]);
let saved = 0;
for (const file of files) {
  const path = join(dir, file);
  const before = readFileSync(path);
  const { code } = await minify(before.toString("utf8"), { module: true, compress: true, mangle: true });
  writeFileSync(path, code + "\n");
  const after = readFileSync(path);
  if (!html.includes(sri(before))) throw new Error(`no integrity hash of ${file} in index.html`);
  html = html.replace(sri(before), sri(after));
  saved += before.length - after.length;
}
writeFileSync(page, html);
console.log(`minify-glue: ${files.length} module(s), ${saved} bytes saved before gzip`);
