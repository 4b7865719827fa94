// The on-demand part of the console (dialogs and panels): the page loads
// without it, the first dialog opened fetches it once, and when it cannot be
// fetched the admin is told, loses nothing and may try again.
import { Page } from "@playwright/test";
import { test, expect, Sandbox, SMALL_CONFIG } from "../lib/sandbox";
import { Console } from "../lib/console";

const PART = /\/hotspot-users_lazy\.wasm$/;

test("load, filter, stage, apply and reload without the on-demand part; the first dialog fetches it once", async ({ page, sandbox }) => {
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (PART.test(r.url())) fetched.push(r.url());
  });
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await page.locator("#hu-filter").fill("a");
  await page.locator("#hu-filter").fill("");
  await c.addUser("0a1b2c3d4e5f60718293a4b5c6d7e8f9", "on.demand");
  await c.apply();
  await c.expectVerified();
  await page.reload();
  await c.connect(SMALL_CONFIG);
  await c.load(6);
  expect(fetched, "the page's own flows need no on-demand code").toEqual([]);

  await page.getByRole("button", { name: "History…" }).click();
  const history = page.getByRole("dialog", { name: "Changes applied to this configuration" });
  await expect(history.locator(".hu-history li")).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(history).toHaveCount(0);
  await page.getByRole("button", { name: "Settings…" }).click();
  await expect(page.getByRole("button", { name: "Save settings" })).toBeVisible();
  await page.getByRole("button", { name: "Add from directory…" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(fetched).toHaveLength(1);
});

test("when the on-demand part cannot be fetched the dialog stays closed, staged work is kept, and trying again opens it", async ({ page, sandbox }) => {
  let refuse = true;
  await page.route(PART, (route) => (refuse ? route.fulfill({ status: 503, body: "unavailable" }) : route.continue()));
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("0a1b2c3d4e5f60718293a4b5c6d7e8f9", "kept.user");

  await page.getByRole("button", { name: "Import…" }).click();
  await expect(page.locator(".hu-notice")).toHaveText(
    "This part of the console could not be loaded (HTTP 503). Nothing changed; check the connection and try again.",
  );
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(c.row("0a1b2c3d4e5f60718293a4b5c6d7e8f9")).toHaveClass(/hu-added/);

  // The same in Chinese, then the part is there again.
  await page.locator("#hu-lang").selectOption("zh-CN");
  await page.getByRole("button", { name: "导入…" }).click();
  await expect(page.locator(".hu-notice")).toHaveText("无法加载控制台的这一部分（HTTP 503）。没有任何更改；请检查网络连接后重试。");
  refuse = false;
  await page.getByRole("button", { name: "导入…" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expect(page.locator(".hu-table tr.hu-row.hu-added")).toContainText("kept.user");
});

const CHECK_RESULT = /in the directory with the same name|no longer in the directory|another name in the directory/;

// The small configuration loaded; the directory requests made from then on.
async function loadedWithDirectoryReads(page: Page, sandbox: Sandbox) {
  const reads: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/v2/")) reads.push(r.url());
  });
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  return { reads, check: page.getByRole("button", { name: "Check against the directory" }) };
}

test("a double click on Check against the directory while the part is on its way reads the directory once", async ({ page, sandbox }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(PART, async (route) => {
    await held;
    await route.continue();
  });
  const { reads, check } = await loadedWithDirectoryReads(page, sandbox);
  await check.dblclick();
  // While the part is on its way the button says it is busy.
  await expect(check).toBeDisabled();
  release();
  const panel = page.locator(".hu-dir-check");
  await expect(panel).toContainText(CHECK_RESULT);
  await expect(check).toBeEnabled();
  const once = reads.length;
  expect(once).toBeGreaterThan(0);
  // A second check, once the first ended, reads again: the guard only
  // keeps one check from starting twice.
  await panel.getByRole("button", { name: "Close" }).click();
  await check.click();
  await expect(panel).toContainText(CHECK_RESULT);
  await expect(check).toBeEnabled();
  expect(reads.length).toBe(2 * once);
});

test("when the part for Check against the directory cannot be fetched, the button is ready again and nothing was read", async ({ page, sandbox }) => {
  let refuse = true;
  await page.route(PART, (route) => (refuse ? route.fulfill({ status: 503, body: "unavailable" }) : route.continue()));
  const { reads, check } = await loadedWithDirectoryReads(page, sandbox);
  await check.click();
  await expect(page.locator(".hu-notice")).toHaveText(
    "This part of the console could not be loaded (HTTP 503). Nothing changed; check the connection and try again.",
  );
  await expect(check).toBeEnabled();
  expect(reads).toEqual([]);
  refuse = false;
  await check.click();
  await expect(page.locator(".hu-dir-check")).toContainText(CHECK_RESULT);
  expect(reads.length).toBeGreaterThan(0);
});
