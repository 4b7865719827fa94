// What a page costs to fetch: every file the browser loads for it (the
// API's answers left out), raw and gzip -9. Shared by the bench and the
// size guard of the test command.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The size budget: `budget` (what the test command enforces) and `target`. */
export const BUDGET = JSON.parse(readFileSync(new URL("./size-budget.json", import.meta.url), "utf8"));

/** Starts `hotspot-users-server sandbox` on a free port serving `dist`. */
export async function startSandbox(dist, extra = []) {
  const proc = spawn(process.env.SERVER_BIN, ["sandbox", "--listen", "127.0.0.1:0", "--dist", dist, ...extra],
    { stdio: ["ignore", "pipe", "inherit"] });
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

/**
 * Files the page at `url` loads until the network is idle, by path: `raw`
 * and `gzip` (-9) bytes of each body, and `wire`, the bytes the server
 * sent for it (smaller than `raw` when it sent the gzip form).
 */
export async function transfer(browser, url) {
  const page = await browser.newPage();
  const pending = [];
  // The files asked for before the first of them came back: what the
  // document asks for at once.
  const atOnce = new Set();
  let firstBack = false;
  page.on("request", (r) => { if (!firstBack && r.resourceType() !== "document") atOnce.add(r.url()); });
  page.on("requestfinished", (r) => { if (r.resourceType() !== "document") firstBack = true; });
  page.on("response", (res) => pending.push((async () => {
    try {
      const body = await res.body();
      const { responseBodySize } = await res.request().sizes();
      return { path: new URL(res.url()).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length,
        wire: responseBodySize, encoding: (await res.allHeaders())["content-encoding"] ?? "", atOnce: atOnce.has(res.url()) };
    } catch {
      return null;
    }
  })()));
  await page.goto(url + "/", { waitUntil: "networkidle" });
  const files = (await Promise.all(pending)).filter((f) => f && !/^\/v[0-9]\//.test(f.path));
  await page.close();
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

export const total = (files, key) => files.reduce((a, f) => a + f[key], 0);
