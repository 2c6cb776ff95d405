import { DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signInAs } from "./auth-helpers";
import { openFormSection, openManagedEvent } from "./events";
import { expect, expectAccessible, test } from "./fixtures";
import type { Page } from "@playwright/test";

/** Issue 21, item 5: an organizer in a hurry creates and publishes in one step and checks people in at the door. */

async function fontSize(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
}

async function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Yesterday in Washington, as a date input's value. */
function yesterdayInEastern(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date(Date.now() - 86_400_000));
}

test.describe("organizing in a hurry", () => {
  test("a new event starts filled in and is published with one button", async ({ page }) => {
    const title = `Office Hours ${Date.now().toString(36)}`;
    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    await page.goto("/manage/events/new");
    const form = page.locator("main form");

    // Defaults: a weekday at 2 PM for one hour, in the organizer's zone (the seed's is Eastern), virtual.
    const date = await form.getByLabel("Date", { exact: true }).inputValue();
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([1, 2, 3, 4, 5]).toContain(new Date(`${date}T12:00:00Z`).getUTCDay());
    await expect(form.getByLabel("Start time")).toHaveValue("14:00");
    await expect(form.getByLabel("End time")).toHaveValue("15:00");
    await expect(form.getByLabel("Time zone")).toHaveValue("America/New_York");
    await expect(form.getByLabel("Format")).toHaveValue("virtual");

    // Optional sections start closed; section headings are smaller than the page title.
    await expect(form.getByLabel("Capacity")).toBeHidden();
    await expect(form.getByLabel("Topics")).toBeHidden();
    expect(await fontSize(page, "main form legend span")).toBeLessThan(await fontSize(page, "main h1"));

    // The place fields say which one the format needs.
    await expect(form.getByLabel("Join link", { exact: true })).toBeVisible();
    await expect(form.getByLabel("Location (optional)")).toBeVisible();
    await form.getByLabel("Format").selectOption("in_person");
    await expect(form.getByLabel("Location", { exact: true })).toBeVisible();
    await expect(form.getByLabel("Join link (optional)")).toBeVisible();
    await form.getByLabel("Format").selectOption("virtual");
    await expectAccessible(page);

    // A collapsed section with an error opens by itself after the refused submit.
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Join link", { exact: true }).fill("https://gsa.zoomgov.com/j/1612345678");
    await openFormSection(form, "RSVP limits");
    await form.getByLabel("Capacity").fill("lots");
    await form.locator("summary", { hasText: "RSVP limits" }).click();
    await expect(form.getByLabel("Capacity")).toBeHidden();
    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page.getByText("Enter capacity as a whole number").first()).toBeVisible();
    await expect(form.getByLabel("Capacity")).toBeVisible();
    await expect(form.getByLabel("Title", { exact: true })).toHaveValue(title);

    await form.getByLabel("Capacity").fill("");
    await page.getByRole("button", { name: "Save and publish" }).click();
    await expect(page).toHaveURL(/\/manage\/events\/[0-9a-f-]{36}\?published=1$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Published. The event is now on the public calendar.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
    await expect(page.getByText(/2:00 – 3:00 PM ET/)).toBeVisible();
    await expectAccessible(page);

    const publicPath = await page.getByRole("link", { name: "Public page" }).getAttribute("href");
    await page.goto(publicPath!);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });

  test("a draft dated in the past is saved with a warning, not refused, and Enter saves a draft", async ({ page }) => {
    const title = `Recorded Session ${Date.now().toString(36)}`;
    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    await page.goto("/manage/events/new");
    const form = page.locator("main form");
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Date", { exact: true }).fill(yesterdayInEastern());
    // Enter in a field saves a draft, never publishes: the draft button is the form's first.
    await form.getByLabel("Join link", { exact: true }).fill("https://gsa.zoomgov.com/j/1612345678");
    await form.getByLabel("Join link", { exact: true }).press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page).toHaveURL(/\/manage\/events\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeVisible();
    await expect(page.getByText("This event's start time has passed.")).toBeVisible();
  });

  test("unpublishing is explained instead of offered once people have RSVPed, and the door finds and checks people in at 390 px", async ({ page }) => {
    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    // The seed's meetup is published with two people going.
    await openManagedEvent(page, "Annual Community Meetup");
    await expect(page.getByText("People have RSVPed; cancel the event instead.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Unpublish" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Duplicate" })).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("link", { name: "Attendees" }).click();
    await page.getByLabel("Find a person").fill("whitaker");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/attendees\?q=whitaker$/);
    const going = page.getByRole("table", { name: /^Going/ });
    // Body rows only: a stacked table hides its heading row on a phone.
    await expect(going.locator("tbody tr")).toHaveCount(1);
    await expect(going.locator("tbody tr")).toContainText("Lauren Whitaker");

    const checkIn = going.getByRole("button", { name: /^Check in/ });
    await checkIn.scrollIntoViewIfNeeded();
    await expect(checkIn).toBeInViewport({ ratio: 1 });
    const box = (await checkIn.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await scrollsSideways(page)).toBe(false);
    await expectAccessible(page);

    await checkIn.click();
    const undo = going.getByRole("button", { name: /^Undo check-in/ });
    await expect(undo).toBeVisible();
    // Undone again, so other journeys see the seed as it was.
    await undo.click();
    await expect(going.getByRole("button", { name: /^Check in/ })).toBeVisible();

    await page.getByRole("link", { name: "Show everyone" }).click();
    await expect(page.getByRole("table", { name: /^Going/ }).locator("tbody tr")).toHaveCount(2);
  });
});
