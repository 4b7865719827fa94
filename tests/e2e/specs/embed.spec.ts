// Embedding in a portal page, hostile host CSS, keyboard-only use, the
// language switch and accessibility scans.
import { Page } from "@playwright/test";
import { test, expect, SMALL_CONFIG, LARGE_CONFIG } from "../lib/sandbox";
import { Console } from "../lib/console";
import { axeScan } from "../lib/axe";

function portalEvents(page: Page) {
  return page.locator("#events li");
}

test("a portal page embeds two consoles with a token provider and hears their events", async ({ page, sandbox }) => {
  await page.goto(sandbox.url + "/examples/portal.html");
  const large = page.locator("#large");
  const small = page.locator("#small");
  // The token comes from the page: neither console shows a token field.
  await expect(large.getByRole("button", { name: "Load users" })).toBeEnabled();
  await expect(page.locator("#hu-token")).toHaveCount(0);
  // The mount() instance was asked for Chinese.
  await expect(small.getByRole("heading", { level: 1 })).toHaveText("未从热点会话迁移的用户");
  await large.getByRole("button", { name: "Load users" }).click();
  await expect(large.locator(".hu-count")).toContainText("320 of 320 shown");
  await small.getByRole("button", { name: "加载用户" }).click();
  await expect(small.locator(".hu-count")).toContainText("显示 5 / 5");
  expect(await page.evaluate(() => (window as any).portalSession.tokenRequests)).toBeGreaterThanOrEqual(2);

  // Separate state: staging in one console leaves the other alone.
  await small.locator("#hu-add-id").fill("portal-1");
  await small.locator("#hu-add-name").fill("From the portal");
  await small.getByRole("button", { name: "添加", exact: true }).click();
  await expect(small.locator(".hu-count")).toContainText("待添加 1");
  await expect(large.locator(".hu-count")).toContainText("0 to add");

  await small.getByRole("button", { name: "提交更改" }).click();
  await expect(small.locator(".hu-success")).toBeVisible();
  const applied = portalEvents(page).filter({ hasText: "hotspot-users:applied" });
  await expect(applied).toHaveCount(1);
  await expect(applied).toContainText('"added":1,"deleted":0');
  await expect(applied).toContainText('"requestIds":["sbx-');
  await expect(applied).toContainText('"differences":0');
  expect(await sandbox.users(SMALL_CONFIG)).toContainEqual({ user_id: "portal-1", user_name: "From the portal" });

  // A 401 with no fresh token from the portal: the host hears token-required.
  await large.getByRole("checkbox", { name: /^Select [0-9a-f]{32}$/ }).first().check();
  await large.getByRole("button", { name: /Delete selected/ }).click();
  await sandbox.tokens({ revoke: "demo-token" });
  await large.getByRole("button", { name: "Apply changes" }).click();
  await expect(portalEvents(page).filter({ hasText: "hotspot-users:token-required" }).first()).toBeVisible();
  await expect(large.locator(".hu-paused")).toContainText("The token is invalid or expired");
  // The portal's session renews the token; the admin resumes.
  await sandbox.tokens({ add: "renewed-token" });
  await page.evaluate(() => ((window as any).portalSession.token = "renewed-token"));
  await large.locator("#hu-new-token").fill("renewed-token");
  await large.getByRole("button", { name: "Resume with new token" }).click();
  await expect(large.locator(".hu-success")).toBeVisible();
  const second = portalEvents(page).filter({ hasText: "hotspot-users:applied" }).nth(1);
  await expect(second).toContainText('"added":0,"deleted":1');

  // An error event: a configuration that does not exist.
  await page.evaluate(() => document.getElementById("large")!.setAttribute("config-id", "no-such-config"));
  await large.getByRole("button", { name: "Load users" }).click();
  const error = portalEvents(page).filter({ hasText: "hotspot-users:error" });
  await expect(error).toContainText('"status":404');
  await expect(error).toContainText('"requestId":"sbx-');

  // unmount() removes the console from its element.
  await page.evaluate(() => (window as any).smallConsole.unmount());
  await expect(small.locator(".hu")).toHaveCount(0);
  await page.screenshot({ path: "artifacts/10-portal.png", fullPage: true });
  await axeScan(page, "the portal page");
});

test("unmounting a console aborts its request in flight", async ({ page, sandbox }) => {
  await page.goto(sandbox.url + "/examples/portal.html");
  const small = page.locator("#small");
  await small.getByRole("button", { name: "加载用户" }).click();
  await expect(small.locator(".hu-count")).toContainText("显示 5 / 5");
  await small.locator("#hu-add-id").fill("in-flight-1");
  await small.getByRole("button", { name: "添加", exact: true }).click();
  await sandbox.faults({ queue: [{ kind: "stall", ms: 20000, method: "PATCH" }] });
  const aborted = page.waitForEvent("requestfailed", (r) => r.method() === "PATCH");
  await small.getByRole("button", { name: "提交更改" }).click();
  await expect(small.locator(".hu-progress")).toContainText("正在发送第 1 / 1 个请求");
  await page.evaluate(() => (window as any).smallConsole.unmount());
  const request = await aborted;
  expect(request.failure()?.errorText).toContain("ERR_ABORTED");
  await expect(small.locator(".hu")).toHaveCount(0);
});

/** Computed styles of the hostile host page's own elements. */
function hostStyles(page: Page) {
  return page.evaluate(() => {
    const style = (id: string) => getComputedStyle(document.getElementById(id)!);
    return {
      table: style("host-table").display,
      button: style("host-button").borderTopStyle,
      buttonBg: style("host-button").backgroundColor,
      h1: style("host-title").color,
      font: style("host-title").fontSize,
    };
  });
}

test("a host page's aggressive global CSS neither breaks the console nor is changed by it", async ({ page, sandbox }) => {
  await page.goto(sandbox.url + "/examples/hostile-host.html");
  const host = await hostStyles(page);
  const consoleEl = page.locator("#console");
  await consoleEl.getByRole("button", { name: "Load users" }).click();
  await expect(consoleEl.locator(".hu-count")).toContainText("5 of 5 shown");
  const inner = await page.evaluate(() => {
    const root = document.getElementById("console")!.shadowRoot!;
    const style = (sel: string) => getComputedStyle(root.querySelector(sel)!);
    return {
      table: style("table").display,
      font: style(".hu").fontSize,
      input: style("#hu-filter").display,
      padding: style(".hu-toolbar").paddingTop,
    };
  });
  expect(inner.table).toBe("table");
  expect(inner.font).toBe("14px");
  expect(inner.input).not.toBe("none");
  expect(inner.padding).toBe("0px");
  await expect(consoleEl.locator(".hu-row").first()).toBeVisible();
  const after = await hostStyles(page);
  expect(after).toEqual(host);
  expect(host).toEqual({ table: "none", button: "dashed", buttonBg: "rgb(255, 255, 0)", h1: "rgb(204, 0, 0)", font: "30px" });
  await page.screenshot({ path: "artifacts/11-hostile-host.png", fullPage: true });
});

/** Presses Tab until the console's focused element matches `selector` (or has that text). */
async function tabTo(page: Page, selector: string, text?: string) {
  for (let i = 0; i < 80; i++) {
    const hit = await page.evaluate(([selector, text]) => {
      const active = document.querySelector("hotspot-users-console")!.shadowRoot!.activeElement;
      return !!active && active.matches(selector) && (text === undefined || active.textContent?.trim() === text);
    }, [selector, text] as const);
    if (hit) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector} ${text ?? ""}`);
}

test("keyboard only: add a user and apply it", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await page.keyboard.press("Tab");
  await tabTo(page, "#hu-project");
  await page.keyboard.type("0b5e3f9a6c2d4e71a8f9b0c1d2e3f405");
  await tabTo(page, "#hu-config");
  await page.keyboard.type(SMALL_CONFIG);
  await tabTo(page, "#hu-token");
  await page.keyboard.type("demo-token");
  await page.keyboard.press("Enter");
  await expect(page.locator(".hu-notice")).toHaveText("Loaded 5 users.");
  await tabTo(page, "#hu-add-id");
  await page.keyboard.type("kbd-1");
  await tabTo(page, "#hu-add-name");
  await page.keyboard.type("Keyboard Only");
  await page.keyboard.press("Enter");
  await expect(c.row("kbd-1")).toHaveClass(/hu-added/);
  await tabTo(page, "button", "Apply changes");
  await page.keyboard.press("Enter");
  await c.expectVerified();
  expect(await sandbox.users(SMALL_CONFIG)).toContainEqual({ user_id: "kbd-1", user_name: "Keyboard Only" });
  // Told once, by the status the keyboard user reaches in the review panel.
  await expect(page.getByText(/^All changes applied/)).toHaveCount(1);
});

test("the import dialog traps focus and gives it back", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await page.getByRole("button", { name: "Import…" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#hu-import-text")).toBeFocused();
  await axeScan(page, "the import dialog");
  const inDialog = () => page.evaluate(() => {
    const root = document.querySelector("hotspot-users-console")!.shadowRoot!;
    return !!root.activeElement?.closest(".hu-dialog");
  });
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await inDialog()).toBe(true);
  }
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await inDialog()).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Import…" })).toBeFocused();
});

test("the language switch turns the console to Simplified Chinese and back", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(LARGE_CONFIG);
  await c.load(320);
  await page.locator("#hu-lang").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("未从热点会话迁移的用户");
  await expect(page.getByRole("button", { name: "加载用户" })).toBeVisible();
  await expect(page.locator(".hu-count")).toContainText("显示 320 / 320");
  // The result line made before the switch reads in Chinese too.
  await expect(page.locator(".hu-notice")).toHaveText("已加载 320 个用户。");
  await expect(page.locator(".hu").first()).toHaveAttribute("lang", "zh-CN");
  await page.locator("#hu-add-id").fill("x".repeat(129));
  await expect(page.locator("#hu-add-id-msg")).toHaveText("用户 ID长度为 129 个字符；最多允许 128 个。");
  await page.screenshot({ path: "artifacts/12-chinese.png", fullPage: true });
  await axeScan(page, "the console in Chinese");
  await page.locator("#hu-lang").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users not migrated from hotspot sessions");
  await expect(page.locator(".hu-notice")).toHaveText("Loaded 320 users.");
});

test("the language chosen on the stand-alone page is kept across a reload", async ({ page, sandbox }) => {
  await Console.open(page, sandbox);
  await page.locator("#hu-lang").selectOption("zh-CN");
  await expect(page.getByRole("button", { name: "加载用户" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("未从热点会话迁移的用户");
  await expect(page.locator("#hu-lang")).toHaveValue("zh-CN");
  await page.locator("#hu-lang").selectOption("en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users not migrated from hotspot sessions");
  await expect(page.locator("#hu-lang")).toHaveValue("en");
  // The choice is a preference, never anything secret.
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("hotspot-users/v1/lang") ?? "null"))).toBe("en");
});

test("accessibility: no serious or critical axe violations on the main states", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await axeScan(page, "the empty console");
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await axeScan(page, "the loaded table");
  await c.addUser("a11y-1", "Accessible");
  await page.getByText("Request 1: ADD 1 user").click();
  await axeScan(page, "the review panel");
  await sandbox.faults({ queue: [{ kind: "status", status: 400, method: "PATCH" }] });
  await c.apply();
  await expect(page.locator(".hu-review .hu-error-box")).toBeVisible();
  await axeScan(page, "a stopped run");
});
