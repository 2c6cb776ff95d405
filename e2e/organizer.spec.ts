import fs from "node:fs/promises";
import { DEMO_MEMBER_EMAILS, DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signIn, signInAs } from "./auth-helpers";
import { tomorrowInEastern } from "./dates";
import { openFormSection, openManagedEvent } from "./events";
import { expect, expectAccessible, test } from "./fixtures";

const BODY = [
  "Bring a post you want to make clearer.",
  "",
  "[bad](javascript:alert(1))",
  "",
  "<script>window.__pwned = true</script>",
  "",
  "**Questions welcome.**",
].join("\n");

test.describe("organizing events", () => {
  test("an organizer drafts an event, fixes an error, previews safely, publishes it and exports attendees", async ({ page }) => {
    const word = `Lab${Date.now().toString(36)}`;
    const title = `Plain Language ${word}`;

    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    // The header's Manage menu opens with USWDS's script.
    await page.getByRole("button", { name: "Manage" }).click();
    await page.getByRole("link", { name: "Manage events" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Manage events" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Create event" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create event" })).toBeVisible();
    await expectAccessible(page);

    // Scoped to the form: the footer has regions named "Agency description" and the like.
    const form = page.locator("main form");
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Summary").fill("Short posts people understand on the first read.");
    await form.getByLabel("Description").fill(BODY);
    await form.getByLabel("Kind of event").selectOption("workshop");
    await openFormSection(form, "Topics and hosts");
    await form.getByLabel("Topics").fill("Plain Language, Accessibility");
    await form.getByLabel("Hosts and speakers").fill("Ana Ruiz, Moderator, General Services Administration");
    await form.getByLabel("Date", { exact: true }).fill(tomorrowInEastern());
    await form.getByLabel("Start time").fill("15:00");
    await form.getByLabel("End time").fill("14:00");
    await form.getByLabel("Time zone").selectOption("America/New_York");
    await form.getByLabel("Format").selectOption("virtual");
    await form.getByLabel("Join link").fill("https://gsa.zoomgov.com/j/1612345678");
    await openFormSection(form, "RSVP limits");
    await form.getByLabel("Capacity").fill("25");
    await page.getByRole("button", { name: "Save draft" }).click();

    // Refused with the reason beside the field, and nothing typed is lost.
    await expect(page.getByText("End time must be after the start time")).toBeVisible();
    await expect(page).toHaveURL(/\/manage\/events\/new$/);
    await expect(form.getByLabel("Title", { exact: true })).toHaveValue(title);
    await expect(form.getByLabel("Description")).toHaveValue(BODY);
    await expect(form.getByLabel("Start time")).toHaveValue("15:00");
    await expect(form.getByLabel("Capacity")).toHaveValue("25");
    await expect(form.getByLabel("Kind of event")).toHaveValue("workshop");
    await expectAccessible(page);

    await form.getByLabel("End time").fill("16:00");
    await page.getByRole("button", { name: "Save draft" }).click();

    await expect(page).toHaveURL(/\/manage\/events\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Questions welcome.")).toBeVisible();
    await expect(page.getByText("Ana Ruiz")).toBeVisible();
    // The Markdown renderer drops the javascript: URL and the raw HTML.
    await expect(page.locator("main .event-body")).toContainText("bad");
    await expect(page.locator('main a[href^="javascript:"]')).toHaveCount(0);
    await expect(page.locator("main script")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await expectAccessible(page);
    const manageUrl = page.url();

    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByText("Published. The event is now on the public calendar.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();

    await page.goto("/events");
    const card = page.getByRole("link", { name: title });
    await expect(card).toBeVisible();
    await card.click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.locator('main a[href^="javascript:"]')).toHaveCount(0);

    await page.goto(manageUrl);
    await page.getByRole("link", { name: "Attendees" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Attendees: ${title}` })).toBeVisible();
    await expect(page.getByText("Nobody is going yet.")).toBeVisible();
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^attendees-plain-language-lab[a-z0-9]+-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await fs.readFile(await download.path(), "utf8");
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe('"Name","Email","Agency","Job title","Status","Waitlist position","RSVP time","Checked in"');

    const response = await page.request.get(`${new URL(manageUrl).pathname}/attendees/csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["cache-control"]).toBe("no-store");
  });

  test("an organizer edits a draft, duplicates it, publishes and cancels it with a message", async ({ page }) => {
    const title = `Captions Clinic ${Date.now().toString(36)}`;
    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    await expect(page.getByRole("button", { name: "Manage" })).toBeVisible();
    await page.goto("/manage/events/new");
    const form = page.locator("main form");
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Date", { exact: true }).fill(tomorrowInEastern());
    await form.getByLabel("Start time").fill("10:00");
    await form.getByLabel("End time").fill("11:00");
    await form.getByLabel("Format").selectOption("in_person");
    await form.getByLabel("Location").fill("GSA Headquarters, Room 1201");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit event" })).toBeVisible();
    await expect(form.getByLabel("Start time")).toHaveValue("10:00");
    await expect(form.getByLabel("Format")).toHaveValue("in_person");
    await expectAccessible(page);
    await form.getByLabel("Location").fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Enter the location for an in-person or hybrid event.")).toBeVisible();
    await expect(form.getByLabel("Format")).toHaveValue("in_person");
    await form.getByLabel("Location").fill("GSA Headquarters, Room 1300");
    await form.getByLabel("End time").fill("11:30");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("GSA Headquarters, Room 1300")).toBeVisible();
    await expect(page.getByText(/10:00 – 11:30 AM ET/)).toBeVisible();
    const original = page.url();

    await page.getByRole("button", { name: "Duplicate" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Edit event" })).toBeVisible();
    await expect(form.getByLabel("Title", { exact: true })).toHaveValue(`Copy of ${title}`);

    await page.goto(original);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
    await page.getByRole("button", { name: "Cancel event" }).click();
    await expect(page.getByText("Tell attendees why the event is cancelled.").first()).toBeVisible();
    await page.getByLabel("Message to attendees").fill("The room is closed for repairs. We will reschedule.");
    await page.getByRole("button", { name: "Cancel event" }).click();
    // The page refreshes from the server: the cancel form gives way to the cancellation notice.
    await expect(page.getByRole("heading", { name: "This event has been cancelled" })).toBeVisible();
    await expect(page.getByText("The room is closed for repairs. We will reschedule.")).toBeVisible();
    await page.reload();
    await expect(page.getByText("The room is closed for repairs. We will reschedule.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await expectAccessible(page);

    // Check-in on a seeded event with people going; undone again so other journeys see the seed as it was.
    await openManagedEvent(page, "Annual Community Meetup");
    await page.getByRole("link", { name: "Attendees" }).click();
    const going = page.getByRole("table", { name: /^Going/ });
    const firstRow = going.getByRole("row").nth(1);
    await expect(firstRow.getByRole("cell", { name: "Not yet" })).toBeVisible();
    await firstRow.getByRole("button", { name: /^Check in/ }).click();
    await expect(firstRow.getByRole("button", { name: /^Undo check-in/ })).toBeVisible();
    await expect(firstRow.getByRole("cell", { name: "Not yet" })).toHaveCount(0);
    await expectAccessible(page);
    await firstRow.getByRole("button", { name: /^Undo check-in/ }).click();
    await expect(firstRow.getByRole("cell", { name: "Not yet" })).toBeVisible();
  });

  test("a member asking for organizer pages gets a 403 from the server", async ({ page }) => {
    const anonymous = await page.request.get("/manage/events/00000000-0000-4000-8000-000000000000/attendees/csv");
    expect(anonymous.status()).toBe(401);

    await signIn(page, DEMO_MEMBER_EMAILS[2]!);
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    const response = await page.goto("/manage/events");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expectAccessible(page);

    const csv = await page.request.get("/manage/events/00000000-0000-4000-8000-000000000000/attendees/csv");
    expect(csv.status()).toBe(403);
    expect(await csv.json()).toEqual({ error: "You don't have permission to do that." });
  });
});
