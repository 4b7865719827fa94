// The Workspace user directory: pick users by name, resolve imported names,
// and check a configuration against the directory, with the sandbox's
// seeded 5,000-user directory, under both readings of its name search.
import { Page } from "@playwright/test";
import { test, expect, Sandbox, PROJECT, TOKEN, LARGE_CONFIG, SMALL_CONFIG } from "../lib/sandbox";
import { Console } from "../lib/console";

type DirUser = { id: string; user_name: string };

async function directory(sandbox: Sandbox): Promise<DirUser[]> {
  const res = await fetch(`${sandbox.url}/v2/${PROJECT}/users`, { headers: { "X-Auth-Token": TOKEN } });
  expect(res.status).toBe(200);
  return (await res.json()).users;
}

/** Users whose exact name is theirs alone, not in `config`. */
async function candidates(sandbox: Sandbox, config: string): Promise<DirUser[]> {
  const dir = await directory(sandbox);
  const count = new Map<string, number>();
  for (const u of dir) count.set(u.user_name, (count.get(u.user_name) ?? 0) + 1);
  const taken = new Set((await sandbox.users(config)).map((u) => u.user_id));
  return dir.filter((u) => count.get(u.user_name) === 1 && !taken.has(u.id));
}

async function ambiguousNames(sandbox: Sandbox): Promise<string[]> {
  const count = new Map<string, number>();
  for (const u of await directory(sandbox)) count.set(u.user_name, (count.get(u.user_name) ?? 0) + 1);
  return [...count.entries()].filter(([, n]) => n > 1).map(([name]) => name);
}

async function pick(page: Page, name: string) {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Search the directory by user name").fill(name);
  const box = dialog.getByRole("checkbox", { name: `Select ${name}`, exact: true });
  await box.check();
}

async function searchStageApply(page: Page, sandbox: Sandbox) {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const pool = await candidates(sandbox, SMALL_CONFIG);
  const chinese = pool.find((u) => /[\u4e00-\u9fff]/.test(u.user_name))!;
  const latin = pool.filter((u) => /^[a-z.0-9]+$/i.test(u.user_name)).slice(0, 2);
  const chosen = [...latin, chinese];
  await page.getByRole("button", { name: "Add from directory…" }).click();
  for (const u of chosen) await pick(page, u.user_name);
  await page.getByRole("dialog").getByRole("button", { name: "Stage 3 users" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add from directory…" })).toBeFocused();
  for (const u of chosen) await expect(c.row(u.id)).toHaveClass(/hu-added/);
  await c.apply();
  await c.expectVerified();
  const server = await sandbox.users(SMALL_CONFIG);
  for (const u of chosen) expect(server).toContainEqual({ user_id: u.id, user_name: u.user_name });
  return c;
}

test("search the directory, stage three users by name (one Chinese), apply, verified", async ({ page, sandbox }) => {
  await searchStageApply(page, sandbox);
  // Users already in the configuration are marked and cannot be picked again.
  const inConfig = (await sandbox.users(SMALL_CONFIG))[0];
  await page.getByRole("button", { name: "Add from directory…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Search the directory by user name").fill(inConfig.user_name!);
  const row = dialog.locator(".hu-dir-user", { has: page.getByRole("checkbox", { name: `Select ${inConfig.user_name}`, exact: true }) });
  await expect(row).toContainText("in this configuration");
  await expect(row.getByRole("checkbox")).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("import 200 names: 195 resolved, 3 unknown and 2 ambiguous listed with candidates", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const known = (await candidates(sandbox, SMALL_CONFIG)).slice(0, 195);
  const ambiguous = (await ambiguousNames(sandbox)).slice(0, 2);
  expect(ambiguous.length).toBe(2);
  const unknown = ["nobody.here1", "nobody.here2", "无此人"];
  const names = [...known.map((u) => u.user_name), ...unknown, ...ambiguous];
  await c.openImport(["user_name", ...names].join("\n"));
  await expect(page.locator(".hu-import-summary")).toContainText("200 names to look up in the directory");
  await expect(page.getByRole("button", { name: "Stage 0 users" })).toBeDisabled();
  await page.getByRole("button", { name: "Look up 200 names in the directory" }).click();
  await expect(page.getByRole("button", { name: "Stage 195 users" })).toBeEnabled();
  const problems = c.importProblems();
  await expect(problems).toHaveCount(5);
  for (const name of unknown) await expect(problems.filter({ hasText: `no directory user is named “${name}”` })).toHaveCount(1);
  for (const name of ambiguous) await expect(problems.filter({ hasText: `2 directory users are named “${name}”` })).toHaveCount(1);
  await c.confirmImport(195);
  await expect(page.locator(".hu-count")).toContainText("195 to add");
  // The table renders the rows in view: look each one up through the filter.
  for (const u of known.slice(0, 3)) {
    await page.locator("#hu-filter").fill(u.id);
    await expect(c.row(u.id)).toHaveClass(/hu-added/);
    await expect(c.row(u.id)).toContainText(u.user_name);
  }
});

test("the check against the directory finds the stale and renamed entries and fixes them in one apply", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(LARGE_CONFIG);
  await c.load(320);
  const dir = new Map((await directory(sandbox)).map((u) => [u.id, u.user_name]));
  const config = await sandbox.users(LARGE_CONFIG);
  const stale = config.filter((u) => !dir.has(u.user_id!));
  const renamed = config.filter((u) => dir.has(u.user_id!) && dir.get(u.user_id!) !== u.user_name);
  expect([stale.length, renamed.length]).toEqual([4, 3]);
  await page.getByRole("button", { name: "Check against the directory" }).click();
  const panel = page.locator(".hu-dir-check");
  await expect(panel).toContainText("4 users are no longer in the directory:");
  await expect(panel).toContainText("3 users have another name in the directory:");
  for (const u of stale) await expect(panel.locator(".hu-stale")).toContainText(u.user_id!);
  for (const u of renamed) await expect(panel.locator(".hu-renamed-list")).toContainText(`“${dir.get(u.user_id!)}” in the directory`);
  // Nothing is staged until asked.
  await expect(page.locator(".hu-count")).toContainText("0 to add · 0 to rename · 0 to delete");
  await panel.getByRole("button", { name: "Stage 4 deletions" }).click();
  await panel.getByRole("button", { name: "Stage 3 renames" }).click();
  await expect(page.locator(".hu-count")).toContainText("0 to add · 3 to rename · 4 to delete");
  await expect(c.planSummary()).toHaveText("2 requests: DELETE 4 users, ADD 3 users.");
  await c.apply();
  await c.expectVerified();
  await panel.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Check against the directory" }).click();
  await expect(page.locator(".hu-dir-check")).toContainText("Every user of this configuration is in the directory with the same name.");
});

test("with exact-match name search: search, resolve a few names one by one, and survive 503s", async ({ page }) => {
  const sandbox = await Sandbox.start(["--directory-exact-names"]);
  try {
    const c = await Console.open(page, sandbox);
    await c.connect(SMALL_CONFIG);
    await c.load(5);
    const pool = await candidates(sandbox, SMALL_CONFIG);
    const target = pool.find((u) => u.user_name.length > 6)!;
    await page.getByRole("button", { name: "Add from directory…" }).click();
    const dialog = page.getByRole("dialog");
    // A part of a name finds nothing when the directory matches exactly; the whole name does,
    // even with a 503 on the way.
    await dialog.getByLabel("Search the directory by user name").fill(target.user_name.slice(0, 4));
    await expect(dialog.locator("#hu-dir-status")).toHaveText("0 of 0 matching users shown");
    await sandbox.faults({ queue: [{ kind: "status", status: 503, retry_after: 1, method: "GET", query: "user_name=" }] });
    await pick(page, target.user_name);
    await page.keyboard.press("Escape");
    // Five names: one search each (fewer requests than reading the directory), one 503 retried.
    const few = pool.slice(10, 15);
    await sandbox.faults({ queue: [{ kind: "status", status: 503, retry_after: 1, method: "GET", query: "user_name=", skip: 2 }] });
    await c.openImport(["user_name", ...few.map((u) => u.user_name)].join("\n"));
    await page.getByRole("button", { name: "Look up 5 names in the directory" }).click();
    await c.confirmImport(5);
    for (const u of few) await expect(c.row(u.id)).toHaveClass(/hu-added/);
    await c.apply();
    await c.expectVerified();
    const server = await sandbox.users(SMALL_CONFIG);
    for (const u of few) expect(server).toContainEqual({ user_id: u.id, user_name: u.user_name });
  } finally {
    sandbox.stop();
  }
});

test("substring search: a 503 during a search is retried; a late answer never replaces a newer one", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const pool = await candidates(sandbox, SMALL_CONFIG);
  const slow = pool[0];
  const fast = pool.find((u) => !u.user_name.toLowerCase().includes(slow.user_name.toLowerCase()) && !slow.user_name.toLowerCase().includes(u.user_name.toLowerCase()))!;
  await page.getByRole("button", { name: "Add from directory…" }).click();
  const dialog = page.getByRole("dialog");
  const search = dialog.getByLabel("Search the directory by user name");
  // The first search stalls, the second answers at once: the second's results stay.
  const isSlow = (url: string) => url.includes("/v2/") && decodeURIComponent(url).includes(`user_name=${slow.user_name}`);
  await sandbox.faults({ queue: [{ kind: "stall", ms: 1500, method: "GET", query: "user_name=" }] });
  const slowSent = page.waitForRequest((r) => isSlow(r.url()));
  const slowAnswered = page.waitForResponse((r) => isSlow(r.url()));
  await search.fill(slow.user_name);
  await slowSent;
  await search.fill(fast.user_name);
  const fastBox = dialog.getByRole("checkbox", { name: `Select ${fast.user_name}`, exact: true });
  await expect(fastBox).toBeVisible();
  await slowAnswered;
  await expect(fastBox).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: `Select ${slow.user_name}`, exact: true })).toHaveCount(0);
  // A 503 on a search is retried.
  await sandbox.faults({ queue: [{ kind: "status", status: 503, retry_after: 1, method: "GET", query: "user_name=" }] });
  await search.fill(slow.user_name);
  await expect(dialog.getByRole("checkbox", { name: `Select ${slow.user_name}`, exact: true })).toBeVisible();
});

test("the directory is the loaded configuration's project's, whatever the Project ID field holds since", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const [user] = await candidates(sandbox, SMALL_CONFIG);
  await page.locator("#hu-project").fill("another-project");
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/v2/")) asked.push(new URL(r.url()).pathname);
  });
  await page.getByRole("button", { name: "Add from directory…" }).click();
  await pick(page, user.user_name);
  await page.getByRole("dialog").getByRole("button", { name: "Stage 1 user" }).click();
  await expect(c.row(user.id)).toHaveClass(/hu-added/);
  expect(asked.length).toBeGreaterThan(0);
  expect(new Set(asked)).toEqual(new Set([`/v2/${PROJECT}/users`]));
});
