// Builds the npm package of the console from a release build:
//   node scripts/package/build.mjs <console-dist> <package-dir>
// Layout: index.js (the small entry: serve it with short caching), v/<hash>/
// (JS glue, the wasm and its on-demand part, named by their content: cache
// for a year; the release build puts wasm-bindgen's snippets into the glue),
// index.d.ts, mount.js, custom-elements.json, README.md, LICENSE, package.json.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const [dist, out] = process.argv.slice(2);
if (!dist || !out) throw new Error("usage: build.mjs <console-dist> <package-dir>");
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = cargo.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m)[1];

// The glue, the wasm and the glue's snippets, hashed together: a pair that
// belongs together always lives in the same folder.
// The on-demand part of the wasm (dialogs and panels) sits beside them.
const files = ["hotspot-users.js", "hotspot-users_bg.wasm", "hotspot-users_lazy.wasm"];
for (const f of files) if (!existsSync(join(dist, f))) throw new Error(`${f} is not in ${dist}: build with trunk build --release=true`);
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const snippets = existsSync(join(dist, "snippets")) ? walk(join(dist, "snippets")).map((f) => relative(dist, f)) : [];
const hash = createHash("sha256");
for (const f of [...files, ...snippets.sort()]) hash.update(f).update(readFileSync(join(dist, f)));
const id = hash.digest("hex").slice(0, 12);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "v", id), { recursive: true });
for (const f of [...files, ...snippets]) {
  mkdirSync(dirname(join(out, "v", id, f)), { recursive: true });
  cpSync(join(dist, f), join(out, "v", id, f));
}

writeFileSync(join(out, "index.js"), `// hotspot-users-console ${version}. Importing this module defines <hotspot-users-console>
// and exports mount(). Serve this file with short caching (it names the build);
// everything under v/ is named by its content and may be cached for a year.
import init, { mount, event_names } from "./v/${id}/hotspot-users.js";

await init({ module_or_path: new URL("./v/${id}/hotspot-users_bg.wasm", import.meta.url) });

export { mount, event_names };
`);
writeFileSync(join(out, "mount.js"), `// The mount() entry of hotspot-users-console ${version} (same build as index.js).
export { mount } from "./index.js";
`);
cpSync(join(here, "index.d.ts"), join(out, "index.d.ts"));
cpSync(join(here, "index.d.ts"), join(out, "mount.d.ts"));
cpSync(join(here, "custom-elements.json"), join(out, "custom-elements.json"));
cpSync(join(root, "LICENSE"), join(out, "LICENSE"));

// The package README: the repository README's embedding section.
const readme = readFileSync(join(root, "README.md"), "utf8");
const start = readme.indexOf("## Embedding in a portal page");
const end = readme.indexOf("\n## ", start + 5);
const embedding = readme.slice(start, end).replace("## Embedding in a portal page", "## Embedding");
writeFileSync(join(out, "README.md"), `# hotspot-users-console

The admin console for the users not migrated from hotspot sessions (Huawei Cloud
Workspace Application Streaming), as a web component.

\`\`\`js
import "hotspot-users-console";                 // defines <hotspot-users-console>
import { mount } from "hotspot-users-console/mount";
\`\`\`

Serve the package's files from your portal's origin. \`index.js\` names the build: serve
it with short caching (\`Cache-Control: no-cache\`). Everything under \`v/\` is named by
its content: cache it for a year (\`immutable\`); keep earlier \`v/\` folders for a while
after an upgrade, so pages still holding the old \`index.js\` keep a matching pair of JS
and wasm. Types: \`index.d.ts\`; the Custom Elements Manifest: \`custom-elements.json\`.

${embedding}`);

writeFileSync(join(out, "package.json"), JSON.stringify({
  name: "hotspot-users-console",
  version,
  description: "Admin console for the users not migrated from hotspot sessions (Workspace Application Streaming), as a web component",
  license: "Apache-2.0",
  type: "module",
  main: "./index.js",
  types: "./index.d.ts",
  customElements: "custom-elements.json",
  exports: {
    ".": { types: "./index.d.ts", default: "./index.js" },
    "./mount": { types: "./mount.d.ts", default: "./mount.js" },
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json",
  },
  files: ["index.js", "index.d.ts", "mount.js", "mount.d.ts", "custom-elements.json", "v/", "README.md", "LICENSE"],
  sideEffects: ["./index.js"],
}, null, 2) + "\n");
console.log(`hotspot-users-console ${version}: ${out} (build v/${id})`);
