// The real-cloud path, with the sandbox standing in for the cloud: the
// console served by the gateway, signing in with an IAM user through it.
import { test as base, expect, Gateway, Sandbox, PROJECT, SMALL_CONFIG } from "../lib/sandbox";
import { Console } from "../lib/console";

const test = base.extend<{ gateway: Gateway }>({
  gateway: async ({ sandbox }, use) => {
    const gateway = await Gateway.start(sandbox);
    await use(gateway);
    gateway.stop();
  },
});

test("sign in through the gateway, find a configuration, load, apply, verified", async ({ page, sandbox, gateway }) => {
  const c = await Console.open(page, gateway);
  // Served by the gateway, the console offers no sandbox demo and takes the gateway's region.
  await expect(page.locator("#hu-region")).toHaveValue("cn-north-4");
  await expect(page.getByRole("button", { name: "Try the demo data" })).toHaveCount(0);
  await c.signIn();
  await expect(page.locator(".hu-who")).toHaveText(/^Signed in as demo-admin \(account demo-account\) · project cn-north-4 · token expires \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await expect(page.locator("#hu-project")).toHaveValue(PROJECT);
  await expect(page.locator("#hu-token")).not.toHaveValue("");
  await expect(page.getByLabel("Projects this token may use")).toHaveValue(PROJECT);
  // Signed in, the console lists the project's configurations by itself.
  const picker = page.getByLabel("Configurations of this project");
  await expect(picker.locator("option")).toHaveText([
    "2 configurations — choose one",
    /^1c9e4b7a2f6d4e83b5a0c7d2e9f31a64 — migration off, exit at 0 sessions, 5 users$/,
    /^7f3c2a9e5b8d4c1fa0e6b2d9c8a71f05 — migration on, exit at 10 sessions, 320 users$/,
  ]);
  await picker.selectOption(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("via-gateway-1", "Through the gateway");
  await c.apply();
  await c.expectVerified();
  expect(await sandbox.users(SMALL_CONFIG)).toContainEqual({ user_id: "via-gateway-1", user_name: "Through the gateway" });
  // The password went once to IAM and is nowhere now.
  const kept = await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), location.href]));
  expect(kept).not.toContain("Demo-Passw0rd");
  const markup = await page.evaluate(() => document.querySelector("hotspot-users-console")!.shadowRoot!.innerHTML);
  expect(markup).not.toContain("Demo-Passw0rd");
  await c.screenshot("14-signed-in-through-gateway");
});

test("a wrong password is refused with IAM's words and fills nothing", async ({ page, gateway }) => {
  const c = await Console.open(page, gateway);
  await page.locator("#hu-region").selectOption("cn-north-4");
  await c.signIn("not-the-password");
  await expect(page.getByRole("form", { name: "Sign in with an IAM user" }).getByRole("alert")).toHaveText(
    "IAM refused the sign-in: The username or password is wrong.",
  );
  await expect(page.locator("#hu-sign-in-password")).toHaveValue("");
  // IAM's answer is the one problem shown: the cleared field is not called empty.
  await expect(page.locator("#hu-sign-in-password-msg")).toHaveText("");
  await expect(page.locator("#hu-project")).toHaveValue("");
  await expect(page.locator(".hu-who")).toHaveCount(0);
  // Without a region the form says what is missing and sends nothing.
  await page.locator("#hu-region").selectOption("");
  let sent = 0;
  page.on("request", (r) => {
    if (r.url().includes("/v3/auth/tokens")) sent++;
  });
  await page.locator("#hu-sign-in-password").fill("x");
  const form = page.getByRole("form", { name: "Sign in with an IAM user" });
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert").first()).toHaveText("Choose the region first: the token is scoped to its project.");
  expect(sent).toBe(0);
});

test("a token that expires mid-apply is renewed by signing in again, and the run completes", async ({ page, sandbox, gateway }) => {
  const c = await Console.open(page, gateway);
  await page.locator("#hu-region").selectOption("cn-north-4");
  const issued = page.waitForResponse((r) => r.url().includes("/v3/auth/tokens") && r.request().method() === "POST");
  await c.signIn();
  const token = (await issued).headers()["x-subject-token"];
  expect(token).toBeTruthy();
  await page.locator("#hu-config").fill(SMALL_CONFIG);
  await c.load(5);
  await c.openImport(Array.from({ length: 30 }, (_, i) => `gw-${String(i).padStart(2, "0")},User ${i}`).join("\n"));
  await c.confirmImport(30);
  await c.setBatchSize(10);
  await sandbox.faults({ queue: [{ kind: "revoke_token", token, method: "PATCH", skip: 1 }] });
  await c.apply();
  const paused = page.locator(".hu-paused");
  await expect(paused).toContainText("The token is invalid or expired");
  await expect(paused).toContainText("Or sign in again");
  await c.signIn(undefined, "hu-resign");
  await c.expectVerified();
  expect((await sandbox.users(SMALL_CONFIG)).length).toBe(35);
});

test("a pasted token is checked with IAM; ten minutes before expiry the console warns", async ({ page }) => {
  const sandbox = await Sandbox.start(["--token", "short-lived:300"]);
  try {
    await Console.open(page, sandbox);
    await page.locator("#hu-region").selectOption("cn-north-4");
    await page.locator("#hu-token").fill("short-lived");
    await page.locator("#hu-token").blur();
    await expect(page.locator(".hu-who")).toContainText("Signed in as demo-admin (account demo-account)");
    await expect(page.locator(".hu-warning")).toHaveText(/^The token expires in [45] minutes: sign in again or paste a new one\.$/);
    await expect(page.getByLabel("Projects this token may use")).toHaveValue(PROJECT);
    // A token IAM does not know is said so, and no identity is shown.
    await page.locator("#hu-token").fill("unknown-token");
    await page.locator("#hu-token").blur();
    await expect(page.locator(".hu-identity .hu-hint")).toContainText("The token is invalid or expired");
    await expect(page.locator(".hu-who")).toHaveCount(0);
  } finally {
    sandbox.stop();
  }
});
