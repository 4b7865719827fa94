// Trunk post-build hook (release builds): puts the JS snippets into the
// glue (inline-snippets.mjs), shortens the import and export
// names the wasm and its glue share (short-names.mjs), splits the wasm into
// the page's part and the on-demand part and optimises both
// (split-wasm.mjs), minifies wasm-bindgen's JS glue with terser, updates
// the JS files' Subresource Integrity hashes in index.html, and last writes
// the gzip form of every file (precompress.mjs).
// The glue is the page's second-largest file; this keeps the size budget.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { inlineSnippets } from "./inline-snippets.mjs";
import { precompress } from "./precompress.mjs";
import { shortenNames } from "./short-names.mjs";
import { splitWasm } from "./split-wasm.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const cache = process.env.HOTSPOT_USERS_CACHE ?? join(process.env.HOME, ".cache/hotspot-users");
const { minify } = createRequire(join(cache, "terser/"))("terser");

const page = join(dir, "index.html");
let html = readFileSync(page, "utf8");
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const preloads = () => [...html.matchAll(/<link rel="modulepreload" href="\/([^"]+\.js)"[^>]*>/g)];
// The wasm and the glue name each other's functions: shortened first, in both.
const wasm = html.match(/<link rel="preload" href="\/([^"]+\.wasm)"/)?.[1];
if (!wasm) throw new Error("no preloaded wasm in index.html");
const wasmBefore = readFileSync(join(dir, wasm));
const glueFile = wasm.replace(/_bg\.wasm$/, ".js");
// The console's wasm is split; other builds with this config (the bench's
// empty-Yew baseline) are optimised by Trunk and only shortened here.
const split = wasm === "hotspot-users_bg.wasm";
if (!preloads().some((m) => m[1] === glueFile)) throw new Error(`the glue ${glueFile} is not preloaded by index.html`);
// The snippets go into the glue: their files and preloads go.
const inlined = inlineSnippets(dir, readFileSync(join(dir, glueFile), "utf8"));
for (const snippet of inlined.snippets) {
  const link = preloads().find((m) => m[1] === snippet);
  if (!link) throw new Error(`the snippet ${snippet} is not preloaded by index.html`);
  html = html.replace(link[0], "");
  rmSync(join(dir, snippet));
  for (let d = dirname(join(dir, snippet)); d !== dir && readdirSync(d).length === 0; d = dirname(d)) rmSync(d, { recursive: true });
}
const files = preloads().map((m) => m[1]);
let saved = 0;
for (const file of files) {
  const path = join(dir, file);
  const before = readFileSync(path);
  const source = file === glueFile
    ? shortenNames(join(dir, wasm), inlined.source, { keepNames: split })
    : before.toString("utf8");
  const { code } = await minify(source, { module: true, compress: true, mangle: true });
  writeFileSync(path, code + "\n");
  const after = readFileSync(path);
  if (!html.includes(sri(before))) throw new Error(`no integrity hash of ${file} in index.html`);
  html = html.replace(sri(before), sri(after));
  saved += before.length - after.length;
}
// The console's wasm still has its names: split in two and optimised now.
const lazy = split ? splitWasm(join(dir, wasm)) : null;
// Chromium ignores integrity on a preload of the wasm (`as="fetch"`) and
// warns on every load (crbug.com/981419): the attribute goes. The glue's
// modulepreload and script keep theirs; the glue fetches the wasm.
const wasmAfter = readFileSync(join(dir, wasm));
const wasmIntegrity = ` integrity="${sri(wasmBefore)}"`;
if (!html.includes(wasmIntegrity)) throw new Error(`no integrity hash of ${wasm} in index.html`);
html = html.replace(wasmIntegrity, "");
writeFileSync(page, html);
const gzipped = precompress(dir);
console.log(`minify-glue: ${files.length} module(s), ${saved} bytes saved before gzip; ` +
  `wasm ${wasmAfter.length} bytes for the page` + (lazy ? `, ${readFileSync(lazy).length} on demand` : "") +
  `; ${gzipped} files with a gzip form`);
