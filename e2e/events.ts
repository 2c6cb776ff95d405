import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signInAs } from "./auth-helpers";
import { tomorrowInEastern } from "./dates";

export type NewEvent = {
  title: string;
  /** YYYY-MM-DD; default tomorrow in Washington, soon enough to be on the first page of /events. */
  date?: string;
  start: string;
  end: string;
  /** Default: the form's own (Eastern). */
  timeZone?: string;
  /** Default: unlimited. */
  capacity?: number;
} & ({ format: "virtual"; joinLink: string } | { format: "in_person"; location: string });

/**
 * An event of the journey's own (tomorrow unless told), published by the seeded organizer: journeys that take
 * seats or change an event make one, so the seed stays as it was for every other journey and retry.
 */
export async function publishEvent(page: Page, event: NewEvent): Promise<{ publicPath: string; manageUrl: string }> {
  await signInAs(page, DEMO_ORGANIZER_EMAIL);
  await page.goto("/manage/events/new");
  const form = page.locator("main form");
  await form.getByLabel("Title", { exact: true }).fill(event.title);
  await form.getByLabel("Date", { exact: true }).fill(event.date ?? tomorrowInEastern());
  await form.getByLabel("Start time").fill(event.start);
  await form.getByLabel("End time").fill(event.end);
  if (event.timeZone) await form.getByLabel("Time zone").selectOption(event.timeZone);
  await form.getByLabel("Format").selectOption(event.format);
  if (event.format === "in_person") await form.getByLabel("Location").fill(event.location);
  else await form.getByLabel("Join link").fill(event.joinLink);
  if (event.capacity !== undefined) {
    await openFormSection(form, "RSVP limits");
    await form.getByLabel("Capacity").fill(String(event.capacity));
  }
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: event.title })).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published. The event is now on the public calendar.")).toBeVisible();
  const publicPath = await page.getByRole("link", { name: "Public page" }).getAttribute("href");
  return { publicPath: publicPath!, manageUrl: page.url() };
}

/** Opens one of the event form's collapsed sections ("Topics and hosts", "RSVP limits") unless it is open already. */
export async function openFormSection(form: Locator, summary: string) {
  const details = form.locator("details").filter({ has: form.page().locator("summary", { hasText: summary }) });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator("summary").click();
}

/**
 * Opens an event's manage page from the Manage events list, paging on until its link shows: the list
 * puts events soonest first, so one far ahead (the seed's meetup) is past the first page once journeys add events.
 */
export async function openManagedEvent(page: Page, title: string) {
  await page.goto("/manage/events");
  const link = page.locator("main table").getByRole("link", { name: title, exact: true });
  await expect(page.locator("main table")).toBeVisible();
  for (let next = 2; (await link.count()) === 0; next++) {
    await page.getByRole("link", { name: "Next page" }).click();
    // Counted again only once the next page has loaded, not on the one still showing.
    await expect(page).toHaveURL(new RegExp(`[?&]page=${next}(&|$)`));
    await expect(page.locator("main table")).toBeVisible();
  }
  await link.first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}
