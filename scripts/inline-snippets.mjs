// Puts wasm-bindgen's JS snippets (the `inline_js` of the console's Rust
// code, one module file each under snippets/) into the glue that imports
// them. A browser runs six requests at once to one origin over HTTP/1.1:
// with two snippet files the page asked for seven files at once and the
// wasm, the largest, waited a round trip for a free connection.
//
// A snippet may declare `export function` / `export async function` /
// `export const|let` and top-level code; `import.meta.url` keeps meaning
// the snippet's own address. Anything else (imports, `export {…}`,
// `export default`) stops the build with the snippet's name.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const IMPORT = /import\s*\*\s*as\s*([\w$]+)\s*from\s*["'](\.\/snippets\/[^"']+\.js)["'];?/g;
const EXPORT = /^export\s+(?:async\s+)?(?:function\s*\*?\s*|const\s+|let\s+)([\w$]+)/gm;

/** One snippet module as an expression: an object of its exports. */
function asObject(path, source) {
  if (/^\s*import[\s{*]/m.test(source) || /^export\s+(?:\{|default|\*)/m.test(source)) {
    throw new Error(`inline-snippets: ${path} uses an import or export form this build does not inline`);
  }
  const names = [...source.matchAll(EXPORT)].map((m) => m[1]);
  if (names.length === 0) throw new Error(`inline-snippets: ${path} exports nothing`);
  const body = source
    .replace(/^export\s+/gm, "")
    .replaceAll("import.meta.url", `new URL(${JSON.stringify(path)}, import.meta.url).href`);
  return `(() => {\n${body}\nreturn { ${names.join(", ")} };\n})()`;
}

/**
 * `glue` with every snippet it imports from `dir` inlined; returns the new
 * source and the snippets' paths (relative to `dir`, e.g.
 * `snippets/crate-hash/inline0.js`), which the page no longer loads.
 */
export function inlineSnippets(dir, glue) {
  const modules = new Map();
  const source = glue.replace(IMPORT, (_, alias, path) => {
    if (!modules.has(path)) modules.set(path, `__snippet${modules.size}`);
    return `const ${alias} = ${modules.get(path)};`;
  });
  const defs = [...modules].map(([path, name]) =>
    `const ${name} = ${asObject(path, readFileSync(join(dir, path), "utf8"))};`);
  if (/from\s*["']\.\/snippets\//.test(source)) {
    throw new Error("inline-snippets: the glue imports a snippet in a form this build does not inline");
  }
  return { source: defs.join("\n") + "\n" + source, snippets: [...modules.keys()].map((p) => p.slice(2)) };
}
