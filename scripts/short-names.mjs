// Shortens the names the wasm and its JS glue use for each other (release
// builds; called by minify-glue.mjs before terser). wasm-bindgen names every
// import after its Rust path plus a hash ("./hotspot-users_bg.js" /
// "__wbg_set_nodeValue_7e92…") and every export after its Rust symbol; they
// appear in both files and only link the two. binaryen's
// `--minify-imports-and-exports-and-modules` renames them in the wasm and
// prints the mapping; this applies the same mapping to the glue.
import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, rmSync } from "node:fs";
import { FEATURES } from "./split-wasm.mjs";

/** Reads the import section of a wasm binary: [{ module, field }]. */
function imports(bytes) {
  let i = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[i++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  };
  const name = () => {
    const n = leb();
    const s = new TextDecoder().decode(bytes.subarray(i, i + n));
    i += n;
    return s;
  };
  while (i < bytes.length) {
    const id = bytes[i++];
    const size = leb();
    if (id !== 2) {
      i += size;
      continue;
    }
    const out = [];
    for (let count = leb(); count > 0; count--) {
      const module = name();
      const field = name();
      const kind = bytes[i++];
      if (kind === 0) leb(); // function: type index
      else if (kind === 1) { i++; const flags = leb(); leb(); if (flags & 1) leb(); } // table
      else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); } // memory
      else if (kind === 3) { i += 2; } // global: value type, mutability
      else throw new Error(`short-names: import kind ${kind} not understood`);
      out.push({ module, field });
    }
    return out;
  }
  return [];
}

const escape = (s) => s.replace(/[$]/g, "\\$&");

/**
 * Renames the imports and exports of `wasmPath` and rewrites `glue` (the
 * unminified wasm-bindgen glue, `--target web`) to match. Returns the new glue.
 * `keepNames` keeps the wasm's function names (for the split that follows).
 */
export function shortenNames(wasmPath, glue, { keepNames = false } = {}) {
  const out = `${wasmPath}.short`;
  const stdout = execFileSync("wasm-opt", [
    ...FEATURES,
    // Function names stay for split-wasm.mjs, which chooses by them and drops them.
    ...(keepNames ? ["-g"] : []),
    "--minify-imports-and-exports-and-modules", wasmPath, "-o", out,
  ], { encoding: "utf8", maxBuffer: 64 << 20 });
  const map = JSON.parse(stdout.slice(stdout.indexOf("{")));
  const modules = [...new Set(imports(readFileSync(out)).map((x) => x.module))];
  if (modules.length !== 1) throw new Error(`short-names: expected one import module, got ${modules.join(", ")}`);

  // The glue hands the wasm one object per module: `import0` holds the glue's
  // own functions (its keys are the import names), the snippets are ES modules.
  const ret = glue.match(/return \{\s*__proto__: null,\s*((?:"[^"]+": import\d+,\s*)+)\};/);
  if (!ret) throw new Error("short-names: the glue's import object was not found");
  const objects = Object.fromEntries([...ret[1].matchAll(/"([^"]+)": (import\d+)/g)].map((m) => [m[1], m[2]]));
  const own = Object.entries(objects).find(([, v]) => v === "import0")?.[0];
  let code = glue;
  const extra = [];
  for (const [module, field, short] of map.imports) {
    if (module === own) {
      const key = new RegExp(`(\\n\\s*)${escape(field)}(: function)`);
      if (!key.test(code)) throw new Error(`short-names: no glue function for import ${field}`);
      // Replacement functions: a short name may hold "$", special in patterns.
      code = code.replace(key, (_, before, after) => `${before}${short}${after}`);
    } else if (objects[module]) {
      extra.push(`${JSON.stringify(short)}: ${objects[module]}[${JSON.stringify(field)}]`);
    } else {
      throw new Error(`short-names: import module ${module} is not in the glue`);
    }
  }
  code = code.replace(ret[0], () =>
    `return { __proto__: null, ${JSON.stringify(modules[0])}: Object.assign(import0, { ${extra.join(", ")} }) };`);
  for (const [name, short] of map.exports) {
    code = code.replace(new RegExp(`\\bwasm\\.${escape(name)}\\b`, "g"), () => `wasm.${short}`);
  }
  const left = [...code.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1])
    .filter((n) => !map.exports.some(([, s]) => s === n));
  if (left.length) throw new Error(`short-names: the glue still uses exports ${[...new Set(left)].join(", ")}`);
  rmSync(wasmPath);
  renameSync(out, wasmPath);
  return code;
}
