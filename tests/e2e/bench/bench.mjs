// The console's bench: transfer sizes (console and an empty-Yew baseline)
// and browser timings against the sandbox, with a 1000-user configuration
// and zero added latency, merged with the native model figures.
// Run through scripts/bench.sh, which builds everything and sets:
//   SERVER_BIN, CONSOLE_DIST, BASELINE_DIST, NATIVE_TSV, BENCH_RUNS
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROJECT = "0b5e3f9a6c2d4e71a8f9b0c1d2e3f405";
const TOKEN = "demo-token";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function startSandbox(dist) {
  const proc = spawn(process.env.SERVER_BIN, ["sandbox", "--listen", "127.0.0.1:0", "--dist", dist], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (c) => {
      out += c;
      const m = out.match(/listening on (http:\/\/\S+?)\/?\s/);
      if (m) resolve(m[1]);
    });
    proc.on("exit", (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  return { url, stop: () => proc.kill("SIGINT") };
}

async function transfer(browser, url) {
  const page = await browser.newPage();
  const files = [];
  page.on("response", async (res) => {
    try {
      const body = await res.body();
      files.push({ path: new URL(res.url()).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {}
  });
  await page.goto(url + "/", { waitUntil: "networkidle" });
  await page.close();
  return files.filter((f) => !f.path.startsWith("/v1/")).sort((a, b) => a.path.localeCompare(b.path));
}

async function createConfig(base, users) {
  const res = await fetch(`${base}/v1/${PROJECT}/hotspot-session-config`, {
    method: "POST",
    headers: { "X-Auth-Token": TOKEN, "Content-Type": "application/json" },
    body: JSON.stringify({ hotspot_session_migration_enable: true, hotspot_exit_session_num: 5, non_migrate_users: users }),
  });
  if (!res.ok) throw new Error(`create config: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

const users = (prefix) => Array.from({ length: 1000 }, (_, i) => ({ user_id: `${prefix}${String(i).padStart(6, "0")}`, user_name: `${prefix} user ${i}` }));

// In-page helpers: the console lives in the shadow root of its element.
// `__until(cond)` resolves once `cond()` holds, at the first task after the
// next frame's paint; the DOM (and the shadow root) are watched with
// MutationObservers, so waiting itself adds no frames.
const WAIT_PAINT = `
window.__root = () => document.querySelector("hotspot-users-console")?.shadowRoot;
window.__q = (selector) => window.__root()?.querySelector(selector);
window.__until = (cond) => new Promise((resolve) => {
  const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
  if (cond()) return painted();
  let done = false, watchingRoot = false;
  const observers = [];
  const check = () => {
    if (done || !cond()) return;
    done = true;
    observers.forEach((o) => o.disconnect());
    clearInterval(timer);
    painted();
  };
  const watch = (node) => {
    const o = new MutationObserver(check);
    o.observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
    observers.push(o);
  };
  watch(document);
  if (window.__root()) { watchingRoot = true; watch(window.__root()); }
  const timer = setInterval(() => {
    const root = window.__root();
    if (root && !watchingRoot) { watchingRoot = true; watch(root); }
    check();
  }, 5);
});`;

async function measure(browser, base) {
  const config = await createConfig(base, users("b"));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(WAIT_PAINT);
  let patches = 0;
  page.on("request", (r) => { if (r.method() === "PATCH") patches += 1; });
  // The console remembers project and configuration; the token is typed and
  // Load pressed by a script inside the page, as soon as the form exists, so
  // no automation round trip is counted.
  await page.addInitScript(({ project, config, token }) => {
    localStorage.setItem("hotspot-users/v1/connection", JSON.stringify({ base: "", region: "", project, config }));
    document.addEventListener("DOMContentLoaded", async () => {
      await window.__until(() => window.__q("#hu-token"));
      const input = window.__q("#hu-token");
      input.value = token;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const load = () => [...(window.__root()?.querySelectorAll("button") ?? [])].find((b) => b.textContent === "Load users" && !b.disabled);
      await window.__until(load);
      load().click();
    });
  }, { project: PROJECT, config, token: TOKEN });
  await page.goto(base + "/");
  console.error("  run: loading");
  const table = await page.evaluate(() => window.__until(() =>
    window.__q(".hu-count")?.textContent.includes("of 1000 shown") && window.__q(".hu-table tbody tr.hu-row")));

  // Filter: keydown to the first paint after the table changed.
  // Typing and erasing: every keystroke is a sample.
  console.error("  run: filtering");
  await page.locator("#hu-filter").focus();
  const filter = [];
  for (const key of ["7", "a", "Backspace", "Backspace"]) {
    await page.evaluate(() => {
      const input = window.__q("#hu-filter");
      window.__filter = new Promise((resolve) => {
        input.addEventListener("keydown", () => {
          const t0 = performance.now();
          const before = window.__q(".hu-count").textContent;
          window.__until(() => window.__q(".hu-count").textContent !== before).then((t1) => resolve(t1 - t0));
        }, { once: true });
      });
    });
    await page.keyboard.press(key);
    filter.push(await page.evaluate(() => window.__filter));
  }

  // Stage the deletion of all 1000, then import 1000 others: paste to staged.
  await page.getByRole("checkbox", { name: "Select all shown users" }).check();
  await page.getByRole("button", { name: /Delete selected/ }).click();
  await page.getByRole("button", { name: "Import…" }).click();
  const paste = users("c").map((u) => `${u.user_id},${u.user_name}`).join("\n");
  console.error("  run: importing");
  const importMs = await page.evaluate(async (text) => {
    const t0 = performance.now();
    const area = window.__q("#hu-import-text");
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await window.__until(() => window.__q(".hu-dialog .hu-primary")?.textContent === "Stage 1000 users");
    window.__q(".hu-dialog .hu-primary").click();
    const t1 = await window.__until(() => window.__q(".hu-count")?.textContent.includes("1000 to add"));
    return t1 - t0;
  }, paste);

  console.error("  run: applying");
  const before = patches;
  const t0 = Date.now();
  await page.getByRole("button", { name: "Apply changes" }).click();
  await page.locator(".hu-success").waitFor({ timeout: 60_000 });
  const applyMs = Date.now() - t0;

  // The directory: a search keystroke to its results painted (5,000 users,
  // substring search), then resolving 1000 imported names.
  console.error("  run: directory");
  let dirRequests = 0;
  page.on("request", (r) => { if (r.url().includes("/v2/")) dirRequests += 1; });
  await page.getByRole("button", { name: "Add from directory…" }).click();
  const search = [];
  for (const text of ["a", "al", "li", "wa"]) {
    search.push(await page.evaluate((text) => {
      const input = window.__q("#hu-dir-search");
      const before = window.__q("#hu-dir-status").textContent;
      const t0 = performance.now();
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      return window.__until(() => {
        const now = window.__q("#hu-dir-status").textContent;
        return now !== before && now.includes("matching users shown");
      }).then((t1) => t1 - t0);
    }, text));
  }
  await page.keyboard.press("Escape");
  const names = (await (await fetch(`${base}/v2/${PROJECT}/users`, { headers: { "X-Auth-Token": TOKEN } })).json()).users
    .map((u) => u.user_name);
  const unique = names.filter((n, i) => names.indexOf(n) === names.lastIndexOf(n)).slice(0, 1000);
  await page.getByRole("button", { name: "Import…" }).click();
  const requestsBefore = dirRequests;
  const resolveMs = await page.evaluate(async (text) => {
    const area = window.__q("#hu-import-text");
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    const lookup = () => [...window.__root().querySelectorAll(".hu-dialog button")].find((b) => b.textContent.startsWith("Look up"));
    await window.__until(lookup);
    const t0 = performance.now();
    lookup().click();
    const t1 = await window.__until(() => window.__q(".hu-dialog .hu-primary")?.textContent === "Stage 1000 users");
    return t1 - t0;
  }, ["user_name", ...unique].join("\n"));
  const resolveRequests = dirRequests - requestsBefore;
  await page.close();
  return { table, filter, importMs, applyMs, requests: patches - before, search, resolveMs, resolveRequests };
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
const consoleSbx = await startSandbox(process.env.CONSOLE_DIST);
const baselineSbx = await startSandbox(process.env.BASELINE_DIST);
try {
  const files = await transfer(browser, consoleSbx.url);
  const base = await transfer(browser, baselineSbx.url);
  const sum = (fs, k) => fs.reduce((a, f) => a + f[k], 0);
  console.log("\nTransfer sizes (bytes; every file the page loads)");
  console.log("| file | raw | gzip -9 |\n|---|---:|---:|");
  for (const f of files) console.log(`| ${f.path} | ${f.raw} | ${f.gzip} |`);
  console.log(`| **console total** | ${sum(files, "raw")} | ${sum(files, "gzip")} |`);
  console.log(`| baseline total (empty Yew app, same deps and profile) | ${sum(base, "raw")} | ${sum(base, "gzip")} |`);
  console.log(`| console / baseline | ${(sum(files, "raw") / sum(base, "raw")).toFixed(2)}x | ${(sum(files, "gzip") / sum(base, "gzip")).toFixed(2)}x |`);

  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await measure(browser, consoleSbx.url));
  const rows = [
    ["navigation → table showing 1000 users (token typed by an in-page script)", stats(results.map((r) => r.table)), "< 300"],
    ["filter keystroke → next paint (1000 rows; 4 keystrokes a run)", stats(results.flatMap((r) => r.filter)), "< 16"],
    ["1000-line paste → shown staged", stats(results.map((r) => r.importMs)), "< 100"],
    ["apply 1000 deletions + 1000 additions (incl. re-read)", stats(results.map((r) => r.applyMs)), ""],
    ["directory search keystroke → results painted (5,000 users; 100 ms debounce included)", stats(results.flatMap((r) => r.search)), "< 150"],
    ["resolve 1000 imported names through the directory", stats(results.map((r) => r.resolveMs)), ""],
  ];
  for (const line of readFileSync(process.env.NATIVE_TSV, "utf8").split("\n")) {
    const [tag, what, median, min, max] = line.split("\t");
    if (tag === "BENCH") rows.push([`native: ${what}`, { median: +median, min: +min, max: +max }, ""]);
  }
  console.log(`\nTimings (ms; browser figures: median of ${RUNS} runs in headless Chromium, sandbox with zero latency)`);
  console.log("| figure | median | min | max | target |\n|---|---:|---:|---:|---:|");
  for (const [what, s, target] of rows) console.log(`| ${what} | ${s.median.toFixed(1)} | ${s.min.toFixed(1)} | ${s.max.toFixed(1)} | ${target} |`);
  const reqs = results.map((r) => r.requests);
  console.log(`| requests for 1000 deletions + 1000 additions | ${stats(reqs).median} | ${stats(reqs).min} | ${stats(reqs).max} | 2 |`);
  const dreqs = results.map((r) => r.resolveRequests);
  console.log(`| requests to resolve 1000 names | ${stats(dreqs).median} | ${stats(dreqs).min} | ${stats(dreqs).max} | |`);
} finally {
  consoleSbx.stop();
  baselineSbx.stop();
  await browser.close();
}
