// What a newcomer meets first: the demo in one click, a picker that shows
// only what was chosen, a page without 404s and with a main landmark, and
// user names that stay readable in a narrow portal column.
import { test, expect, LARGE_CONFIG, SMALL_CONFIG, PROJECT, TOKEN } from "../lib/sandbox";
import { Console } from "../lib/console";

test("the picker shows what the Configuration ID field holds", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect("");
  await page.getByRole("button", { name: "Find configurations" }).click();
  const picker = page.getByLabel("Configurations of this project");
  await expect(picker.locator("option")).toHaveCount(3);
  // Nothing chosen yet: the picker says so, and shows no configuration as chosen.
  await expect(picker).toHaveValue("");
  await expect(page.getByRole("button", { name: "Load users" })).toBeDisabled();
  await picker.selectOption(LARGE_CONFIG);
  await expect(page.locator("#hu-config")).toHaveValue(LARGE_CONFIG);
  await expect(page.getByRole("button", { name: "Load users" })).toBeEnabled();
  // Typing in the field moves the picker with it.
  await page.locator("#hu-config").fill(SMALL_CONFIG);
  await expect(picker).toHaveValue(SMALL_CONFIG);
  await page.locator("#hu-config").fill("not-listed");
  await expect(picker).toHaveValue("");
  await picker.selectOption(LARGE_CONFIG);
  await expect(page.locator("#hu-config")).toHaveValue(LARGE_CONFIG);
});

test("the demo fills project, configuration and token in one click", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  const demo = page.getByRole("button", { name: "Try the demo data" });
  await demo.click();
  await expect(page.locator("#hu-project")).toHaveValue(PROJECT);
  await expect(page.locator("#hu-config")).toHaveValue(LARGE_CONFIG);
  await expect(page.locator("#hu-token")).toHaveValue(TOKEN);
  await c.load(320);
  // In Chinese too.
  await page.reload();
  await page.locator("#hu-lang").selectOption("zh-CN");
  await expect(page.getByRole("button", { name: "试用演示数据" })).toBeVisible();
});

test("no demo offer when the page is not served by the sandbox", async ({ page, sandbox }) => {
  await page.route("**/hotspot-users-server.json", (route) => route.fulfill({ status: 404, body: "not here" }));
  const asked = page.waitForRequest("**/hotspot-users-server.json");
  await Console.open(page, sandbox);
  // The console asked, got no demo, and offers none.
  await asked;
  await expect(page.locator("#hu-project")).toBeVisible();
  await expect(page.getByRole("button", { name: "Try the demo data" })).toHaveCount(0);
});

test("the stand-alone page has a main landmark, a favicon, no 404s and a quiet console", async ({ page, sandbox }) => {
  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
  });
  // What an admin who opens the browser's console sees on load: nothing.
  const said: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "warning" || m.type() === "error") said.push(`${m.type()}: ${m.text()}`);
  });
  await Console.open(page, sandbox);
  await expect(page.getByRole("main")).toHaveCount(1);
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(icon).toBeTruthy();
  const res = await page.request.get(new URL(icon!, sandbox.url + "/").toString());
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
  expect((await page.request.get(sandbox.url + "/favicon.ico")).status()).toBe(200);
  await page.reload();
  await expect(page.locator("#hu-project")).toBeVisible();
  expect(missing).toEqual([]);
  expect(said).toEqual([]);
});

test("in a 400 px column the user name keeps its room; the ID gives way", async ({ page, sandbox }) => {
  await page.setViewportSize({ width: 400, height: 800 });
  const c = await Console.open(page, sandbox);
  await c.connect(LARGE_CONFIG);
  await c.load(320);
  const server = await sandbox.users(LARGE_CONFIG);
  const user = server[0];
  const row = c.row(user.user_id!);
  const name = row.locator("td.hu-name");
  // The whole name is shown, not cut.
  expect(await name.evaluate((td) => td.scrollWidth <= td.clientWidth)).toBe(true);
  const idCell = row.locator("td.hu-id");
  const [nameWidth, idWidth] = [await name.evaluate((td) => td.clientWidth), await idCell.evaluate((td) => td.clientWidth)];
  expect(nameWidth).toBeGreaterThan(idWidth);
  // The ID shows its start and end; the whole ID is on hover and for screen readers.
  await expect(idCell).toHaveAttribute("title", user.user_id!);
  const shown = await idCell.locator(".hu-id-short").innerText();
  await expect(idCell.locator(".hu-id-short")).toHaveAttribute("aria-hidden", "true");
  // The whole ID takes no room but stays in the cell's text for screen readers.
  const full = idCell.locator(".hu-id-full");
  expect(await full.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
  await expect(full).not.toHaveAttribute("aria-hidden");
  await expect(row.getByRole("cell", { name: user.user_id!, exact: true })).toHaveCount(1);
  expect(shown.startsWith(user.user_id!.slice(0, 4))).toBe(true);
  expect(shown.endsWith(user.user_id!.slice(-4))).toBe(true);
  expect(shown).toContain("…");
  await expect(full).toHaveText(user.user_id!);
  await c.screenshot("13-narrow-names");
});

test("regions are offered by their names as the cloud console shows them, in both languages", async ({ page, sandbox }) => {
  await Console.open(page, sandbox);
  const region = page.getByLabel("Region");
  await expect(region.locator('option[value="cn-north-4"]')).toHaveText("cn-north-4 · CN North-Beijing4");
  await expect(region.locator('option[value="ap-southeast-3"]')).toHaveText("ap-southeast-3 · AP-Singapore");
  // Chosen by name, the region still names its endpoint and is kept by its id.
  await region.selectOption({ label: "la-south-2 · LA-Santiago" });
  await expect(region).toHaveValue("la-south-2");
  await expect(page.locator("#hu-region-msg")).toContainText("workspace.la-south-2.myhuaweicloud.com");
  await page.locator("#hu-lang").selectOption("zh-CN");
  await expect(page.getByLabel("区域").locator('option[value="cn-north-4"]')).toHaveText("cn-north-4 · 华北-北京四");
  await page.reload();
  await expect(page.getByLabel("区域")).toHaveValue("la-south-2");
  await expect(page.getByLabel("区域").locator("option:checked")).toHaveText("la-south-2 · 拉美-圣地亚哥");
});
