// Trunk post-build hook: moves the inline module script Trunk writes into
// index.html to a file of its own, so the page needs no inline script and
// runs under `script-src 'self' 'wasm-unsafe-eval'`.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const inline = /<script type="module"(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;
let count = 0;
const out = html.replace(inline, (_, body) => {
  count += 1;
  // A stable name, so that portal pages can embed the console with it.
  const name = count === 1 ? "hotspot-users-loader.js" : `hotspot-users-loader-${count}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  return `<script type="module" src="/${name}"></script>`;
});
if (count === 0) throw new Error("no inline module script found in index.html");
writeFileSync(page, out);
console.log(`extract-loader: moved ${count} inline script(s) to files`);
