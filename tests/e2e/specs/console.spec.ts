// The console's main flows, as an administrator performs them.
import type { Locator, Route } from "@playwright/test";
import { test, expect, users, LARGE_CONFIG, PROJECT, SMALL_CONFIG, READ_BY_PAGES } from "../lib/sandbox";
import { Console } from "../lib/console";

test("load a configuration's users", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.screenshot("01-empty");
  await c.connect(LARGE_CONFIG);
  const server = await sandbox.users(LARGE_CONFIG);
  await c.load(server.length);
  await expect(page.locator(".hu-count")).toContainText(`${server.length} on the server`);
  await expect(c.row(server[17].user_id!)).toContainText(server[17].user_name!);
  await page.locator("#hu-filter").fill(server[17].user_id!);
  await expect(c.rows()).toHaveCount(1);
  await c.screenshot("02-loaded");
  await page.setViewportSize({ width: 400, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await c.screenshot("02-narrow-column");
  expect(c.cspViolations()).toEqual([]);
});

test("pick a configuration from the project's list and export its users", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect("");
  await expect(page.getByRole("button", { name: "Load users" })).toBeDisabled();
  await page.getByRole("button", { name: "Find configurations" }).click();
  const picker = page.getByLabel("Configurations of this project");
  await expect(picker.locator("option")).toHaveCount(3);
  await expect(picker).toContainText(`${SMALL_CONFIG} — migration off, exit at 0 sessions, 5 users`);
  await picker.selectOption(SMALL_CONFIG);
  await expect(page.locator("#hu-config")).toHaveValue(SMALL_CONFIG);
  await c.load(5);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("user_id,user_name");
  const server = await sandbox.users(SMALL_CONFIG);
  expect(lines.slice(1).sort()).toEqual(server.map((u) => `${u.user_id},${u.user_name}`).sort());
});

test.describe("read by pages (through a plain proxy of the API)", () => {
test.use({ sandboxArgs: READ_BY_PAGES });

test("pages are read in parallel: six at first, then the count last seen or listed", async ({ page, sandbox }) => {
  const reads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && r.url().includes("/non-migration-users")) reads.push(new URL(r.url()).searchParams.get("offset")!);
  });
  const c = await Console.open(page, sandbox);
  const server = await sandbox.users(LARGE_CONFIG);
  expect(server.length).toBe(320);
  // First visit: the count is unknown, so six pages go out at once; the
  // two past the total come back empty.
  await c.connect(LARGE_CONFIG);
  await c.load(320);
  expect(reads.sort()).toEqual(["0", "100", "200", "300", "400", "500"]);
  // Again: the count is remembered, only its four pages are asked for.
  reads.length = 0;
  await c.load(320);
  await expect.poll(() => reads.length).toBe(4);
  expect(reads.sort()).toEqual(["0", "100", "200", "300"]);
  // A configuration picked from the project's list: the list told its count.
  reads.length = 0;
  await page.getByRole("button", { name: "Find configurations" }).click();
  await page.getByLabel("Configurations of this project").selectOption(SMALL_CONFIG);
  await c.load(5);
  expect(reads).toEqual(["0"]);
});

});

test("listing the project's configurations forgets the counts of those deleted since", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  const gone = "0123456789abcdef0123456789abcdef";
  const other = "fedcba9876543210fedcba9876543210";
  const countKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("/v1/count/")).sort());
  await page.evaluate(([project, gone, other]) => {
    localStorage.setItem(`hotspot-users/v1/count/${project}/${gone}`, "42");
    localStorage.setItem(`hotspot-users/v1/count/other-project/${other}`, "7");
  }, [PROJECT, gone, other]);
  await c.connect(SMALL_CONFIG);
  await page.getByRole("button", { name: "Find configurations" }).click();
  await expect(page.getByLabel("Configurations of this project").locator("option", { hasText: SMALL_CONFIG })).toHaveCount(1);
  await expect.poll(countKeys).not.toContain(`hotspot-users/v1/count/${PROJECT}/${gone}`);
  const keys = await countKeys();
  expect(keys).toContain(`hotspot-users/v1/count/${PROJECT}/${SMALL_CONFIG}`);
  expect(keys).toContain(`hotspot-users/v1/count/${PROJECT}/${LARGE_CONFIG}`);
  // Another project's counts are not this list's to judge.
  expect(keys).toContain(`hotspot-users/v1/count/other-project/${other}`);
});

test.describe("read by pages, all at once", () => {
test.use({ sandboxArgs: READ_BY_PAGES });


test("a 1000-user configuration's ten pages are all asked for before any answer", async ({ page, sandbox }) => {
  const config = await sandbox.createConfig(users("big", 1000));
  const c = await Console.open(page, sandbox);
  await c.connect(config);
  await c.load(1000);
  // Answers are held until every page has been asked for: a console that
  // waited for answers before asking for the rest would never get here.
  const held: Route[] = [];
  let released = false;
  await page.route("**/non-migration-users?*", async (route) => {
    held.push(route);
    if (held.length === 10) {
      released = true;
      for (const r of held) await r.continue();
    }
  });
  await page.getByRole("button", { name: "Load users" }).click();
  await expect.poll(() => held.length).toBe(10);
  expect(released).toBe(true);
  const offsets = held.map((r) => Number(new URL(r.request().url()).searchParams.get("offset")));
  expect(offsets.sort((a, b) => a - b)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  await expect(page.locator(".hu-notice")).toHaveText("Loaded 1000 users.");
  await expect(page.locator(".hu-count")).toContainText("1000 of 1000 shown");
  // Reports come in bursts, but the activity log still lists every page.
  await expect(await c.activity("GET")).toHaveCount(20);
});
});

// The console's own server reads a configuration's whole list in one
// request (one round trip over the long hop instead of two); when that
// read fails, the console goes on by pages and the load still ends well.
test("a configuration is read in one request from the console's server; a failed whole read goes on by pages", async ({ page, sandbox }) => {
  const whole: string[] = [], pages: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET" || !r.url().includes("/non-migration-users")) return;
    (r.url().includes("/hotspot-users-server/v1/") ? whole : pages).push(r.url());
  });
  const config = await sandbox.createConfig(users("whole", 1000));
  const c = await Console.open(page, sandbox);
  // The server document (which offers whole lists) is in once the demo is offered.
  await expect(page.getByRole("button", { name: "Try the demo data" })).toBeVisible();
  await c.connect(config);
  await c.load(1000);
  expect([whole.length, pages.length]).toEqual([1, 0]);
  const gets = await c.activity("GET");
  await expect(gets).toHaveCount(1);
  await expect(gets.first().locator("td:nth-child(3)")).toHaveText("1000");

  // The whole read fails (503): the pages are read instead, and retried as ever.
  await sandbox.faults({ queue: [{ kind: "status", status: 503, method: "GET", times: 1 }] });
  await c.load(1000);
  await expect(page.locator(".hu-notice")).toHaveText("Loaded 1000 users.");
  expect([whole.length, pages.length]).toEqual([2, 10]);
  await expect(await c.activity("GET")).toHaveCount(12);

  // After a reload, in one request again, and the table is the server's.
  await page.reload();
  await expect(page.getByRole("button", { name: "Try the demo data" })).toBeVisible();
  await page.locator("#hu-token").fill("demo-token");
  await c.load(1000);
  expect([whole.length, pages.length]).toEqual([3, 10]);
  const server = await sandbox.users(config);
  await page.locator("#hu-filter").fill(server[999].user_id!);
  await expect(c.rows()).toHaveCount(1);
});

test("a whole read refused for its token stops the load and asks for a new one; no page is asked for", async ({ page, sandbox }) => {
  const pages: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && r.url().includes("/non-migration-users?")) pages.push(r.url());
  });
  const config = await sandbox.createConfig(users("expiring", 300));
  const c = await Console.open(page, sandbox);
  await expect(page.getByRole("button", { name: "Try the demo data" })).toBeVisible();
  await sandbox.tokens({ add: "second-token" });
  await c.connect(config);
  await sandbox.faults({ queue: [{ kind: "revoke_token", token: "demo-token", method: "GET", times: 1 }] });
  await page.getByRole("button", { name: "Load users" }).click();
  await expect(page.locator(".hu-error-box")).toContainText("token");
  expect(pages).toEqual([]);
  await page.locator("#hu-token").fill("second-token");
  await c.load(300);
  expect(pages).toEqual([]);
});

// Every row shown matches `filter`, and its ID's title and its controls'
// names are its own user's.
async function expectRowsOfTheirOwn(rows: Locator, filter: string) {
  const n = await rows.count();
  expect(n).toBeGreaterThan(3);
  for (let i = 0; i < n; i++) {
    const row = rows.nth(i);
    const id = await row.locator(".hu-id-full").innerText();
    const name = await row.locator(".hu-name").innerText();
    expect(`${id} ${name}`.toLowerCase()).toContain(filter);
    await expect(row.locator(".hu-id")).toHaveAttribute("title", id);
    await expect(row.getByRole("checkbox")).toHaveAccessibleName(`Select ${id}`);
    await expect(row.getByRole("button")).toHaveAccessibleName(`Delete ${id}`);
  }
}

test("rows reused while typing in the filter show, label and act on their own users", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(LARGE_CONFIG);
  await c.load(320);
  const filter = page.locator("#hu-filter");
  // Several keystrokes in a row: each replaces the rendered rows' contents.
  await filter.pressSequentially("a1");
  await filter.press("Backspace");
  await filter.pressSequentially("2");
  await expect(page.locator(".hu-count")).toContainText(/^\d+ of 320 shown/);
  const rows = c.rows();
  await expectRowsOfTheirOwn(rows, "a2");
  // The third row's controls act on the third row's user.
  const third = rows.nth(2);
  const id = await third.locator(".hu-id-full").innerText();
  await third.getByRole("checkbox").check();
  await expect(page.getByRole("button", { name: /Delete selected/ })).toHaveText("Delete selected (1)");
  await third.getByRole("button").click();
  await expect(c.row(id)).toContainText("to delete");
  await expect(page.locator(".hu-count")).toContainText("1 to delete");
  // Erasing the filter: every user back, the staged one still marked.
  await filter.fill("");
  await expect(page.locator(".hu-count")).toContainText("320 of 320 shown");
  await filter.fill(id);
  await expect(c.rows()).toHaveCount(1);
  await expect(c.row(id)).toContainText("to delete");
});

test("a filter keystroke matching no one shows no rows, and the next one shows its users", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(LARGE_CONFIG);
  await c.load(320);
  const filter = page.locator("#hu-filter");
  await filter.pressSequentially("a2");
  await expect(c.rows().first()).toBeVisible();
  // Matching no one: no row is shown or announced.
  await filter.press("~");
  await expect(page.getByText("No user matches the filter.")).toBeVisible();
  await expect(page.locator(".hu-count")).toContainText(/^0 of 320 shown/);
  await expect(c.rows()).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: /^Select (?!all)/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete (?!selected)/ })).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Select all shown users" })).not.toBeChecked();
  // Erased: the users of "a2" again, each row labelled and acting as its own.
  await filter.press("Backspace");
  await expect(page.getByText("No user matches the filter.")).toHaveCount(0);
  const rows = c.rows();
  await expect(rows.first()).toBeVisible();
  await expectRowsOfTheirOwn(rows, "a2");
  const id = await rows.nth(1).locator(".hu-id-full").innerText();
  await rows.nth(1).getByRole("button").click();
  await expect(c.row(id)).toContainText("to delete");
  await expect(page.locator(".hu-count")).toContainText("1 to delete");
});

test("add one user, review, apply, and the server has it", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("new-admin-1", "Dana Scully");
  await expect(c.planSummary()).toHaveText("1 request: DELETE 0 users, ADD 1 user.");
  await page.getByText("Request 1: ADD 1 user").click();
  await expect(page.locator(".hu-curl")).toContainText('"user_id":"new-admin-1"');
  await expect(page.locator(".hu-review")).not.toContainText("demo-token");
  await c.screenshot("03-review");
  await c.apply();
  await c.expectVerified();
  // The outcome is told once, in the review panel where Apply was pressed:
  // the notice line above the table neither repeats it nor keeps its
  // earlier, now stale text.
  await expect(page.getByText(/^All changes applied/)).toHaveCount(1);
  await expect(page.locator(".hu-notice")).toHaveText("");
  const server = await sandbox.users(SMALL_CONFIG);
  expect(server).toContainEqual({ user_id: "new-admin-1", user_name: "Dana Scully" });
  expect(server.length).toBe(6);
  await expect(c.row("new-admin-1")).not.toHaveClass(/hu-added/);
});

test("import a paste with bad lines and see the problems", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const long = "x".repeat(200);
  await c.openImport(["user_id,user_name", "imp-1,Ann", ",", `${long},too long`, "imp-2;Bob", "imp-1,Other Ann", "imp-3,Cy"].join("\n"));
  await expect(c.importProblems()).toHaveCount(3);
  await expect(c.importProblems().nth(0)).toHaveText("Line 3: User ID is empty.");
  await expect(c.importProblems().nth(1)).toContainText("Line 4: User ID is 200 characters long");
  await expect(c.importProblems().nth(2)).toContainText("Line 6: the same user ID as line 2");
  await c.screenshot("04-import-problems");
  await c.confirmImport(3);
  for (const id of ["imp-1", "imp-2;Bob", "imp-3"]) await expect(c.row(id)).toHaveClass(/hu-added/);
  expect((await sandbox.users(SMALL_CONFIG)).length).toBe(5);
});

test("delete selected users, apply, and the server no longer has them", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  const before = await sandbox.users(SMALL_CONFIG);
  await c.load(before.length);
  const gone = [before[0].user_id!, before[3].user_id!];
  for (const id of gone) await c.select(id);
  await c.deleteSelected();
  for (const id of gone) await expect(c.row(id)).toHaveClass(/hu-deleted/);
  await expect(c.planSummary()).toHaveText("1 request: DELETE 2 users, ADD 0 users.");
  await c.apply();
  await c.expectVerified();
  const after = (await sandbox.users(SMALL_CONFIG)).map((u) => u.user_id);
  expect(after.length).toBe(before.length - 2);
  for (const id of gone) expect(after).not.toContain(id);
  await c.screenshot("05-applied");
});

test("an expired token mid-apply pauses the run; a new token completes it", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const paste = Array.from({ length: 30 }, (_, i) => `tok-${String(i).padStart(2, "0")},User ${i}`).join("\n");
  await c.openImport(paste);
  await c.confirmImport(30);
  await c.setBatchSize(10);
  await expect(c.planSummary()).toHaveText("3 requests: DELETE 0 users, ADD 30 users.");
  await sandbox.faults({ queue: [{ kind: "revoke_token", token: "demo-token", method: "PATCH", skip: 1 }] });
  await sandbox.tokens({ add: "fresh-token" });
  await c.apply();
  await expect(page.locator(".hu-paused")).toContainText("The token is invalid or expired: paste a new one.");
  await expect(page.locator(".hu-paused")).toContainText("APIGW.0301");
  // The pause and its error are in the review panel, not told again above the table.
  await expect(page.locator(".hu-notice")).toHaveText("");
  await c.screenshot("06-token-expired");
  await expect(sandbox.users(SMALL_CONFIG)).rejects.toThrow("401"); // the sandbox revoked demo-token
  await expect(page.locator(".hu-count")).toContainText("20 to add");
  await c.resumeWithToken("fresh-token");
  await c.expectVerified();
  await sandbox.tokens({ add: "demo-token" });
  const server = await sandbox.users(SMALL_CONFIG);
  expect(server.length).toBe(35);
});

test("injected 503s are retried to success", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("retry-1", "Retried");
  await sandbox.faults({ queue: [{ kind: "status", status: 503, retry_after: 1, method: "PATCH", times: 2 }] });
  await c.apply();
  await expect(page.locator(".hu-progress")).toContainText("attempt 2");
  await c.expectVerified();
  expect(await sandbox.users(SMALL_CONFIG)).toContainEqual({ user_id: "retry-1", user_name: "Retried" });
  await page.getByText(/Activity \(\d+ requests\)/).click();
  const addRow = page.locator(".hu-activity tbody tr", { hasText: "ADD" });
  await expect(addRow).toContainText("200");
  await expect(addRow.locator("td").nth(5)).toHaveText("3");
});

test("a reload in the middle of staged work keeps it", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  const before = await sandbox.users(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("kept-1", "Survives reloads");
  await c.select(before[1].user_id!);
  await c.deleteSelected();
  await page.reload();
  await expect(page.locator("#hu-project")).toHaveValue(/.+/);
  await expect(page.locator("#hu-config")).toHaveValue(SMALL_CONFIG);
  await expect(page.locator("#hu-token")).toHaveValue("");
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).toContain("kept-1");
  expect(stored).not.toContain("demo-token");
  await page.locator("#hu-token").fill("demo-token");
  await c.load(6);
  await expect(c.row("kept-1")).toHaveClass(/hu-added/);
  await expect(c.row(before[1].user_id!)).toHaveClass(/hu-deleted/);
  await page.getByRole("button", { name: "Discard staged changes" }).click();
  await expect(c.rows()).toHaveCount(5);
  await page.reload();
  await page.locator("#hu-token").fill("demo-token");
  await c.load(5);
});

test("changing the Configuration ID after loading never sends the staged change elsewhere", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const small = await sandbox.users(SMALL_CONFIG);
  await c.row(small[0].user_id!).getByRole("button", { name: "Delete" }).click();
  await c.addUser("stays-in-small", "Staged for the small configuration");
  const large = await sandbox.users(LARGE_CONFIG);
  // The admin types the other configuration's ID and does not load it: the
  // table and the review still show the small one, and the change goes there.
  await page.locator("#hu-config").fill(LARGE_CONFIG);
  await expect(page.locator(".hu-review-config")).toContainText(SMALL_CONFIG);
  const patched: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PATCH") patched.push(new URL(r.url()).pathname);
  });
  await c.apply();
  await c.expectVerified();
  expect(new Set(patched)).toEqual(new Set([`/v1/${PROJECT}/hotspot-session-config/${SMALL_CONFIG}/non-migration-users`]));
  expect(await sandbox.users(LARGE_CONFIG)).toEqual(large);
  const now = await sandbox.users(SMALL_CONFIG);
  expect(now).toContainEqual({ user_id: "stays-in-small", user_name: "Staged for the small configuration" });
  expect(now.map((u) => u.user_id)).not.toContain(small[0].user_id);
  // The history records it under the small configuration.
  await page.getByRole("button", { name: "History…" }).click();
  await expect(page.getByRole("dialog")).toContainText("1 added, 1 deleted, 0 renamed");
});

test("a configuration that does not exist shows the error, not an empty configuration to add users to", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect("no-such-configuration-1");
  await page.getByRole("button", { name: "Load users" }).click();
  await expect(page.locator(".hu-notice")).toContainText("Not found: check the project ID, the configuration ID and the region.");
  await expect(page.getByText("No users in this configuration.")).toHaveCount(0);
  // The error says what is missing; no "page 1 could not be read" beside it.
  await expect(page.getByText(/could not be read/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add user" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Apply changes" })).toHaveCount(0);
  // The way out: the right ID, loaded.
  await page.locator("#hu-config").fill(SMALL_CONFIG);
  await c.load(5);
  await expect(page.getByRole("button", { name: "Apply changes" })).toBeVisible();
});
