// Writes a gzip -9 form beside each text or wasm file of a build
// (`file.gz`), for the server to send to browsers that take gzip
// (tower-http's ServeDir, precompressed): the size budget counts gzip -9,
// and this makes it what the page's files cost on the wire. A form that
// would not be smaller is not written.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = /\.(html|js|mjs|wasm|css|json|svg|csv|txt)$/;

/** Compresses the files under `dir`; returns how many forms were written. */
export function precompress(dir) {
  let written = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      written += precompress(path);
    } else if (TYPES.test(name)) {
      const raw = readFileSync(path);
      const gz = gzipSync(raw, { level: 9 });
      if (gz.length < raw.length) {
        writeFileSync(`${path}.gz`, gz);
        written += 1;
      } else {
        rmSync(`${path}.gz`, { force: true });
      }
    }
  }
  return written;
}
