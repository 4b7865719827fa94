// The test command's size guard: loads the release console from the
// sandbox in Chromium and fails when the gzip -9 total of every file the
// page loads exceeds the budget in size-budget.json.
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
for (const f of files) console.log(`    ${f.path}: ${f.gzip} B gzip`);
if (!files.some((f) => f.path.endsWith(".wasm"))) {
  console.error("size guard: the page loaded no wasm; nothing was measured");
  process.exit(1);
}
if (gzip > BUDGET.budget) {
  console.error(`size guard: the console's transfer is ${gzip} B gzip -9, over its budget of ${BUDGET.budget} B (by ${gzip - BUDGET.budget} B). Cut before adding; see README "Size".`);
  process.exit(1);
}
console.log(`    total ${gzip} B gzip -9, within the budget of ${BUDGET.budget} B (${BUDGET.budget - gzip} B left; target ${BUDGET.target} B)`);
