import ICAL from "ical.js";
import { signUp, uniqueEmail } from "./auth-helpers";
import { expect, test } from "./fixtures";

function parse(text: string) {
  expect(text.replace(/\r\n/g, ""), "CRLF line endings only").not.toMatch(/[\r\n]/);
  return new ICAL.Component(ICAL.parse(text));
}

test.describe("calendar files", () => {
  test("a visitor downloads an event's .ics and it matches the page", async ({ page }) => {
    await page.goto("/events");
    const href = await page.getByRole("list", { name: "Upcoming events" }).getByRole("link").first().getAttribute("href");
    const slug = /^\/events\/([^/?#]+)$/.exec(href ?? "")?.[1];
    expect(slug, `event link ${href}`).toBeTruthy();

    await page.goto(`/events/${slug}`);
    const title = (await page.getByRole("heading", { level: 1 }).innerText()).trim();

    // The file offered by the page's "Add to calendar" menu, next to the Google and Outlook links.
    await page.getByText("Add to calendar").click();
    const download = page.getByRole("link", { name: "Download .ics file" });
    await expect(page.getByRole("link", { name: "Google Calendar" })).toBeVisible();
    const fileHref = await download.getAttribute("href");
    expect(fileHref).toBe(`/events/${slug}/calendar.ics`);
    const response = await page.request.get(fileHref!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${slug}.ics"`);

    const calendar = parse(await response.text());
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    const vevents = calendar.getAllSubcomponents("vevent");
    expect(vevents).toHaveLength(1);
    const event = vevents[0]!;
    expect(String(event.getFirstPropertyValue("uid"))).toMatch(/^[0-9a-f-]{36}@localhost:\d+$/);
    expect(event.getFirstPropertyValue("summary")).toBe(title);
    expect(String(event.getFirstPropertyValue("url"))).toMatch(new RegExp(`/events/${slug}$`));

    // The same file again carries the same UID: calendars update the event instead of adding a copy.
    const again = parse(await (await page.request.get(`/events/${slug}/calendar.ics`)).text());
    expect(again.getFirstSubcomponent("vevent")?.getFirstPropertyValue("uid")).toBe(event.getFirstPropertyValue("uid"));
  });

  test("the community feed lists events and answers 304 when nothing changed", async ({ request }) => {
    // The feed's version is in Next's data cache, which serves a stale entry once while it refreshes
    // (an earlier spec changed events): read until two answers agree, so "nothing changed" holds.
    let response = await request.get("/calendar/community.ics");
    for (let i = 0; i < 5; i++) {
      const next = await request.get("/calendar/community.ics");
      const settled = next.headers()["etag"] === response.headers()["etag"];
      response = next;
      if (settled) break;
    }
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const etag = response.headers()["etag"];
    expect(etag).toBeTruthy();

    const calendar = parse(await response.text());
    expect(calendar.getAllSubcomponents("vevent").length).toBeGreaterThan(3);
    expect(String(calendar.getFirstPropertyValue("refresh-interval"))).toBe("PT1H");

    const again = await request.get("/calendar/community.ics", { headers: { "If-None-Match": etag! } });
    expect(again.status()).toBe(304);
  });

  test("a member going downloads their own copy, and is told the invite is already in their calendar", async ({ page }) => {
    await signUp(page, uniqueEmail("owncopy"));
    await page.goto("/events?q=Bluesky&format=virtual");
    await page.getByRole("list", { name: "Upcoming events" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/events\/[^/?#]+$/);
    const slug = /\/events\/([^/?#]+)$/.exec(page.url())?.[1];
    const before = parse(await (await page.request.get(`/events/${slug}/calendar.ics`)).text()).getFirstSubcomponent("vevent")!;
    await page.getByRole("button", { name: "RSVP: I'm going" }).click();
    await expect(page.getByTestId("rsvp-panel")).toContainText("You're going.");
    const joinUrl = await page.getByRole("link", { name: "Join the session" }).getAttribute("href");

    // Straight after the RSVP, and again on a fresh render of the page.
    await page.getByText("Add to calendar").click();
    await expect(page.getByTestId("invite-in-calendar")).toContainText("already in your calendar");
    await expect(page.getByRole("link", { name: "Google Calendar" })).toHaveCount(0);
    await page.reload();
    await page.getByText("Add to calendar").click();
    await expect(page.getByTestId("invite-in-calendar")).toContainText("already in your calendar");
    await expect(page.getByRole("link", { name: "Google Calendar" })).toHaveCount(0);

    const response = await page.request.get(`/events/${slug}/calendar.ics`);
    expect(response.headers()["cache-control"]).toBe("private, no-store");
    expect(response.headers()["vary"]).toMatch(/cookie/i);
    const mine = parse(await response.text()).getFirstSubcomponent("vevent")!;
    expect(String(mine.getFirstPropertyValue("uid"))).toBe(String(before.getFirstPropertyValue("uid")));
    expect(String(mine.getFirstPropertyValue("status"))).toBe("CONFIRMED");
    expect(String(mine.getFirstPropertyValue("description"))).toContain(joinUrl!);
    expect(String(before.getFirstPropertyValue("description"))).not.toContain(joinUrl!);
  });

  test("an unknown personal feed link is not found", async ({ request }) => {
    const response = await request.get(`/calendar/feed/${"A".repeat(43)}.ics`);
    expect(response.status()).toBe(404);
  });
});
