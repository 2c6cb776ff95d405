import ICAL from "ical.js";
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
    const response = await request.get("/calendar/community.ics");
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

  test("an unknown personal feed link is not found", async ({ request }) => {
    const response = await request.get(`/calendar/feed/${"A".repeat(43)}.ics`);
    expect(response.status()).toBe(404);
  });
});
