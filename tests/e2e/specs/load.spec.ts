import { test, expect, PROJECT, SMALL_CONFIG, TOKEN } from "../lib/sandbox";

test("the console served by the sandbox loads a configuration's users", async ({ page, sandbox }) => {
  await page.goto(sandbox.url + "/");
  await page.getByLabel("Project ID").fill(PROJECT);
  await page.getByLabel("Configuration ID").fill(SMALL_CONFIG);
  await page.getByLabel("Token").fill(TOKEN);
  await page.getByRole("button", { name: "Load" }).click();
  const expected = await sandbox.users(SMALL_CONFIG);
  expect(expected.length).toBe(5);
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(expected.length);
  for (const u of expected) {
    await expect(page.getByRole("cell", { name: u.user_id!, exact: true })).toBeVisible();
  }
});
