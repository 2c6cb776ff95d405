import { createHash } from "node:crypto";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";

/** Fails on serious and critical WCAG 2.x A/AA violations; the message lists them. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    blocking.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
}

/**
 * The address a spec file's requests come from, as the e2e server's one trusted proxy reports it (X-Forwarded-For):
 * one per file, from the benchmarking range 198.18.0.0/15, so each journey has its own sign-in rate-limit bucket
 * (30 links per 15 minutes per address) instead of the whole suite sharing 127.0.0.1's. Specs that test the limits
 * set their own.
 */
function clientAddressFor(file: string): string {
  const hash = createHash("sha256").update(path.basename(file)).digest();
  return `198.18.${hash[0]}.${(hash[1]! % 254) + 1}`;
}

export const test = base.extend<{ visit: (path: string) => Promise<void> }>({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use, testInfo) => {
    await use({ "X-Forwarded-For": clientAddressFor(testInfo.file), ...extraHTTPHeaders });
  },
  /**
   * Every page a test opens is checked with axe: the pages it navigated to are
   * visited again, with the same cookies, once the test has passed. (Tests also
   * check key states in place, such as a form showing its errors.)
   */
  page: async ({ page, context, baseURL }, use, testInfo) => {
    const visited = new Set<string>();
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame()) visited.add(frame.url());
    });
    // Every journey doubles as a check of the Content-Security-Policy: anything it blocks fails the test.
    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
        cspViolations.push(`${page.url()}: ${message.text()}`);
      }
    });
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) return;
    expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
    const origin = new URL(baseURL!).origin;
    const checker = await context.newPage();
    for (const url of visited) {
      const target = new URL(url);
      // Route handlers (sign-in callbacks, downloads, feeds) are not pages, and other origins are not ours.
      if (target.origin !== origin || target.pathname.startsWith("/api/") || /\.(ics|csv)$|\/download$/.test(target.pathname)) continue;
      const response = await checker.goto(url);
      if (!response?.headers()["content-type"]?.includes("text/html")) continue;
      await expectAccessible(checker);
    }
    await checker.close();
  },
  visit: async ({ page }, use) => {
    await use(async (path: string) => {
      const response = await page.goto(path);
      expect(response?.status(), `status of ${path}`).toBeLessThan(400);
      await expectAccessible(page);
    });
  },
});

export { expect };
