// Accessibility scans with axe-core, in the page (shadow roots included).
import { readFileSync } from "node:fs";
import { Page, expect } from "@playwright/test";

// The suite runs from tests/e2e (npm test there).
const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

/** Runs axe-core in the page (shadow roots included); returns serious and critical violations. */
export async function axeScan(page: Page, state: string) {
  await page.evaluate(AXE);
  const { violations, passed } = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document);
    return {
      passed: result.passes.length,
      violations: result.violations
        .filter((v: any) => v.impact === "serious" || v.impact === "critical")
        .map((v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(" ")).join(", ")}`),
    };
  });
  expect(passed, `axe checked rules on ${state}`).toBeGreaterThan(10);
  expect(violations, `axe on ${state}`).toEqual([]);
}

