import { expect, test } from "./fixtures";
import { signInAs } from "./auth-helpers";

/**
 * A control character in a search (a NUL byte reached PostgreSQL and came back as a 500)
 * is the searcher's mistake: 400 and a sentence saying what to fix, on every search page,
 * signed in or not (lib/search/control-characters.test.ts covers the same searches in lib/).
 */
const SEARCH_PAGES = ["/resources", "/events", "/members", "/admin/members"];
const HOSTILE = ["alt%00text", "%00", "%07", "%7F", "line%0Abreak"];

async function expectRefused(response: import("@playwright/test").APIResponse) {
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Search text cannot contain control characters (such as a NUL byte)");
}

test.describe("search input", () => {
  test("a visitor's search with a control character answers 400 with a message", async ({ request }) => {
    for (const path of SEARCH_PAGES) {
      for (const q of HOSTILE) await expectRefused(await request.get(`${path}?q=${q}`, { maxRedirects: 0 }));
    }
    // Other fields of the search forms too.
    await expectRefused(await request.get("/resources?topic=a%00b"));
    await expectRefused(await request.get("/events?when=past&q=ok&topic=%00"));
    // Ordinary text still searches.
    expect((await request.get("/resources?q=alt%20text")).status()).toBe(200);
  });

  test("a signed-in admin gets the same answer on every search page", async ({ page }) => {
    await signInAs(page, "admin@gsa.gov");
    for (const path of SEARCH_PAGES) await expectRefused(await page.request.get(`${path}?q=a%00b`));
    expect((await page.request.get("/admin/members?q=gsa")).status()).toBe(200);
    expect((await page.request.get("/members?q=gsa")).status()).toBe(200);
  });
});
