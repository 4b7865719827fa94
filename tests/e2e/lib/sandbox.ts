// Starts a fresh sandbox server (its own process, its own port, its own
// state) for one test, and talks to its API and admin endpoint.
import { spawn, ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base, expect } from "@playwright/test";

export const PROJECT = "0b5e3f9a6c2d4e71a8f9b0c1d2e3f405";
export const LARGE_CONFIG = "7f3c2a9e5b8d4c1fa0e6b2d9c8a71f05";
export const SMALL_CONFIG = "1c9e4b7a2f6d4e83b5a0c7d2e9f31a64";
export const TOKEN = "demo-token";
const ADMIN_SECRET = "e2e-admin-secret";

export const users = (prefix: string, n: number): UserInfo[] =>
  Array.from({ length: n }, (_, i) => ({ user_id: `${prefix}-${String(i).padStart(4, "0")}`, user_name: `${prefix} user ${i}` }));

export type UserInfo = { user_id?: string; user_name?: string };

/** Starts the server with `args`; resolves with its URL once it listens. */
async function startServer(args: string[]): Promise<{ url: string; proc: ChildProcess }> {
  const bin = process.env.SERVER_BIN;
  if (!bin) throw new Error("SERVER_BIN and CONSOLE_DIST must be set (scripts/test.sh sets them)");
  const proc = spawn(bin, args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (chunk) => {
      out += chunk.toString();
      const m = out.match(/listening on (http:\/\/[^\s]+?)\/?\s/);
      if (m) resolve(m[1]);
    });
    proc.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { url, proc };
}

export const DEMO_ACCOUNT = "demo-account";
export const DEMO_USER = "demo-admin";
export const DEMO_PASSWORD = "Demo-Passw0rd";

/** The gateway backend in front of a sandbox (as its cloud), serving the console. */
export class Gateway {
  constructor(readonly url: string, private proc: ChildProcess) {}

  static async start(upstream: Sandbox): Promise<Gateway> {
    const dist = process.env.CONSOLE_DIST!;
    const { url, proc } = await startServer([
      "gateway", "--region", "cn-north-4", "--listen", "127.0.0.1:0", "--dist", dist,
      "--upstream", upstream.url, "--iam-upstream", upstream.url, "--upstream-timeout-s", "10",
    ]);
    return new Gateway(url, proc);
  }

  stop() {
    this.proc.kill("SIGINT");
  }
}

/** A sandbox that answers no whole-list reads: the console reads by pages,
 * as it does through a plain proxy of the API and after a whole-list read
 * failed. Tests of paging (parallel pages, a fault on one page) use it. */
export const READ_BY_PAGES = ["--no-whole-lists"];

export class Sandbox {
  constructor(readonly url: string, private proc: ChildProcess) {}

  /** A fresh sandbox serving `dist` (the console's release build by default). */
  static async start(extraArgs: string[] = [], dist = process.env.CONSOLE_DIST): Promise<Sandbox> {
    if (!dist) throw new Error("SERVER_BIN and CONSOLE_DIST must be set (scripts/test.sh sets them)");
    const state = join(mkdtempSync(join(tmpdir(), "hotspot-e2e-")), "state.json");
    const { url, proc } = await startServer([
      "sandbox", "--listen", "127.0.0.1:0", "--dist", dist, "--state", state, "--admin-secret", ADMIN_SECRET, ...extraArgs,
    ]);
    return new Sandbox(url, proc);
  }

  stop() {
    this.proc.kill("SIGINT");
  }

  private usersUrl(config: string) {
    return `${this.url}/v1/${PROJECT}/hotspot-session-config/${config}/non-migration-users`;
  }

  /** Every user of a configuration, read through the API. */
  async users(config = LARGE_CONFIG, token = TOKEN): Promise<UserInfo[]> {
    const all: UserInfo[] = [];
    for (let offset = 0; ; offset += 100) {
      const res = await fetch(`${this.usersUrl(config)}?offset=${offset}&limit=100`, { headers: { "X-Auth-Token": token } });
      if (!res.ok) throw new Error(`list users: ${res.status}`);
      const page = (await res.json()).non_migrate_users as UserInfo[];
      all.push(...page);
      if (page.length < 100) return all;
    }
  }

  async patch(config: string, update_type: "ADD" | "DELETE", users: UserInfo[]) {
    const res = await fetch(this.usersUrl(config), {
      method: "PATCH",
      headers: { "X-Auth-Token": TOKEN, "Content-Type": "application/json" },
      body: JSON.stringify({ update_type, non_migrate_users: users }),
    });
    if (!res.ok) throw new Error(`patch: ${res.status} ${await res.text()}`);
  }

  /** Every configuration of the demo project (one page of up to 100). */
  async configs(): Promise<{ id: string; hotspot_session_migration_enable: boolean; hotspot_exit_session_num: number; non_migrate_users: UserInfo[] }[]> {
    const res = await fetch(`${this.url}/v1/${PROJECT}/hotspot-session-config?offset=0&limit=100`, { headers: { "X-Auth-Token": TOKEN } });
    if (!res.ok) throw new Error(`list configs: ${res.status}`);
    return (await res.json()).items;
  }

  /** Creates a configuration holding `users`; returns its id. */
  async createConfig(users: UserInfo[]): Promise<string> {
    const res = await fetch(`${this.url}/v1/${PROJECT}/hotspot-session-config`, {
      method: "POST",
      headers: { "X-Auth-Token": TOKEN, "Content-Type": "application/json" },
      body: JSON.stringify({ hotspot_session_migration_enable: true, hotspot_exit_session_num: 5, non_migrate_users: users }),
    });
    if (!res.ok) throw new Error(`create config: ${res.status} ${await res.text()}`);
    return (await res.json()).id;
  }

  /** Sets the fault injection (see server/src/sandbox/faults.rs). */
  async faults(settings: object) {
    const res = await fetch(`${this.url}/__admin/faults`, {
      method: "PUT",
      headers: { "X-Admin-Secret": ADMIN_SECRET, "Content-Type": "application/json" },
      body: JSON.stringify(settings),
    });
    if (!res.ok) throw new Error(`faults: ${res.status}`);
  }

  async tokens(change: { add?: string; revoke?: string; ttl_secs?: number }) {
    const res = await fetch(`${this.url}/__admin/tokens`, {
      method: "POST",
      headers: { "X-Admin-Secret": ADMIN_SECRET, "Content-Type": "application/json" },
      body: JSON.stringify(change),
    });
    if (!res.ok) throw new Error(`tokens: ${res.status}`);
  }
}

export const test = base.extend<{ sandboxArgs: string[]; sandbox: Sandbox; cspGuard: void; onDemandGuard: void }>({
  // Extra flags of the test's sandbox: `test.use({ sandboxArgs: READ_BY_PAGES })`.
  sandboxArgs: [[], { option: true }],
  sandbox: async ({ sandboxArgs }, use) => {
    const sandbox = await Sandbox.start(sandboxArgs);
    await use(sandbox);
    sandbox.stop();
  },
  // Every test fails on a Content-Security-Policy violation: the sandbox
  // serves the console with script-src 'self' 'wasm-unsafe-eval'; style-src 'self'.
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|Refused to (apply|load|execute)/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      await use();
      expect(violations, "CSP violations").toEqual([]);
    },
    { auto: true },
  ],
  // Every test fails when code of the on-demand part (dialogs and panels)
  // ran before the console opened it: it was then fetched synchronously.
  onDemandGuard: [
    async ({ page }, use) => {
      const early: string[] = [];
      page.on("console", (m) => {
        if (m.text().includes("on-demand part was loaded synchronously")) early.push(m.text());
      });
      await use();
      expect(early, "on-demand code run before its part was opened").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect } from "@playwright/test";
