// The npm package, used the way a portal team would: installed from its
// tarball into a fresh project, type-checked strictly, its manifest checked
// against the schema and against the element itself, served under the
// strict CSP for a load and an apply, and upgraded behind a cache.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Ajv from "ajv";
import { test, expect, Sandbox, SMALL_CONFIG } from "../lib/sandbox";
import { Console } from "../lib/console";

const TGZ = process.env.PACKAGE_TGZ ?? "";
const TSC = resolve("node_modules/typescript/bin/tsc");

/** A throwaway project with the tarball installed; returns its folder. */
function consumer(): string {
  expect(TGZ, "PACKAGE_TGZ (scripts/test.sh builds the package and sets it)").not.toBe("");
  const dir = mkdtempSync(join(tmpdir(), "hotspot-consumer-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", TGZ], { cwd: dir, stdio: "pipe" });
  return dir;
}

function typeCheck(dir: string, name: string, code: string): string {
  writeFileSync(join(dir, name), code);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"] },
    files: [name],
  }));
  try {
    execFileSync("node", [TSC, "-p", dir], { cwd: dir, stdio: "pipe" });
    return "";
  } catch (e: any) {
    return String(e.stdout) + String(e.stderr);
  }
}

/** A site serving the installed package at /pkg/ and a page that imports it. */
function site(pkg: string): string {
  const dir = mkdtempSync(join(tmpdir(), "hotspot-site-"));
  cpSync(pkg, join(dir, "pkg"), { recursive: true });
  writeFileSync(join(dir, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script type="module" src="/app.js"></script></head><body><main><hotspot-users-console remember></hotspot-users-console></main></body></html>`);
  writeFileSync(join(dir, "app.js"), `import { mount, event_names } from "/pkg/index.js";\nwindow.hotspot = { mount, event_names };\n`);
  return dir;
}

test.describe("the npm package", () => {
  test("installs from its tarball and type-checks strictly; wrong uses do not", async () => {
    expect(TGZ).toMatch(/hotspot-users-console-\d+\.\d+\.\d+\.tgz$/);
    const dir = consumer();
    const good = typeCheck(dir, "good.ts", `
import "hotspot-users-console";
import { mount, type AppliedDetail } from "hotspot-users-console/mount";
const el = document.querySelector("hotspot-users-console")!;
el.token = "t";
el.tokenProvider = async () => "t2";
el.setAttribute("project-id", "p");
el.addEventListener("hotspot-users:applied", (e) => { const d: AppliedDetail = e.detail; console.log(d.requestIds.join(), d.differences ?? "unchecked"); });
el.addEventListener("hotspot-users:error", (e) => console.log(e.detail.status, e.detail.requestId));
el.addEventListener("hotspot-users:config-saved", (e) => console.log(e.detail.configId, e.detail.exitSessionNum + 1));
document.addEventListener("hotspot-users:token-required", () => undefined);
const handle = mount(document.createElement("div"), { projectId: "p", lang: "zh-CN", tokenProvider: () => "t" });
handle.set_token("t3");
handle.unmount();
`);
    expect(good).toBe("");
    expect(typeCheck(dir, "bad1.ts", `import "hotspot-users-console";\ndocument.querySelector("hotspot-users-console")!.token = 42;\n`)).toContain("TS2322");
    expect(typeCheck(dir, "bad2.ts", `import "hotspot-users-console";\ndocument.querySelector("hotspot-users-console")!.addEventListener("hotspot-users:applied", (e) => e.detail.adedd);\n`)).toMatch(/TS2551|TS2339/);
    expect(typeCheck(dir, "bad3.ts", `import { mount } from "hotspot-users-console/mount";\nmount(document.body, { lang: "fr" });\n`)).toContain("TS2322");
  });

  test("its custom-elements.json follows the schema and lists exactly what the element has", async ({ page }) => {
    const dir = consumer();
    const pkg = join(dir, "node_modules", "hotspot-users-console");
    const manifest = JSON.parse(readFileSync(join(pkg, "custom-elements.json"), "utf8"));
    const schema = JSON.parse(readFileSync("node_modules/custom-elements-manifest/schema.json", "utf8"));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    const el = manifest.modules[0].declarations.find((d: any) => d.customElement);
    const sandbox = await Sandbox.start([], site(pkg));
    try {
      await page.goto(sandbox.url + "/");
      await page.waitForFunction(() => (window as any).hotspot && customElements.get("hotspot-users-console"));
      const real = await page.evaluate(() => {
        const cls: any = customElements.get("hotspot-users-console");
        const accessors = Object.entries(Object.getOwnPropertyDescriptors(cls.prototype))
          .filter(([name, d]: [string, any]) => d.set && !name.startsWith("_"))
          .map(([name]) => name);
        return { attributes: [...cls.observedAttributes], properties: accessors, events: (window as any).hotspot.event_names() };
      });
      const names = (xs: any[]) => xs.map((x) => x.name).sort();
      expect(names(el.attributes)).toEqual([...real.attributes].sort());
      expect(names(el.members)).toEqual([...real.properties].sort());
      expect(names(el.events)).toEqual([...real.events].sort());
      expect(el.tagName).toBe("hotspot-users-console");
    } finally {
      sandbox.stop();
    }
  });

  test("served from the installed package under the strict CSP: load, apply, verified, a dialog from its on-demand part", async ({ page }) => {
    const pkg = join(consumer(), "node_modules", "hotspot-users-console");
    const sandbox = await Sandbox.start([], site(pkg));
    try {
      const part: string[] = [];
      page.on("request", (r) => {
        if (r.url().endsWith("hotspot-users_lazy.wasm")) part.push(new URL(r.url()).pathname);
      });
      const c = await Console.open(page, sandbox);
      await c.connect(SMALL_CONFIG);
      await c.load(5);
      await c.addUser("from-package-1", "Installed with npm");
      await c.apply();
      await c.expectVerified();
      expect(await sandbox.users(SMALL_CONFIG)).toContainEqual({ user_id: "from-package-1", user_name: "Installed with npm" });
      // The on-demand part comes from the package's own build folder.
      await page.getByRole("button", { name: "History…" }).click();
      await expect(page.getByRole("dialog", { name: "Changes applied to this configuration" })).toBeVisible();
      expect(part).toEqual([expect.stringMatching(/^\/pkg\/v\/[0-9a-f]{12}\/hotspot-users_lazy\.wasm$/)]);
      expect(c.cspViolations()).toEqual([]);
    } finally {
      sandbox.stop();
    }
  });

  test("after an upgrade, a page holding the old entry still gets a matching JS and wasm pair", async ({ page }) => {
    const pkg = join(consumer(), "node_modules", "hotspot-users-console");
    const root = site(pkg);
    const oldEntry = readFileSync(join(root, "pkg", "index.js"), "utf8");
    const build = (entry: string) => entry.match(/v\/([0-9a-f]{12})\//)![1];
    // Rebuild with a change: the same build with its glue changed, packaged again.
    const changed = mkdtempSync(join(tmpdir(), "hotspot-dist-"));
    const v = join(pkg, "v", build(oldEntry));
    cpSync(v, changed, { recursive: true });
    writeFileSync(join(changed, "hotspot-users.js"), readFileSync(join(changed, "hotspot-users.js"), "utf8") + "\n// a later build\n");
    const next = join(mkdtempSync(join(tmpdir(), "hotspot-next-")), "pkg");
    execFileSync("node", [resolve("../../scripts/package/build.mjs"), changed, next], { stdio: "pipe" });
    // Deploy it the way the package README says: the new entry, earlier v/ folders kept.
    cpSync(next, join(root, "pkg"), { recursive: true });
    const newEntry = readFileSync(join(root, "pkg", "index.js"), "utf8");
    expect(build(newEntry)).not.toBe(build(oldEntry));
    expect(readdirSync(join(root, "pkg", "v")).sort()).toEqual([build(oldEntry), build(newEntry)].sort());
    const sandbox = await Sandbox.start([], root);
    try {
      for (const [entry, cached] of [[oldEntry, true], [newEntry, false]] as const) {
        const loaded: string[] = [];
        const listener = (r: any) => {
          const m = r.url().match(/\/v\/([0-9a-f]{12})\/hotspot-users(\.js|_bg\.wasm)$/);
          if (m) loaded.push(m[1]);
        };
        page.on("request", listener);
        // The old entry as a cache would still hand it out.
        if (cached) await page.route("**/pkg/index.js", (r) => r.fulfill({ body: entry, contentType: "text/javascript" }));
        await page.goto(sandbox.url + "/");
        await expect(page.getByRole("heading", { name: "Users not migrated from hotspot sessions" })).toBeVisible();
        await page.getByRole("button", { name: "Try the demo data" }).click();
        await page.getByRole("button", { name: "Load users" }).click();
        await expect(page.locator(".hu-notice")).toHaveText("Loaded 320 users.");
        expect(loaded).toEqual([build(entry), build(entry)]);
        page.off("request", listener);
        await page.unrouteAll();
      }
    } finally {
      sandbox.stop();
    }
  });
});
