// Hostile input and token hygiene.
import { test, expect, SMALL_CONFIG } from "../lib/sandbox";
import { Console } from "../lib/console";

test("hostile input is inert, rejected where invalid, never sent when invalid", async ({ page, sandbox }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  const before = await sandbox.users(SMALL_CONFIG);
  await c.load(before.length);
  const lines = [
    "user_id,user_name",
    "h-1,<script>alert(1)</script>",
    'h-2,"""><img src=x onerror=alert(2)>"',
    "h-3,evil\u202Egnp.exe",
    "h-4\u200B,zero width",
    "h-5," + "A".repeat(10_000),
    "h-6,nul\u0000byte",
    'h-7,"=HYPERLINK(""http://evil.example"",""x"")"',
    "h-8,@SUM(A1)",
    "-h9,+1",
  ];
  await page.getByRole("button", { name: "Import…" }).click();
  await page.locator("#hu-import-file").setInputFiles({
    name: "hostile.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(lines.join("\r\n"), "utf8"),
  });
  const problems = c.importProblems();
  await expect(problems).toHaveCount(4);
  await expect(problems.nth(0)).toHaveText("Line 4: User name contains an invisible formatting character (U+202E) at position 5.");
  await expect(problems.nth(1)).toHaveText("Line 5: User ID contains an invisible formatting character (U+200B) at position 4.");
  await expect(problems.nth(2)).toHaveText("Line 6: User name is 10000 characters long; at most 128 are allowed.");
  await expect(problems.nth(3)).toContainText("Line 7: User name contains a control character");
  const rejected = await problems.count();
  await c.confirmImport(5);
  await expect(c.row("h-1")).toContainText("<script>alert(1)</script>");
  await expect(c.row("h-2")).toContainText('"><img src=x onerror=alert(2)>');
  expect(await page.locator(".hu-table img, .hu-table script").count()).toBe(0);
  await c.apply();
  await c.expectVerified();
  const server = await sandbox.users(SMALL_CONFIG);
  const ids = server.map((u) => u.user_id);
  for (const id of ["h-1", "h-2", "h-7", "h-8", "-h9"]) expect(ids).toContain(id);
  for (const id of ["h-3", "h-4\u200B", "h-5", "h-6"]) expect(ids).not.toContain(id);
  expect(server.length).toBe(before.length + 5);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = (await (await download).createReadStream().then((s) => s.toArray())).map(String).join("");
  const cells = csv.trim().split("\r\n").slice(1).map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((x) => x.replace(/^"|"$/g, "")));
  const dangerous = cells.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
  expect(dangerous).toEqual([]);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  expect(csv).toContain(`"'-h9","'+1"`);
  expect(dialogs).toEqual([]);
  console.log(`bad input: ${lines.length - 1} lines, ${rejected} rejected with a message, 5 accepted as inert text, 0 invalid sent`);
});

test("after a full session no token is left anywhere", async ({ page, sandbox, context }) => {
  const logs: string[] = [];
  page.on("console", (m) => logs.push(m.text()));
  const c = await Console.open(page, sandbox);
  await c.connect(SMALL_CONFIG);
  await c.load(5);
  await c.addUser("hyg-1", "Hygiene");
  await c.addUser("hyg-2", "Hygiene 2");
  await c.setBatchSize(1);
  await page.getByText("Request 1: ADD 1 user").click();
  await expect(page.locator(".hu-curl").first()).toContainText('"X-Auth-Token: $TOKEN"');
  await expect(page.locator(".hu-requests pre").first()).toContainText("X-Auth-Token: •••••• (redacted)");
  await sandbox.tokens({ add: "second-secret-token" });
  await sandbox.faults({ queue: [{ kind: "revoke_token", token: "demo-token", method: "PATCH", skip: 1 }] });
  await c.apply();
  await c.resumeWithToken("second-secret-token");
  await c.expectVerified();
  await page.getByRole("button", { name: "Show token" }).click();
  await page.getByRole("button", { name: "Hide token" }).click();
  await page.getByText(/Activity \(\d+ requests\)/).click();

  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  const cookies = JSON.stringify(await context.cookies());
  // The page's markup, the console's shadow root included.
  const html = (await page.content()) + (await page.evaluate(() =>
    [...document.querySelectorAll("hotspot-users-console")].map((el) => el.shadowRoot?.innerHTML ?? "").join("")));
  expect(html).toContain("hyg-1");
  for (const token of ["demo-token", "second-secret-token"]) {
    expect(storage).not.toContain(token);
    expect(cookies).not.toContain(token);
    expect(page.url()).not.toContain(token);
    expect(html).not.toContain(token);
    expect(logs.join("\n")).not.toContain(token);
  }
});
