import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUp, uniqueEmail } from "./auth-helpers";

/**
 * Route handlers that set their own security headers keep them in the production
 * server: neither next.config.ts's headers nor the proxy's page CSP may replace them,
 * and each answer still carries the headers every response gets.
 */

/** Every value of a header, so a second copy (two CSPs, two policies) shows. */
function all(response: APIResponse, name: string): string[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === name)
    .map((header) => header.value);
}

function expectBaseHeaders(response: APIResponse) {
  expect(all(response, "x-content-type-options")).toEqual(["nosniff"]);
  expect(all(response, "x-frame-options")).toEqual(["DENY"]);
  expect(all(response, "permissions-policy")[0]).toContain("camera=()");
  expect(all(response, "strict-transport-security")[0]).toContain("max-age=");
}

test.describe("route handlers keep their own headers", () => {
  test("the download route answers with its sandbox CSP, not the page policy", async ({ request }) => {
    const missing = "/resources/00000000-0000-4000-8000-000000000000/download";
    const json = await request.get(missing, { headers: { accept: "application/json" } });
    expect(json.status()).toBe(401);
    expect(all(json, "content-security-policy")).toEqual(["default-src 'none'; sandbox"]);
    expect(all(json, "cache-control")).toEqual(["private, no-store"]);
    expectBaseHeaders(json);

    const redirect = await request.get(missing, { headers: { accept: "text/html" }, maxRedirects: 0 });
    expect(redirect.status()).toBe(302);
    expect(all(redirect, "content-security-policy")).toEqual(["default-src 'none'; sandbox"]);
  });

  test("a personal feed answers with Referrer-Policy: no-referrer, a link that no longer works too", async ({ page }) => {
    await signUp(page, uniqueEmail("feed-headers"));
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    await page.goto("/account");
    await page.getByRole("button", { name: "Create feed link" }).click();
    const feedUrl = new URL((await page.locator("code", { hasText: "/calendar/feed/" }).first().textContent())!.trim());

    const feed = await page.request.get(feedUrl.pathname);
    expect(feed.status()).toBe(200);
    expect(all(feed, "referrer-policy")).toEqual(["no-referrer"]);
    expect(all(feed, "x-robots-tag")).toEqual(["noindex"]);
    expect(all(feed, "cache-control")).toEqual(["private, no-store"]);
    expectBaseHeaders(feed);

    const unknown = await page.request.get(`/calendar/feed/${"A".repeat(43)}.ics`);
    expect(unknown.status()).toBe(404);
    expect(all(unknown, "referrer-policy")).toEqual(["no-referrer"]);
    expectBaseHeaders(unknown);
  });

  test("the upload route answers with a CSP of its own", async ({ request }) => {
    // No Origin header: refused as a cross-site post, with the short HTML page.
    const refused = await request.post("/manage/resources/upload", { headers: { accept: "text/html" }, data: "x" });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).toContain("text/html");
    const [csp, ...more] = all(refused, "content-security-policy");
    expect(more).toEqual([]);
    for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]) {
      expect(csp).toContain(directive);
    }
    expectBaseHeaders(refused);
  });

  test("pages keep the site's policies", async ({ request }) => {
    const about = await request.get("/about");
    expect(all(about, "referrer-policy")).toEqual(["strict-origin-when-cross-origin"]);
    expect(all(about, "content-security-policy")[0]).toMatch(/'nonce-/);
    expectBaseHeaders(about);
  });
});
