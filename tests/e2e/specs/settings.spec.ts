// A configuration's settings and a new configuration, reviewed as the exact
// request and saved like users are: retried, paused on 401, re-read.
import { Page } from "@playwright/test";
import { test, expect, PROJECT, SMALL_CONFIG, TOKEN } from "../lib/sandbox";
import { Console } from "../lib/console";

async function savedEvents(page: Page) {
  await page.evaluate(() => {
    (window as any).__saved = [];
    document.querySelector("hotspot-users-console")!.addEventListener("hotspot-users:config-saved", (e) =>
      (window as any).__saved.push((e as CustomEvent).detail));
  });
  return () => page.evaluate(() => (window as any).__saved);
}

async function openSettings(c: Console) {
  await c.page.getByRole("button", { name: "Settings…" }).click();
  await expect(c.page.locator("#hu-settings-exit")).toBeVisible();
}

test("change both settings of the demo configuration and see them on the server", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await page.getByRole("button", { name: "Find configurations" }).click();
  await page.getByLabel("Configurations of this project").selectOption(SMALL_CONFIG);
  await c.load(5);
  const saved = await savedEvents(page);
  await openSettings(c);
  await expect(page.locator("#hu-settings-migration")).not.toBeChecked();
  await expect(page.locator("#hu-settings-exit")).toHaveValue("0");
  await expect(page.locator(".hu-settings")).toContainText("Nothing changed: no request to send.");
  await expect(page.getByRole("button", { name: "Save settings" })).toBeDisabled();
  await page.locator("#hu-settings-migration").check();
  await page.locator("#hu-settings-exit").fill("25");
  const review = page.locator(".hu-settings .hu-code");
  await expect(review.first()).toContainText(`PATCH ${sandbox.url}/v1/${PROJECT}/hotspot-session-config/${SMALL_CONFIG}`);
  await expect(review.first()).toContainText("X-Auth-Token: •••••• (redacted)");
  await expect(review.nth(1)).toContainText('"hotspot_exit_session_num": 25');
  await expect(page.locator(".hu-settings .hu-curl")).toContainText("-X PATCH");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator(".hu-settings .hu-success")).toHaveText("Saved. The server now has migration on and exits at 25 sessions.");
  const server = (await sandbox.configs()).find((x) => x.id === SMALL_CONFIG)!;
  expect([server.hotspot_session_migration_enable, server.hotspot_exit_session_num]).toEqual([true, 25]);
  expect(server.non_migrate_users.length).toBe(5);
  await expect(page.getByLabel("Configurations of this project")).toContainText(`${SMALL_CONFIG} — migration on, exit at 25 sessions, 5 users`);
  expect(await saved()).toEqual([{ configId: SMALL_CONFIG, created: false, migrationEnabled: true, exitSessionNum: 25 }]);
  await page.getByText(/Activity \(\d+ requests\)/).click();
  await expect(page.locator(".hu-activity tbody tr").filter({ hasText: "SETTINGS" })).toContainText("200");
  // In Chinese, the meaning of each setting is there too.
  await page.locator("#hu-lang").selectOption("zh-CN");
  await expect(page.locator(".hu-settings")).toContainText("服务器的会话数降到此数值时即不再视为热点");
});

test("an out-of-range count is refused in the form and nothing is sent", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await openSettings(c);
  let patches = 0;
  page.on("request", (r) => { if (r.method() === "PATCH") patches++; });
  await page.locator("#hu-settings-exit").fill("101");
  await expect(page.locator("#hu-settings-exit-msg")).toHaveText("Exit-session count must be a whole number from 0 to 100; “101” is not.");
  await expect(page.locator("#hu-settings-exit")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Save settings" })).toBeDisabled();
  await expect(page.locator(".hu-settings")).not.toContainText("Nothing changed");
  await page.locator("#hu-settings-exit").fill("1.5");
  await expect(page.locator("#hu-settings-exit-msg")).toContainText("“1.5” is not");
  expect(patches).toBe(0);
});

test("a 503 on save is retried; a 401 on save pauses and resumes with a new token", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await openSettings(c);
  await page.locator("#hu-settings-exit").fill("40");
  await sandbox.faults({ queue: [{ kind: "status", status: 503, retry_after: 1, method: "PATCH", times: 2 }] });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator(".hu-settings .hu-progress")).toContainText("(attempt 2)");
  await expect(page.locator(".hu-settings .hu-success")).toHaveText("Saved. The server now has migration off and exits at 40 sessions.");
  await page.getByText(/Activity \(\d+ requests\)/).click();
  await expect(page.locator(".hu-activity tbody tr").filter({ hasText: "SETTINGS" }).locator("td").nth(5)).toHaveText("3");
  // Now the token expires on the next save.
  await page.locator("#hu-settings-exit").fill("41");
  await sandbox.faults({ queue: [{ kind: "revoke_token", token: "demo-token", method: "PATCH" }] });
  await sandbox.tokens({ add: "fresh-token" });
  await page.getByRole("button", { name: "Save settings" }).click();
  const paused = page.locator(".hu-settings .hu-paused");
  await expect(paused).toContainText("The token is invalid or expired");
  await expect(paused).toContainText("Not saved yet");
  await paused.locator("#hu-new-token").fill("fresh-token");
  await paused.getByRole("button", { name: "Resume with new token" }).click();
  await expect(page.locator(".hu-settings .hu-success")).toHaveText("Saved. The server now has migration off and exits at 41 sessions.");
  await sandbox.tokens({ add: "demo-token" });
  const server = (await sandbox.configs()).find((x) => x.id === SMALL_CONFIG)!;
  expect(server.hotspot_exit_session_num).toBe(41);
});

// Reading settings or creating a configuration needs the token: without one the two
// buttons wait for it, instead of opening a panel that blames the network.
test("without a token Settings… and New configuration… wait for one, then work", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG, "");
  const settings = page.getByRole("button", { name: "Settings…" });
  const create = page.getByRole("button", { name: "New configuration…" });
  await expect(settings).toBeDisabled();
  await expect(create).toBeDisabled();
  await page.locator("#hu-token").fill(TOKEN);
  await expect(create).toBeEnabled();
  await openSettings(c);
  await expect(page.locator("#hu-settings-exit")).toHaveValue("0");
  await expect(page.locator(".hu-settings")).not.toContainText("could not be reached");
});

test("create a configuration with 3 initial users; it is listed, chosen and loaded", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  for (const i of [1, 2, 3]) await c.addUser(`new-cfg-${i}`, `Initial ${i}`);
  const saved = await savedEvents(page);
  await page.getByRole("button", { name: "New configuration…" }).click();
  await page.locator("#hu-new-config-exit").fill("7");
  await page.locator("#hu-new-config-users").check();
  await expect(page.locator(".hu-settings .hu-code").first()).toContainText(`POST ${sandbox.url}/v1/${PROJECT}/hotspot-session-config`);
  await expect(page.locator(".hu-settings .hu-code").nth(1)).toContainText('"user_id": "new-cfg-3"');
  const before = (await sandbox.configs()).map((x) => x.id);
  await page.getByRole("button", { name: "Create configuration" }).click();
  await expect(page.locator(".hu-notice")).toHaveText("Loaded 3 users.");
  const created = (await sandbox.configs()).find((x) => !before.includes(x.id))!;
  expect(created.non_migrate_users.map((u) => u.user_id).sort()).toEqual(["new-cfg-1", "new-cfg-2", "new-cfg-3"]);
  expect([created.hotspot_session_migration_enable, created.hotspot_exit_session_num]).toEqual([true, 7]);
  await expect(page.locator("#hu-config")).toHaveValue(created.id);
  await expect(page.locator(".hu-count")).toContainText("3 of 3 shown · 3 on the server");
  expect(await saved()).toEqual([{ configId: created.id, created: true, migrationEnabled: true, exitSessionNum: 7 }]);
});
