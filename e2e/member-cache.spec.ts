import { signUp, uniqueEmail } from "./auth-helpers";
import { publishEvent } from "./events";
import { expect, expectAccessible, test } from "./fixtures";

/**
 * Signed-in members get the same cached event page as every other member (app/signed-in), and their
 * own parts (header, RSVP, join link, their time zone, resource links) from /api/me. Nothing of theirs
 * may be in the cached bytes, and a browser without script still gets a page that acts for them.
 */
test.describe("cached pages for signed-in members", () => {
  test("a member's RSVP, join link and time come from /api/me; the cached page holds none of them", async ({ page, browser, playwright, baseURL }) => {
    test.setTimeout(180_000);
    const joinLink = `https://gsa.zoomgov.com/j/16${Date.now() % 100_000_000}`;
    const { publicPath } = await publishEvent(page, {
      title: `Shared Page ${Date.now().toString(36)}`,
      start: "11:00",
      end: "12:00",
      format: "virtual",
      joinLink,
      capacity: 5,
    });

    const memberContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.141" } });
    const member = await memberContext.newPage();
    const email = uniqueEmail("twinmember");
    await signUp(member, email, { name: "Robin Twin", agency: "General Services Administration", jobTitle: "Analyst" });
    await member.goto(publicPath);
    const cached = await member.goto(publicPath);
    expect(cached!.headers()["x-nextjs-cache"]).toMatch(/HIT|STALE/);
    const html = await cached!.text();
    for (const personal of ["Robin Twin", email, joinLink]) expect(html).not.toContain(personal);
    // The member's own parts, filled in: their time (Chicago, the event is Eastern), their header, the RSVP button.
    await expect(member.getByText(/Your time: .*CT/)).toBeVisible();
    await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
    await member.getByRole("button", { name: "RSVP: I'm going" }).click();
    await expect(member.getByTestId("rsvp-panel")).toContainText("You're going");
    await expect(member.getByRole("link", { name: "Join the session" })).toHaveAttribute("href", joinLink);
    await expectAccessible(member);

    // After a reload the page is still the shared one, and the RSVP is still theirs.
    const again = await member.goto(publicPath);
    expect(await again!.text()).not.toContain(joinLink);
    await expect(member.getByTestId("rsvp-state")).toHaveText("You’re going.");

    // /api/me answers for the asker only, never to be stored, and refuses an address that is not a path here.
    const mine = await member.request.get(`/api/me?path=${encodeURIComponent(publicPath)}`);
    expect(mine.headers()["cache-control"]).toBe("private, no-store");
    const answer = await mine.json();
    expect(answer.viewer).toMatchObject({ name: "Robin Twin", isMember: true, canManage: false, timeZone: "America/Chicago" });
    expect(answer.event.rsvpView).toMatchObject({ rsvp: { status: "going" }, joinUrl: joinLink });
    const visitor = await playwright.request.newContext({ baseURL });
    const visitorAnswer = await (await visitor.get(`/api/me?path=${encodeURIComponent(publicPath)}`)).json();
    expect(visitorAnswer.viewer).toBeNull();
    expect(visitorAnswer.event.rsvpView).toMatchObject({ rsvp: null, joinUrl: null });
    expect(visitorAnswer.event.area.offer).toBe("sign-in");
    const refused = await visitor.get(`/api/me?path=${encodeURIComponent("https://evil.example/events/x")}`);
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error).toContain("must be a path on this site");
    await visitor.dispose();

    // Another member on the same cached page sees their own state, not the first member's.
    const otherContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.142" } });
    const other = await otherContext.newPage();
    await signUp(other, uniqueEmail("twinother"));
    await other.goto(publicPath);
    await expect(other.getByRole("button", { name: "RSVP: I'm going" })).toBeVisible();
    await expect(other.getByTestId("join-link")).toContainText("shared with members who are going");
    await otherContext.close();

    // A browser that stopped running script (the cookie that brought it here says it runs script) is sent on to the per-request page.
    const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await memberContext.storageState() });
    const noScript = await plain.newPage();
    await noScript.goto(publicPath);
    await expect(noScript).toHaveURL(/\?view=personal$/);
    await expect(noScript.getByTestId("rsvp-state")).toHaveText("You’re going.");
    await plain.close();
    await memberContext.close();
  });

  test("an organizer's header and Manage link come from /api/me, and an unknown address reaches the per-request page", async ({ page, browser }) => {
    const { publicPath } = await publishEvent(page, {
      title: `Staff Twin ${Date.now().toString(36)}`,
      start: "09:00",
      end: "10:00",
      format: "in_person",
      location: "Room 1",
    });
    await page.goto(publicPath);
    const response = await page.goto(publicPath);
    expect(response!.headers()["content-security-policy"]).not.toContain("nonce-");
    await expect(page.getByRole("link", { name: "Manage this event" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Primary navigation" }).getByRole("button", { name: "Manage" })).toBeVisible();
    await expectAccessible(page);

    const memberContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.143" } });
    const member = await memberContext.newPage();
    await signUp(member, uniqueEmail("twinmissing"));
    await member.goto("/events/no-such-event-anywhere");
    await expect(member).toHaveURL(/\/events\/no-such-event-anywhere\?view=personal$/);
    await expect(member.getByRole("heading", { level: 1 })).toHaveText(/not found/i);
    await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
    await memberContext.close();
  });
});
