// Admin actions on the console, over a small layer of selectors.
import { Page, expect } from "@playwright/test";
import { PROJECT, TOKEN, DEMO_ACCOUNT, DEMO_USER, DEMO_PASSWORD } from "./sandbox";

export class Console {
  constructor(readonly page: Page, readonly sandbox: { url: string }) {}

  /** Opens the console served by `sandbox` (or by a gateway). */
  static async open(page: Page, sandbox: { url: string }): Promise<Console> {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    (page as any).__cspViolations = violations;
    await page.goto(sandbox.url + "/");
    await expect(page.getByRole("heading", { name: "Users not migrated from hotspot sessions" })).toBeVisible();
    return new Console(page, sandbox);
  }

  cspViolations(): string[] {
    return (this.page as any).__cspViolations;
  }

  async connect(config: string, token = TOKEN, project = PROJECT) {
    await this.page.locator("#hu-project").fill(project);
    await this.page.locator("#hu-config").fill(config);
    await this.page.locator("#hu-token").fill(token);
  }

  async load(expectedUsers?: number) {
    await this.page.getByRole("button", { name: "Load users" }).click();
    await expect(this.page.locator(".hu-notice")).toContainText("Loaded");
    if (expectedUsers !== undefined) {
      await expect(this.page.locator(".hu-count")).toContainText(`${expectedUsers} of ${expectedUsers} shown`);
      if (expectedUsers > 0) await expect(this.rows().first()).toBeVisible();
    }
  }

  rows() {
    // Only the rows in view (and a margin) are rendered; the spacer rows
    // above and below them are hidden from the accessibility tree.
    return this.page.locator(".hu-table tbody").getByRole("row");
  }

  row(id: string) {
    return this.rows().filter({ has: this.page.getByRole("checkbox", { name: `Select ${id}`, exact: true }) });
  }

  /** The activity log's rows for one kind of request (GET, ADD, DELETE). */
  async activity(kind: string) {
    const details = this.page.locator("details.hu-activity");
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await this.page.getByText(/Activity \(\d+ requests?\)/).click();
    return this.page.locator(".hu-activity tbody tr").filter({ has: this.page.locator("td:nth-child(2)", { hasText: new RegExp(`^${kind}$`) }) });
  }

  /** Signs in with an IAM user in the form whose ids start with `form`. */
  async signIn(password = DEMO_PASSWORD, form = "hu-sign-in") {
    if (form === "hu-sign-in") await this.page.getByRole("button", { name: "Sign in with an IAM user" }).click();
    await this.page.locator(`#${form}-account`).fill(DEMO_ACCOUNT);
    await this.page.locator(`#${form}-user`).fill(DEMO_USER);
    await this.page.locator(`#${form}-password`).fill(password);
    await this.page.getByRole("form", { name: "Sign in with an IAM user" }).getByRole("button", { name: "Sign in" }).click();
  }

  async addUser(id: string, name: string) {
    await this.page.locator("#hu-add-id").fill(id);
    await this.page.locator("#hu-add-name").fill(name);
    await this.page.getByRole("button", { name: "Add user" }).click();
    await expect(this.row(id)).toHaveClass(/hu-added|hu-renamed/);
  }

  async openImport(paste: string) {
    await this.page.getByRole("button", { name: "Import…" }).click();
    await this.page.locator("#hu-import-text").fill(paste);
  }

  importProblems() {
    return this.page.locator(".hu-problems li");
  }

  async confirmImport(count: number) {
    await this.page.getByRole("button", { name: `Stage ${count} users` }).click();
    await expect(this.page.getByRole("dialog")).toHaveCount(0);
  }

  async select(id: string) {
    await this.page.getByRole("checkbox", { name: `Select ${id}` }).check();
  }

  async deleteSelected() {
    await this.page.getByRole("button", { name: /Delete selected/ }).click();
  }

  async setBatchSize(n: number) {
    await this.page.locator("#hu-batch").fill(String(n));
    await this.page.locator("#hu-batch").press("Tab");
  }

  planSummary() {
    return this.page.locator(".hu-plan-summary");
  }

  async apply() {
    await this.page.getByRole("button", { name: "Apply changes" }).click();
  }

  async expectVerified() {
    await expect(this.page.locator(".hu-success")).toHaveText(
      "All changes applied. The server now matches the intended users.",
      { timeout: 30_000 },
    );
  }

  async resumeWithToken(token: string) {
    await this.page.locator("#hu-new-token").fill(token);
    await this.page.getByRole("button", { name: "Resume with new token" }).click();
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `artifacts/${name}.png`, fullPage: true });
  }
}
