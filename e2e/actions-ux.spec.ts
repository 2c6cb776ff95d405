import { expect, type Browser, type Page } from "@playwright/test";
import { readSignInLink, requestLink, signUp, uniqueEmail } from "./auth-helpers";
import { publishEvent } from "./events";
import { expectAccessible, test } from "./fixtures";

/**
 * Actions that respect the person and ways to find things (issue 21, items 3 and 4): an error summary
 * that lists and links each field, focus on every action's result, a cancel that asks first (with and
 * without script), the directory and My events in the header (1280 px and 390 px), and "Add a resource"
 * from an event's own page.
 */

/** A context of its own (a second person), from an address of its own so it has its own sign-in bucket. */
async function otherPerson(browser: Browser, forwardedFor: string, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": forwardedFor }, ...options });
  return { context, page: await context.newPage() };
}

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

test("the join form's refusal is one summary that takes focus and links each field; a member then finds the directory and My events in the header", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("summary");
  await requestLink(page, email);
  await page.goto(await readSignInLink(page, email));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
  await page.getByRole("button", { name: "Join the community" }).click();

  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  // One announcement for the whole form, not one alert per field.
  await expect(page.locator("main").getByRole("alert")).toHaveCount(1);
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(5);
  // Each field by its name, linked to its control; its message stays beside the field.
  await expect(summary.getByRole("link", { name: "Full name", exact: true })).toHaveAttribute("href", "#name");
  await expect(summary.getByRole("link", { name: "Agency or organization", exact: true })).toHaveAttribute("href", "#agency");
  await expect(summary.getByRole("link", { name: "Job title", exact: true })).toHaveAttribute("href", "#jobTitle");
  await expect(summary.getByRole("link", { name: "I have read and accept the community guidelines.", exact: true })).toHaveAttribute(
    "href",
    "#acceptGuidelines",
  );
  await expect(summary.getByRole("link", { name: /^I understand that what I share here is a government record/ })).toHaveAttribute("href", "#acknowledgeFoia");
  await expect(page.getByText("You must accept the community guidelines to join.")).toBeVisible();
  // The fields keep their own messages, read with each control, but none is a live region.
  await expect(page.locator(".usa-error-message")).toHaveCount(5);
  await expect(page.locator('.usa-error-message[role="alert"]')).toHaveCount(0);
  await expectAccessible(page);

  await summary.getByRole("link", { name: "Job title", exact: true }).click();
  await expect(page.getByLabel("Job title")).toBeFocused();
  await summary.getByRole("link", { name: /^I understand that what I share here/ }).click();
  await expect(page.getByRole("checkbox", { name: /Freedom of Information Act/ })).toBeFocused();

  await page.getByLabel("Full name").fill("Sam Summary");
  await page.getByLabel("Agency or organization").fill("General Services Administration");
  await page.getByLabel("Job title").fill("Editor");
  await page.getByRole("checkbox", { name: /accept the community guidelines/ }).press("Space");
  await page.getByRole("checkbox", { name: /Freedom of Information Act/ }).press("Space");
  await page.getByRole("button", { name: "Join the community" }).click();
  // Joining leads on to a cached page, whose header fills in from /api/me: "My events" is there once the member's header is.
  const nav = page.getByRole("navigation", { name: "Primary navigation" });
  await expect(nav.getByRole("link", { name: "My events", exact: true })).toBeVisible();

  // At 1280 px the header shows both at once (a picture of it is kept with the run's results).
  await page.getByRole("banner").screenshot({ path: test.info().outputPath("member-header-1280.png") });
  await expect(nav.getByRole("link", { name: "Members", exact: true })).toHaveAttribute("href", "/members");
  await nav.getByRole("link", { name: "My events", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My events" })).toBeVisible();

  // At 390 px they are in the menu, and the page still fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/events");
  await expect(nav.getByRole("link", { name: "Members", exact: true })).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(nav.getByRole("link", { name: "My events", exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("member-menu-390.png") });
  await nav.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Member directory" })).toBeVisible();
  await noSidewaysScroll(page);

  // A visitor is not offered a page that would only send them to sign in.
  const visitor = await otherPerson(browser, "198.51.100.121");
  await visitor.page.goto("/events");
  await expect(visitor.page.getByRole("navigation", { name: "Primary navigation" }).getByRole("link", { name: "Members", exact: true })).toHaveCount(0);
  await visitor.context.close();
});

test("after an RSVP focus is on the result; cancelling asks first, Keep my seat keeps it, and both work without JavaScript", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const organizer = await otherPerson(browser, "198.51.100.122");
  const { publicPath } = await publishEvent(organizer.page, {
    title: `Focus Check ${Date.now().toString(36)}`,
    start: "10:00",
    end: "11:00",
    format: "virtual",
    joinLink: "https://gsa.zoomgov.com/j/1617650021",
    capacity: 5,
  });
  await organizer.context.close();

  await signUp(page, uniqueEmail("confirm"));
  await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
  await page.goto(publicPath);
  await page.getByRole("button", { name: "RSVP: I'm going" }).click();
  const result = page.getByTestId("rsvp-result");
  await expect(result).toContainText("You're going.");
  await expect(result).toBeFocused();

  await page.getByRole("button", { name: "Cancel my RSVP" }).click();
  const question = page.getByTestId("rsvp-confirm");
  await expect(question).toContainText("Cancel my RSVP?");
  await expect(question).toBeFocused();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Keep my seat" }).click();
  await expect(result).toContainText("Nothing changed");
  await expect(result).toBeFocused();
  await expect(page.getByTestId("rsvp-state")).toHaveText("You’re going.");
  await page.reload();
  await expect(page.getByTestId("rsvp-state")).toHaveText("You’re going.");

  // The same steps with script off: each answer is a page the server renders.
  const { context: plain, page: noScript } = await otherPerson(browser, "198.51.100.123", {
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  await noScript.goto(publicPath);
  await noScript.getByRole("button", { name: "Cancel my RSVP" }).click();
  await expect(noScript.getByTestId("rsvp-confirm")).toContainText("Cancel my RSVP?");
  await noScript.getByRole("button", { name: "Keep my seat" }).click();
  await expect(noScript.getByTestId("rsvp-result")).toContainText("Nothing changed");
  await expect(noScript.getByTestId("rsvp-state")).toHaveText("You’re going.");
  await noScript.getByRole("button", { name: "Cancel my RSVP" }).click();
  await noScript.getByRole("button", { name: "Yes, cancel" }).click();
  // The page comes back with the RSVP gone, and says so (the server-rendered page carries the action's answer).
  await expect(noScript.getByTestId("rsvp-result")).toHaveText("Your RSVP is cancelled.");
  await expect(noScript.getByRole("button", { name: "RSVP: I'm going" })).toBeVisible();
  await expect(noScript.getByTestId("rsvp-state")).toHaveCount(0);
  // RSVPing again without script also shows its result line, with the new state.
  await noScript.getByRole("button", { name: "RSVP: I'm going" }).click();
  await expect(noScript.getByTestId("rsvp-result")).toContainText("You're going.");
  await expect(noScript.getByTestId("rsvp-state")).toHaveText("You’re going.");
  await noScript.getByRole("button", { name: "Cancel my RSVP" }).click();
  await noScript.getByRole("button", { name: "Yes, cancel" }).click();
  await expect(noScript.getByTestId("rsvp-result")).toHaveText("Your RSVP is cancelled.");
  await plain.close();

  await page.reload();
  await expect(page.getByRole("button", { name: "RSVP: I'm going" })).toBeVisible();
  await expect(page.getByTestId("rsvp-state")).toHaveCount(0);
});

test("an organizer adds a resource from the event's own page, with that event preselected", async ({ page }) => {
  const { manageUrl } = await publishEvent(page, {
    title: `Resource Link ${Date.now().toString(36)}`,
    start: "15:00",
    end: "16:00",
    format: "virtual",
    joinLink: "https://gsa.zoomgov.com/j/1617650022",
  });
  const eventId = new URL(manageUrl).pathname.split("/").pop()!;
  await page.getByRole("link", { name: "Add a resource" }).click();
  await expect(page).toHaveURL(new RegExp(`/manage/resources/new\\?event=${eventId}$`));
  await expect(page.getByRole("combobox", { name: /^Event/ })).toHaveValue(eventId);
  await page.getByRole("link", { name: "Upload a file instead" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Upload a file" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: /^Event/ })).toHaveValue(eventId);
  await page.getByRole("link", { name: "Add a link instead" }).click();
  await expect(page.getByRole("combobox", { name: /^Event/ })).toHaveValue(eventId);

  // A refused submit of this form (built from a copy table) gets the same summary, and keeps the event.
  await page.getByRole("button", { name: "Add link" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: "Title", exact: true }).click();
  await expect(page.getByLabel("Title", { exact: true })).toBeFocused();
  await expect(page.getByRole("combobox", { name: /^Event/ })).toHaveValue(eventId);

  // A made-up event is ignored rather than trusted.
  await page.goto("/manage/resources/new?event=not-an-id");
  await expect(page.getByRole("combobox", { name: /^Event/ })).toHaveValue("");
});
