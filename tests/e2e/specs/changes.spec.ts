// Undo, sync and hand over: the history with revert, copy and match
// between configurations, and change plans as files.
import { Page } from "@playwright/test";
import { test, expect, LARGE_CONFIG, SMALL_CONFIG, Sandbox, users, UserInfo } from "../lib/sandbox";
import { Console } from "../lib/console";
import { axeScan } from "../lib/axe";

const asMap = (list: UserInfo[]) => Object.fromEntries(list.map((u) => [u.user_id, u.user_name ?? ""]));

async function openHistory(page: Page) {
  await page.getByRole("button", { name: "History…" }).click();
  return page.getByRole("dialog", { name: "Changes applied to this configuration" });
}

async function stageAndApply(c: Console, page: Page) {
  await c.apply();
  await c.expectVerified();
}

test("apply a change, revert it: the server is as before; the history survives a reload", async ({ page, sandbox }) => {
  const before = asMap(await sandbox.users(SMALL_CONFIG));
  const [first, second, third] = Object.keys(before);
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("new-1", "New One");
  await c.addUser(third, "Renamed Three");
  await c.select(first);
  await c.select(second);
  await c.deleteSelected();
  await stageAndApply(c, page);
  expect(asMap(await sandbox.users(SMALL_CONFIG))).not.toEqual(before);

  // After a reload, the history is still there, and it holds no token.
  await page.reload();
  await c.connect(SMALL_CONFIG);
  await c.load(4);
  const stored = await page.evaluate(() => localStorage.getItem("hotspot-users/v1/history") ?? "");
  expect(stored).toContain("new-1");
  expect(stored).not.toContain("demo-token");
  const dialog = await openHistory(page);
  await expect(dialog.locator(".hu-history li")).toHaveCount(1);
  await expect(dialog.locator(".hu-history li")).toContainText("1 added, 2 deleted, 1 renamed");
  await dialog.getByRole("button", { name: /^Revert the change of/ }).click();
  await expect(dialog).toContainText("Stages 3 additions or renames back and 1 deletion.");
  await dialog.getByRole("button", { name: "Stage the revert" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(".hu-notice")).toContainText("is staged: review and apply it");
  await stageAndApply(c, page);
  expect(asMap(await sandbox.users(SMALL_CONFIG))).toEqual(before);
  // The revert is itself a change of the history.
  await expect((await openHistory(page)).locator(".hu-history li")).toHaveCount(2);
});

/** Stages `n` new users in the small configuration, 10 a request, and
 * applies them with request number `stalled` hanging for a minute. */
async function applyWithAStall(page: Page, sandbox: Sandbox, n: number, stalled: number) {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.openImport(Array.from({ length: n }, (_, i) => `new-${i},New ${i}`).join("\n"));
  await c.confirmImport(n);
  await c.setBatchSize(10);
  await sandbox.faults({ queue: [{ kind: "stall", ms: 60000, method: "PATCH", skip: stalled - 1 }] });
  await c.apply();
  return c;
}

test("a page closed or reloaded mid-apply keeps in the history what the server accepted", async ({ page, sandbox }) => {
  // The third request never answers: two of three went through when the page goes.
  const c = await applyWithAStall(page, sandbox, 30, 3);
  await expect.poll(async () => (await sandbox.users(SMALL_CONFIG)).length).toBe(25);
  await expect(page.getByText("Sending request 3 of 3")).toBeVisible();
  await page.reload();
  await c.connect(SMALL_CONFIG);
  await c.load(35);
  await expect(page.locator(".hu-count")).toContainText("25 on the server · 10 to add");
  const dialog = await openHistory(page);
  await expect(dialog.locator(".hu-history li")).toHaveCount(1);
  await expect(dialog.locator(".hu-history li")).toContainText("20 added, 0 deleted, 0 renamed");
  // Reverting it deletes exactly the 20 the server took.
  await dialog.getByRole("button", { name: /^Revert the change of/ }).click();
  await expect(dialog).toContainText("Stages 0 additions or renames back and 20 deletions.");
});

test("a run that hangs can be stopped; what did not go through stays staged and applies again", async ({ page, sandbox }) => {
  // The second request hangs far longer than anyone waits.
  const c = await applyWithAStall(page, sandbox, 20, 2);
  await expect(page.getByText("Sending request 2 of 2")).toBeVisible();
  await page.getByRole("button", { name: "Stop applying" }).click();
  await expect(page.locator(".hu-halted")).toContainText("You stopped the run: 1 of 2 requests went through.");
  // Told once, where the run's status is (both are live regions).
  await expect(page.getByText(/^You stopped the run/)).toHaveCount(1);
  await expect(page.locator(".hu-notice")).toHaveText("");
  // The keyboard lands on what replaced the button.
  await expect(page.locator(".hu-halted")).toBeFocused();
  await expect(page.getByRole("button", { name: "Stop applying" })).toHaveCount(0);
  await expect(page.locator(".hu-count")).toContainText("15 on the server · 10 to add");
  expect((await sandbox.users(SMALL_CONFIG)).length).toBe(15);
  await expect((await openHistory(page)).locator(".hu-history li")).toContainText("10 added, 0 deleted, 0 renamed");
  await page.keyboard.press("Escape");
  // Applying again sends what is left.
  await sandbox.faults({ queue: [] });
  await stageAndApply(c, page);
  expect((await sandbox.users(SMALL_CONFIG)).length).toBe(25);
});

test("revert an older change after a newer one touched some of its users", async ({ page, sandbox }) => {
  const keep = users("keep", 3);
  const config = await sandbox.createConfig(keep);
  const keep0 = keep[0].user_id!;
  const c = await Console.open(page, sandbox);
  await c.connect(config);
  await c.load(3);
  // Change A: two additions and a deletion.
  await c.addUser("a-1", "A One");
  await c.addUser("a-2", "A Two");
  await c.select(keep0);
  await c.deleteSelected();
  await stageAndApply(c, page);
  // Change B: deletes one of A's users and renames the other.
  await c.select("a-1");
  await c.deleteSelected();
  await c.addUser("a-2", "A Two, renamed");
  await stageAndApply(c, page);

  const dialog = await openHistory(page);
  await dialog.getByRole("button", { name: /^Revert the change of/ }).last().click();
  await expect(dialog.locator(".hu-moved li")).toHaveCount(2);
  await expect(dialog.locator(".hu-moved")).toContainText("a-1 was deleted since");
  await expect(dialog.locator(".hu-moved")).toContainText("a-2");
  // Only keep-0 comes back unless the admin includes the others.
  await expect(dialog).toContainText("Stages 1 addition or rename back and 0 deletions.");
  await dialog.getByRole("checkbox", { name: /a-2/ }).check();
  await expect(dialog).toContainText("Stages 1 addition or rename back and 1 deletion.");
  await dialog.getByRole("checkbox", { name: /a-2/ }).uncheck();
  await dialog.getByRole("button", { name: "Stage the revert" }).click();
  await stageAndApply(c, page);
  const after = asMap(await sandbox.users(config));
  expect(after[keep0]).toBe(keep[0].user_name);
  expect(after["a-2"]).toBe("A Two, renamed");
  expect(after["a-1"]).toBeUndefined();
});

test("copy 20 users to the small demo configuration", async ({ page, sandbox }) => {
  const copied = users("cp", 20);
  const source = await sandbox.createConfig(copied);
  const c = await Console.open(page, sandbox);
  await c.connect(source);
  await c.load(20);
  await page.getByRole("button", { name: "Copy users to…" }).click();
  const dialog = page.getByRole("dialog", { name: /Copy this configuration's users/ });
  await dialog.getByLabel("Target configuration").selectOption(SMALL_CONFIG);
  // The dialog's list told the target's count: one request reads it for the
  // plan, and one more when the console opens it (not six pages each).
  const targetReads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && r.url().includes(`${SMALL_CONFIG}/non-migration-users`)) targetReads.push(r.url());
  });
  await dialog.getByRole("button", { name: "Read the target and stage" }).click();
  await expect(page.locator("#hu-config")).toHaveValue(SMALL_CONFIG);
  await expect(page.locator(".hu-count")).toContainText("20 to add");
  expect(targetReads).toHaveLength(2);
  await expect(page.locator(".hu-review-config")).toContainText(SMALL_CONFIG);
  await stageAndApply(c, page);
  const small = asMap(await sandbox.users(SMALL_CONFIG));
  expect(Object.keys(small)).toHaveLength(25);
  expect(small[copied[0].user_id!]).toBe(copied[0].user_name);
});

test("with the token field emptied after a load, copying says the form needs it, not the network", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await page.locator("#hu-token").fill("");
  let sent = 0;
  page.on("request", (r) => { if (r.url().includes("/v1/")) sent += 1; });
  await page.getByRole("button", { name: "Copy users to…" }).click();
  const dialog = page.getByRole("dialog", { name: /Copy this configuration's users/ });
  await expect(dialog).toContainText("Nothing was sent: the connection form above needs a valid project, configuration and token (or sign in).");
  await expect(dialog).not.toContainText("could not be reached");
  expect(sent).toBe(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
});

test("make the small configuration match the large one", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(LARGE_CONFIG);
  const large = asMap(await sandbox.users(LARGE_CONFIG));
  await c.load(Object.keys(large).length);
  await page.getByRole("button", { name: "Make another match this one…" }).click();
  const dialog = page.getByRole("dialog", { name: /Make another configuration match this one/ });
  await dialog.getByLabel("Target configuration").selectOption(SMALL_CONFIG);
  await dialog.getByRole("button", { name: "Read the target and stage" }).click();
  await expect(page.locator("#hu-config")).toHaveValue(SMALL_CONFIG);
  await expect(page.locator(".hu-count")).toContainText("5 to delete");
  // The console says what it staged where, not just that it loaded the target.
  await expect(page.locator(".hu-notice")).toHaveText(
    `Staged in ${SMALL_CONFIG}: ${Object.keys(large).length} additions, 0 renames, 5 deletions. Review and apply.`,
  );
  await stageAndApply(c, page);
  expect(asMap(await sandbox.users(SMALL_CONFIG))).toEqual(large);
});

test("copying into a configuration that would pass 1000 users is refused before sending", async ({ page, sandbox }) => {
  const full = await sandbox.createConfig(users("t", 900));
  const c = await Console.open(page, sandbox);
  await c.connect(LARGE_CONFIG);
  await c.load(320);
  let patches = 0;
  page.on("request", (r) => { if (r.method() === "PATCH") patches += 1; });
  await page.getByRole("button", { name: "Copy users to…" }).click();
  const dialog = page.getByRole("dialog", { name: /Copy this configuration's users/ });
  await dialog.getByLabel("Target configuration").selectOption(full);
  await dialog.getByRole("button", { name: "Read the target and stage" }).click();
  await expect(dialog.getByRole("status")).toHaveText(
    "The target configuration would hold 1,220 users; at most 1000 are allowed; 220 too many.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator("#hu-config")).toHaveValue(LARGE_CONFIG);
  expect(patches).toBe(0);
  expect(await sandbox.users(full)).toHaveLength(900);
});

async function exportPlan(page: Page): Promise<string> {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export plan" }).click();
  const file = await download;
  return await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
}

/** Stages one addition, exports it as a plan and discards it: the plan's text. */
async function planOfOneAddition(c: Console, id: string, name: string): Promise<string> {
  await c.addUser(id, name);
  const plan = await exportPlan(c.page);
  await c.page.getByRole("button", { name: "Discard" }).click();
  return plan;
}

async function openPlan(page: Page, text: string) {
  await page.locator("#hu-plan-file").setInputFiles({ name: "plan.json", mimeType: "application/json", buffer: Buffer.from(text) });
}

// The browser's own file control speaks the browser's language ("Choose File · No file
// chosen"), not the console's: the picker is the label, shown as a button, and the
// input is out of sight, still in the tab order and named by that label.
test("a plan file is picked from a button in the console's language", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const plan = await planOfOneAddition(c, "plan-zh", "计划用户");
  await page.locator("#hu-lang").selectOption("zh-CN");
  const input = page.getByLabel("打开计划（JSON 文件）");
  await expect(input).toHaveAttribute("type", "file");
  expect((await input.boundingBox())!.width).toBeLessThanOrEqual(1);
  const picker = page.waitForEvent("filechooser");
  await page.getByText("打开计划（JSON 文件）", { exact: true }).click();
  await (await picker).setFiles({ name: "plan.json", mimeType: "application/json", buffer: Buffer.from(plan) });
  await expect(page.locator(".hu-plan-opened")).toContainText("计划已打开：已暂存添加 1、改名 0、删除 0。");
  // From the keyboard: Tab reaches the input, its button shows the focus, Space opens the picker.
  await page.getByRole("button", { name: "导出计划" }).focus();
  await page.keyboard.press("Tab");
  await expect(input).toBeFocused();
  await expect(page.getByText("打开计划（JSON 文件）", { exact: true })).toHaveCSS("outline-style", "solid");
  const again = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  expect((await again).isMultiple()).toBe(false);
});

test("export a plan, discard, open it again and apply it", async ({ page, sandbox }) => {
  const server = await sandbox.users(SMALL_CONFIG);
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("plan-1", "Plan One");
  await c.select(server[0].user_id!);
  await c.deleteSelected();
  const plan = await exportPlan(page);
  expect(JSON.parse(plan)).toMatchObject({ format: "hotspot-users/plan", version: 1, config: SMALL_CONFIG });
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(page.locator(".hu-count")).toContainText("· 0 to add · 0 to rename · 0 to delete");
  await openPlan(page, plan);
  await expect(page.locator(".hu-plan-opened")).toContainText("Plan opened: 1 addition, 0 renames and 1 deletion staged.");
  await expect(page.locator(".hu-plan-opened")).toContainText("The server holds the same users as when the plan was made.");
  await stageAndApply(c, page);
  const after = asMap(await sandbox.users(SMALL_CONFIG));
  expect(after["plan-1"]).toBe("Plan One");
  expect(after[server[0].user_id!]).toBeUndefined();
  // A broken file stages nothing and says why.
  await openPlan(page, "{not json");
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.locator(".hu-count")).toContainText("· 0 to add · 0 to rename · 0 to delete");
});

test("a plan made for another configuration is refused", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const plan = await planOfOneAddition(c, "plan-2", "Plan Two");
  await c.connect(LARGE_CONFIG);
  await c.load(320);
  await openPlan(page, plan);
  await expect(page.getByRole("alert")).toContainText(`This plan is for configuration ${SMALL_CONFIG}`);
  await expect(page.locator(".hu-count")).toContainText("· 0 to add · 0 to rename · 0 to delete");
});

test("a plan opened after someone else changed the server lists the differences", async ({ page, sandbox }) => {
  const server = await sandbox.users(SMALL_CONFIG);
  const gone = server[1];
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("plan-3", "Plan Three");
  await c.select(gone.user_id!);
  await c.deleteSelected();
  const plan = await exportPlan(page);
  await page.getByRole("button", { name: "Discard" }).click();
  // Someone else deletes that user meanwhile.
  await sandbox.patch(SMALL_CONFIG, "DELETE", [gone]);
  await c.load(4);
  await openPlan(page, plan);
  const opened = page.locator(".hu-plan-opened");
  await expect(opened).toContainText("The server changed since the plan was made:");
  await expect(opened.locator(".hu-drift li")).toHaveText([
    `${gone.user_id}: planned for deletion, but no longer on the server; skipped.`,
  ]);
  await expect(opened).toContainText("1 addition, 0 renames and 0 deletions staged");
});

test("the new dialogs: keyboard only, Chinese, axe clean", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  const history = page.getByRole("button", { name: "History…" });
  await history.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Changes applied to this configuration" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  expect(await dialog.evaluate((d) => d.contains((d.getRootNode() as ShadowRoot).activeElement))).toBe(true);
  await axeScan(page, "the history dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(history).toBeFocused();

  await page.getByRole("button", { name: "Copy users to…" }).focus();
  await page.keyboard.press("Enter");
  const copy = page.getByRole("dialog", { name: /Copy this configuration's users/ });
  await expect(copy.getByLabel("Target configuration")).toBeFocused();
  await expect(copy.getByLabel("Target configuration").locator("option")).toHaveCount(2);
  await axeScan(page, "the copy dialog");
  await page.keyboard.press("Escape");

  await page.locator("#hu-lang").selectOption("zh-CN");
  await page.getByRole("button", { name: "历史记录…" }).click();
  await expect(page.getByRole("dialog", { name: "此配置已应用的更改" })).toContainText("此浏览器尚未对此配置应用任何更改。");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "复制用户到…" }).click();
  await expect(page.getByRole("dialog", { name: /将此配置的用户复制到另一个配置/ })).toBeVisible();
  await c.screenshot("18-copy-dialog-zh");
});
