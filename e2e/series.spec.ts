import { DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signInAs, signUp, uniqueEmail } from "./auth-helpers";
import { tomorrowInEastern } from "./dates";
import { expect, expectAccessible, test } from "./fixtures";

test.describe("recurring series", () => {
  test("an organizer creates a weekly series of 3 from the form, and a member RSVPs to all of it in one step", async ({ page, browser, baseURL }) => {
    // Two people, a refused and an accepted submit, three event pages: longer than the default minute on a busy machine.
    test.setTimeout(180_000);
    const title = `Weekly office hours ${Date.now().toString(36)}`;

    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    await page.goto("/manage/events/new");
    const form = page.locator("main form");
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Date", { exact: true }).fill(tomorrowInEastern());
    await form.getByLabel("Start time").fill("13:00");
    await form.getByLabel("End time").fill("14:00");
    await form.getByLabel("Join link").fill("https://gsa.zoomgov.com/j/1612345678");

    // The Repeats section opens and fills by keyboard: Enter on its summary, Tab between its controls.
    const summary = form.locator("summary", { hasText: "Repeats" });
    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(form.locator("details", { has: page.locator("summary", { hasText: "Repeats" }) })).toHaveJSProperty("open", true);
    await page.keyboard.press("Tab");
    const repeats = form.getByLabel("Repeats", { exact: true });
    await expect(repeats).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(repeats).toHaveValue("weekly");
    await page.keyboard.press("Tab");
    await expect(form.getByLabel("Week of the month")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(form.getByLabel("Number of times")).toBeFocused();
    await page.keyboard.type("60");
    await expectAccessible(page);

    // Out of bounds first: refused with the reason beside the field, nothing lost.
    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.getByText("A series happens 2 to 52 times. Enter a number in that range.").first()).toBeVisible();
    await expect(form.getByLabel("Title", { exact: true })).toHaveValue(title);
    await expectAccessible(page);
    await form.getByLabel("Number of times").fill("3");
    await page.getByRole("button", { name: "Save and publish" }).click();

    await expect(page).toHaveURL(/\/series\/[0-9a-f-]{36}\?created=3$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Created 3 events in this series.")).toBeVisible();
    const seriesPath = new URL(page.url()).pathname;
    const table = page.locator("main table");
    await expect(table.locator("tbody tr")).toHaveCount(3);
    const hrefs = await table.locator("tbody tr th a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(new Set(hrefs).size).toBe(3);

    // Each occurrence is an event with its own page, linking back to the series.
    for (const href of hrefs) {
      expect(href).toMatch(/^\/events\/[a-z0-9-]+$/);
      await page.goto(href);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(page.getByRole("link", { name: "All dates in this series" })).toHaveAttribute("href", seriesPath);
    }

    // A new member, in a browser of their own, RSVPs to the whole series at once.
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "198.18.77.31" } });
    const member = await context.newPage();
    await signUp(member, uniqueEmail("series-member"));
    // Joining is done once the join page has gone; going on before would cut its submit short.
    await expect(member.getByRole("heading", { level: 1, name: "Join the community" })).toBeHidden();
    await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
    await member.goto(seriesPath);
    await expectAccessible(member);
    await member.getByRole("button", { name: "RSVP to all 3 upcoming dates" }).click();
    await expect(member.getByText("You're going to 3 dates.")).toBeVisible();
    await expect(member.getByRole("list", { name: "Your RSVP to each date" }).getByRole("listitem")).toHaveCount(3);
    await expectAccessible(member);

    await member.goto("/account/events");
    const upcoming = member.locator("section", { has: member.locator("#upcoming-heading") });
    await expect(upcoming.getByRole("link", { name: title, exact: true })).toHaveCount(3);
    await expectAccessible(member);

    // The organizer's view of one date offers the series edit; it opens with the date's values.
    await page.goto(seriesPath);
    await expect(table.locator("tbody tr").first().getByRole("cell").nth(2)).toContainText("1 going");
    await page.goto(hrefs[1]!);
    await page.getByRole("link", { name: "Manage this event" }).click();
    await page.getByRole("link", { name: "Edit this and following" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit this and following dates" })).toBeVisible();
    await expect(page.locator("main form").getByLabel("Title", { exact: true })).toHaveValue(title);
    await context.close();
  });
});
