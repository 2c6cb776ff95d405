import type { APIRequestContext } from "@playwright/test";
import { signUp, uniqueEmail } from "./auth-helpers";
import { publishEvent } from "./events";
import { expect, test } from "./fixtures";

/**
 * Asks twice as a visitor with no cookies: the second answer must come from Next's
 * cache, fresh (HIT) or marked stale by an RSVP elsewhere and being rebuilt (STALE).
 * A page rendered per request has no such header.
 */
async function cachedVisit(request: APIRequestContext, path: string): Promise<string> {
  await request.get(path);
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(["HIT", "STALE"], `${path} served from the cache`).toContain(response.headers()["x-nextjs-cache"]);
  return response.text();
}

test.describe("cached pages for visitors", () => {
  test("visitors and signed-in members get cached pages with nothing personal in them; a browser without script gets its own", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const visitor = await playwright.request.newContext({ baseURL });
    for (const path of ["/", "/events"]) {
      const html = await cachedVisit(visitor, path);
      expect(html).toContain(">Sign in<");
      expect(html).not.toContain("Sign out");
      const policy = (await visitor.get(path)).headers()["content-security-policy"];
      // The same bytes go to everyone, so no nonce; scripts still only from this origin.
      expect(policy).toContain("script-src 'self' 'unsafe-inline'");
      expect(policy).not.toContain("nonce-");
    }
    // The cached tree has no address of its own.
    expect((await visitor.get("/visitor/events")).status()).toBe(404);
    // A query (search, filters, pages) is rendered per request.
    expect((await visitor.get("/events?q=captions")).headers()["x-nextjs-cache"]).toBeUndefined();
    await visitor.dispose();

    await signUp(page, uniqueEmail("cachecheck"), { name: "Casey Cache", agency: "General Services Administration", jobTitle: "Analyst" });
    // A signed-in browser that runs script gets a cached page too, the same bytes for every member (app/signed-in)...
    await page.goto("/events");
    const response = await page.goto("/events");
    expect(response!.headers()["x-nextjs-cache"]).toMatch(/HIT|STALE/);
    expect(response!.headers()["content-security-policy"]).not.toContain("nonce-");
    const html = await response!.text();
    expect(html).not.toContain("Casey Cache");
    expect(html).not.toContain("cachecheck");
    // ...and learns who it is for from /api/me: the header is theirs, never "Sign in".
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toHaveCount(0);

    // The same session in a browser without script gets the per-request page, with its nonce and the header drawn by the server.
    const cookies = (await page.context().cookies()).filter((cookie) => cookie.name !== "convene-js");
    const plain = await page.context().browser()!.newContext({ javaScriptEnabled: false, baseURL });
    await plain.addCookies(cookies);
    const noScript = await plain.newPage();
    const perRequest = await noScript.goto("/events");
    expect(perRequest!.headers()["x-nextjs-cache"]).toBeUndefined();
    expect(perRequest!.headers()["content-security-policy"]).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
    await expect(noScript.getByRole("link", { name: "My account" })).toBeVisible();
    await plain.close();
  });

  test("an organizer's edit, an RSVP and a cancellation reach visitors at once", async ({ page, browser, playwright, baseURL }) => {
    const title = `Cache Clinic ${Date.now().toString(36)}`;
    const { publicPath, manageUrl } = await publishEvent(page, {
      title,
      start: "09:00",
      end: "10:00",
      format: "in_person",
      location: "GSA Headquarters, Room 1201",
      capacity: 3,
    });
    const visitor = await playwright.request.newContext({ baseURL });
    expect(await cachedVisit(visitor, publicPath)).toContain("3 seats left");
    expect(await cachedVisit(visitor, "/events")).toContain(title);

    await page.goto(manageUrl);
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.locator("main form").getByLabel("Location").fill("GSA Headquarters, Room 1300");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("GSA Headquarters, Room 1300")).toBeVisible();
    expect(await (await visitor.get(publicPath)).text()).toContain("Room 1300");

    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await signUp(member, uniqueEmail("cacheseat"));
    await member.goto(publicPath);
    await member.getByRole("button", { name: "RSVP: I'm going" }).click();
    await expect(member.getByTestId("rsvp-panel")).toContainText("You're going");
    // The action answers with the member's part of the page, seat count included.
    await expect(member.getByText("2 seats left")).toBeVisible();
    await memberContext.close();
    // An RSVP marks the page stale rather than expiring it: at most one visitor still sees the old count.
    await expect.poll(async () => (await visitor.get(publicPath)).text(), { timeout: 5_000 }).toContain("2 seats left");

    await page.goto(manageUrl);
    await page.getByRole("button", { name: "Cancel event" }).click();
    // Refused without a message; typing before that answer lands would be wiped by the form's reset.
    // The form's one alert, its error summary, names the field; the message stands beside it.
    await expect(page.getByRole("alert").filter({ hasText: "Message to attendees" })).toBeVisible();
    await expect(page.getByText("Tell attendees why the event is cancelled.")).toBeVisible();
    await page.getByLabel("Message to attendees").fill("The room is closed for repairs.");
    await page.getByRole("button", { name: "Cancel event" }).click();
    await expect(page.getByRole("heading", { name: "This event has been cancelled" })).toBeVisible();
    const afterCancel = await (await visitor.get(publicPath)).text();
    expect(afterCancel).toContain("This event has been cancelled");
    expect(afterCancel).toContain("The room is closed for repairs.");
    await visitor.dispose();
  });
});
