// The fault matrix: a change that needs several batches (120 deletions and
// 130 additions, 100 users per request) under each fault the sandbox can
// inject on the second PATCH. Every run must end with the server holding
// exactly the intended users, nothing staged, and a message naming the fault.
import { test, expect, users, SMALL_CONFIG, UserInfo, READ_BY_PAGES } from "../lib/sandbox";
import { Console } from "../lib/console";

/** Prints rows as a Markdown table under a title. */
function printTable<R extends Record<string, string | number>>(title: string, rows: R[], cols: (keyof R & string)[]) {
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(width[i])).join(" | ") + " |";
  console.log(`\n${title}`);
  console.log(line(cols));
  console.log(line(width.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

type Row = { fault: string; requests: number; attempts: number; final: string; message: string };
const matrix: Row[] = [];

const faults: { name: string; fault: object; expectText: string; timeoutSecs?: number; token?: boolean }[] = [
  { name: "connection dropped", fault: { kind: "drop" }, expectText: "could not be reached" },
  { name: "500", fault: { kind: "status", status: 500 }, expectText: "The service failed internally" },
  { name: "502 with an HTML body", fault: { kind: "html", status: 502 }, expectText: "HTML page" },
  { name: "503 with Retry-After", fault: { kind: "status", status: 503, retry_after: 1 }, expectText: "unavailable" },
  { name: "429", fault: { kind: "status", status: 429, retry_after: 1 }, expectText: "throttling" },
  { name: "5 s stall past a 2 s timeout", fault: { kind: "stall", ms: 5000 }, expectText: "No answer from the API within 2 seconds", timeoutSecs: 2 },
  { name: "truncated JSON error body", fault: { kind: "truncated", status: 500 }, expectText: "cut short" },
  { name: "401 halfway", fault: { kind: "revoke_token", token: "demo-token" }, expectText: "The token is invalid or expired", token: true },
];

const range = (prefix: string, n: number): UserInfo[] =>
  Array.from({ length: n }, (_, i) => ({ user_id: `${prefix}-${String(i).padStart(3, "0")}`, user_name: `${prefix} user ${i}` }));

test.describe("fault matrix", () => {
  test.afterAll(() =>
    printTable("Fault matrix (120 deletions + 130 additions, 100 users per request, fault on the 2nd PATCH):", matrix, [
      "fault", "requests", "attempts", "final", "message",
    ]),
  );

  for (const f of faults) {
    test(`apply survives: ${f.name}`, async ({ page, sandbox }) => {
      const original = await sandbox.users(SMALL_CONFIG);
      const doomed = range("mx", 120);
      await sandbox.patch(SMALL_CONFIG, "ADD", doomed);
      const added = range("my", 130);
      const c = await Console.open(page, sandbox);
      await c.connect(SMALL_CONFIG);
      await c.load(original.length + doomed.length);
      await page.locator("#hu-filter").fill("mx-");
      await page.getByRole("checkbox", { name: "Select all shown users" }).check();
      await c.deleteSelected();
      await page.locator("#hu-filter").fill("");
      await c.openImport(added.map((u) => `${u.user_id},${u.user_name}`).join("\n"));
      await c.confirmImport(130);
      await c.setBatchSize(100);
      if (f.timeoutSecs) {
        await page.locator("#hu-timeout").fill(String(f.timeoutSecs));
        await page.locator("#hu-timeout").press("Tab");
      }
      await expect(c.planSummary()).toHaveText("4 requests: DELETE 120 users, ADD 130 users.");
      await sandbox.faults({ queue: [{ ...f.fault, method: "PATCH", skip: 1 }] });
      if (f.token) await sandbox.tokens({ add: "second-token" });
      await c.apply();
      let message: string;
      if (f.token) {
        message = (await page.locator(".hu-paused .hu-error-box").innerText()).split("\n")[0];
        expect(message).toContain(f.expectText);
        await expect(page.locator(".hu-count")).toContainText("130 to add");
        await c.resumeWithToken("second-token");
        await c.expectVerified();
        await sandbox.tokens({ add: "demo-token" });
      } else {
        await c.expectVerified();
        message = await page.locator(".hu-retries li").first().innerText();
        expect(message).toContain(f.expectText);
      }
      const intended = [...original, ...added].map((u) => `${u.user_id}=${u.user_name}`).sort();
      const server = (await sandbox.users(SMALL_CONFIG)).map((u) => `${u.user_id}=${u.user_name}`).sort();
      expect(server).toEqual(intended);
      await expect(page.locator(".hu-count")).toContainText("0 to add · 0 to rename · 0 to delete");
      await page.getByText(/Activity \(\d+ requests\)/).click();
      const patches = page.locator(".hu-activity tbody tr").filter({ hasText: /ADD|DELETE/ });
      const attempts = (await patches.locator("td:nth-child(6)").allInnerTexts()).reduce((a, b) => a + Number(b), 0);
      matrix.push({
        fault: f.name,
        requests: await patches.count(),
        attempts,
        final: server.length === intended.length ? `equal (${server.length} users)` : "DIFFERENT",
        message: message.replace(/^Request \d+ \([^)]*\), attempt \d+: /, "").replace(/\s+/g, " ").slice(0, 110),
      });
    });
  }
});

// The read side: the same faults on a page in the middle of a 1000-user
// load (page 6 of 10, read in parallel with others). Every load must end
// with the full table, and the activity log must show the extra attempts.
type ReadRow = { fault: string; pages: number; attempts: number; table: string; shown: string };
const readMatrix: ReadRow[] = [];

test.describe("fault matrix, read side", () => {
  // Faults on one page: the console reads page by page, as through a plain proxy of the API.
  test.use({ sandboxArgs: READ_BY_PAGES });
  test.afterAll(() =>
    printTable("Fault matrix, read side (1000 users, 10 pages, fault on page 6; the 401 on page 7):", readMatrix, [
      "fault", "pages", "attempts", "table", "shown",
    ]),
  );

  for (const f of faults) {
    test(`load survives: ${f.name}`, async ({ page, sandbox }) => {
      const config = await sandbox.createConfig(users("rd", 1000));
      const c = await Console.open(page, sandbox);
      await c.connect(config);
      if (f.timeoutSecs) {
        // The time limit is set in the review panel, shown once something is loaded.
        await c.load(1000);
        await page.locator("#hu-timeout").fill(String(f.timeoutSecs));
        await page.locator("#hu-timeout").press("Tab");
      }
      const before = f.timeoutSecs ? await (await c.activity("GET")).count() : 0;
      // A stall fires twice, so the retry it causes stays on screen while the second one runs.
      const times = f.timeoutSecs ? 2 : 1;
      // The 401 comes with page 7: it is asked for only once an answer told
      // the total, so some pages are read before the token is revoked. On
      // page 6, asked for together with pages 1-5, it would race them.
      const query = f.token ? "offset=600" : "offset=500";
      await sandbox.faults({ queue: [{ ...f.fault, method: "GET", query, times }] });
      if (f.token) await sandbox.tokens({ add: "second-token" });
      await page.getByRole("button", { name: "Load users" }).click();
      let shown: string;
      if (f.token) {
        // A 401 is not retried: the load stops, keeps the pages it read,
        // and a new token reads only what is missing.
        const box = page.locator(".hu-error-box");
        await expect(box).toContainText(f.expectText);
        await expect(box).toContainText("of 1000 users read are kept");
        shown = (await box.locator("strong").innerText()).trim();
        await page.locator("#hu-token").fill("second-token");
        await page.getByRole("button", { name: "Load users" }).click();
        await sandbox.tokens({ add: "demo-token" });
      } else {
        await expect(page.locator(".hu-progress")).toContainText("page 6, attempt 2");
        shown = (await page.locator(".hu-progress span").innerText()).replace(/^.*attempt 2: /, "");
        expect(shown.length, "the progress line names the failure").toBeGreaterThan(10);
      }
      await expect(page.locator(".hu-notice")).toHaveText("Loaded 1000 users.");
      await expect(page.locator(".hu-progress")).toHaveCount(0);
      await expect(page.locator(".hu-count")).toContainText("1000 of 1000 shown");
      const gets = await c.activity("GET");
      const rows = (await gets.count()) - before;
      const attempts = (await gets.locator("td:nth-child(6)").allInnerTexts()).slice(0, rows).map(Number).reduce((a, b) => a + b, 0);
      expect(attempts).toBeGreaterThan(10);
      readMatrix.push({ fault: f.name, pages: rows, attempts, table: "1000 of 1000", shown: shown.replace(/\s+/g, " ").slice(0, 90) });
    });
  }
});
