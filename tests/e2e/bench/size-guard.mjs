// The test command's size guard: loads the release console from the
// sandbox in Chromium and fails when the gzip -9 total of every file the
// page loads exceeds the budget in size-budget.json, when a file of more
// than 1 KB comes over the wire uncompressed (the budget would then not be
// what the page costs), or when the page asks for more files at once than
// a browser runs to one origin over HTTP/1.1 (six: the rest wait a round
// trip).
//   SERVER_BIN, CONSOLE_DIST
import { chromium } from "playwright-core";
import { BUDGET, CHROMIUM_ARGS, startSandbox, total, transfer } from "./transfer.mjs";

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
const sandbox = await startSandbox(process.env.CONSOLE_DIST);
let files;
try {
  files = await transfer(browser, sandbox.url);
} finally {
  sandbox.stop();
  await browser.close();
}
const gzip = total(files, "gzip");
const startup = files.filter((f) => f.atOnce).map((f) => f.path);
for (const f of files) console.log(`    ${f.path}: ${f.gzip} B gzip -9, ${f.wire} B on the wire${f.encoding ? ` (${f.encoding})` : ""}`);
if (!files.some((f) => f.path.endsWith(".wasm"))) {
  console.error("size guard: the page loaded no wasm; nothing was measured");
  process.exit(1);
}
const plain = files.filter((f) => f.raw > 1024 && f.encoding !== "gzip");
if (plain.length) {
  console.error(`size guard: the server sent ${plain.map((f) => `${f.path} (${f.raw} B)`).join(", ")} uncompressed; the build writes a .gz form of each file and the server sends it`);
  process.exit(1);
}
if (startup.length > 6) {
  console.error(`size guard: the page asks for ${startup.length} files at once (${startup.join(", ")}); over HTTP/1.1 a browser runs six, and the rest wait a round trip`);
  process.exit(1);
}
if (gzip > BUDGET.budget) {
  console.error(`size guard: the console's transfer is ${gzip} B gzip -9, over its budget of ${BUDGET.budget} B (by ${gzip - BUDGET.budget} B). Cut before adding; see README "Size".`);
  process.exit(1);
}
console.log(`    ${startup.length} files asked for at once by the document: ${startup.join(", ")}`);
console.log(`    total ${gzip} B gzip -9 (${total(files, "wire")} B on the wire), within the budget of ${BUDGET.budget} B (${BUDGET.budget - gzip} B left; target ${BUDGET.target} B)`);
