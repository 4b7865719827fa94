// The on-demand part of the console (dialogs and panels): the page loads
// without it, the first dialog opened fetches it once, and when it cannot be
// fetched the admin is told, loses nothing and may try again.
import { test, expect, SMALL_CONFIG } from "../lib/sandbox";
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
