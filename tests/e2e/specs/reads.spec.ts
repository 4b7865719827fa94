// Reads retry like writes: a transient failure on one page of a load, on
// the configuration list or on the re-read that verifies an apply is
// retried with the model's policy; a page that fails every attempt keeps
// what was read, and "Load users" then reads only what is missing.
import { test, expect, users, SMALL_CONFIG, READ_BY_PAGES } from "../lib/sandbox";
import { Console } from "../lib/console";

// Page by page, as through a plain proxy of the API (whole-list reads: console.spec.ts).
test.use({ sandboxArgs: READ_BY_PAGES });

const middlePage = { method: "GET", query: "offset=500" };

for (const [name, fault] of [
  ["503 with Retry-After", { kind: "status", status: 503, retry_after: 1 }],
  ["429", { kind: "status", status: 429, retry_after: 1 }],
] as const) {
  test(`a ${name} on a middle page of a 1000-user load is retried`, async ({ page, sandbox }) => {
    const config = await sandbox.createConfig(users("big", 1000));
    const c = await Console.open(page, sandbox);
    await c.connect(config);
    await sandbox.faults({ queue: [{ ...fault, ...middlePage, times: 2 }] });
    await page.getByRole("button", { name: "Load users" }).click();
    // The progress line names the page being retried and its attempt.
    await expect(page.locator(".hu-progress")).toContainText(/page 6, attempt [23]/);
    await expect(page.locator(".hu-notice")).toHaveText("Loaded 1000 users.");
    await expect(page.locator(".hu-count")).toContainText("1000 of 1000 shown");
    const gets = await c.activity("GET");
    await expect(gets).toHaveCount(10);
    const attempts = (await gets.locator("td:nth-child(6)").allInnerTexts()).map(Number);
    expect(attempts.sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 3]);
    await expect(page.getByRole("button", { name: "Load users" })).toBeEnabled();
  });
}

test("a page that fails every attempt keeps the others; Load reads only what is missing", async ({ page, sandbox }) => {
  const config = await sandbox.createConfig(users("big", 1000));
  const c = await Console.open(page, sandbox);
  await c.connect(config);
  await sandbox.faults({ queue: [{ kind: "status", status: 500, ...middlePage, times: 5 }] });
  await page.getByRole("button", { name: "Load users" }).click();
  const failure = page.locator(".hu-error-box");
  await expect(failure).toContainText("Page 6 (users 501–600) could not be read after 5 attempts");
  await expect(failure).toContainText("900 of 1000 users read are kept");
  await expect(failure).toContainText("The service failed internally");
  const load = page.getByRole("button", { name: "Load users" });
  await expect(load).toBeEnabled();
  const before = await (await c.activity("GET")).count();
  await load.click();
  await expect(page.locator(".hu-notice")).toHaveText("Loaded 1000 users.");
  await expect(page.locator(".hu-count")).toContainText("1000 of 1000 shown");
  await expect(await c.activity("GET")).toHaveCount(before + 1);
  const server = await sandbox.users(config);
  await page.locator("#hu-filter").fill(server[550].user_id!);
  await expect(c.rows()).toHaveCount(1);
});

test("the configuration list is retried", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect("");
  await sandbox.faults({ queue: [{ kind: "status", status: 503, retry_after: 1, method: "GET", times: 2 }] });
  await page.getByRole("button", { name: "Find configurations" }).click();
  await expect(page.getByLabel("Configurations of this project").locator("option")).toHaveCount(3);
});

// Load after Apply: with no fault, and with a 503 or a 429 on the re-read
// that verifies the apply (retried like any read).
for (const [name, fault] of [
  ["no fault", null],
  ["503 on the re-read", { kind: "status", status: 503, retry_after: 1 }],
  ["429 on the re-read", { kind: "status", status: 429, retry_after: 1 }],
] as const) {
  test(`after an apply (${name}), the status line ends and Load users loads again`, async ({ page, sandbox }) => {
    const c = await Console.open(page, sandbox);
    await c.connect(SMALL_CONFIG);
    await c.load(5);
    await c.addUser("after-apply-1", "Then load again");
    if (fault) await sandbox.faults({ queue: [{ ...fault, method: "GET", times: 2 }] });
    await c.apply();
    await c.expectVerified();
    await expect(page.locator(".hu-progress")).toHaveCount(0);
    const load = page.getByRole("button", { name: "Load users" });
    await expect(load).toBeEnabled();
    await load.click();
    await expect(page.locator(".hu-notice")).toHaveText("Loaded 6 users.");
    // The earlier run's result no longer stands once the server is read again.
    await expect(page.locator(".hu-review .hu-success")).toHaveCount(0);
    await expect(c.row("after-apply-1")).toBeVisible();
    await expect(load).toBeEnabled();
    // And once more, after a reload of the page.
    await page.reload();
    await page.locator("#hu-token").fill("demo-token");
    await c.load(6);
  });
}

test("a re-read that fails every attempt says the requests went through, and re-checks", async ({ page, sandbox }) => {
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("unchecked-1", "Not yet checked");
  await sandbox.faults({ queue: [{ kind: "status", status: 500, method: "GET", times: 5 }] });
  await c.apply();
  const box = page.locator(".hu-unverified");
  await expect(box).toContainText("Every request went through, but the check of the server could not be completed");
  await expect(box).toContainText("The service failed internally");
  await expect(page.locator(".hu-review")).not.toContainText("The run stopped");
  await expect(page.getByRole("button", { name: "Load users" })).toBeEnabled();
  await page.getByRole("button", { name: "Check again", exact: true }).click();
  await c.expectVerified();
  expect(await sandbox.users(SMALL_CONFIG)).toContainEqual({ user_id: "unchecked-1", user_name: "Not yet checked" });
});
