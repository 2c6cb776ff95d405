import type { Locator, Page } from "@playwright/test";
import { DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signUp, uniqueEmail } from "./auth-helpers";
import { publishEvent } from "./events";
import { expect, expectAccessible, test } from "./fixtures";

/** A date two weeks ahead in Washington, so a request made now is on time (ACCOMMODATION_DEADLINE_DAYS is 5). */
function twoWeeksAhead(): string {
  const at = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** Presses Tab until `target` has focus (the form is driven by keyboard alone). */
async function tabTo(page: Page, target: Locator, most = 40) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("could not reach the control with Tab");
}

/** No page this journey opens may scroll sideways on a phone (390 px), nor at desktop width. */
async function fitsWidths(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(sideways, `${name} scrolls sideways at ${width}px`).toBe(false);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test.describe("accommodation requests", () => {
  test("a member asks for CART with their RSVP; only the event's organizer sees it; the answer reaches the member", async ({ browser, page }) => {
    test.setTimeout(240_000);
    const run = Date.now().toString(36);
    const title = `Captioned Briefing ${run}`;
    const secret = `Front row near the screen ${run}`;
    const { publicPath, manageUrl } = await publishEvent(page, {
      title,
      date: twoWeeksAhead(),
      start: "13:00",
      end: "14:00",
      format: "virtual",
      joinLink: "https://gsa.zoomgov.com/j/1617650001",
    });
    const managePath = new URL(manageUrl).pathname;
    const csvPath = `${managePath}/attendees/csv`;

    // The member, in a browser of their own.
    const memberContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.19.41.1" } });
    const member = await memberContext.newPage();
    const memberEmail = uniqueEmail("accommodations-member");
    await signUp(member, memberEmail);
    await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
    await member.goto(publicPath);
    const section = member.getByTestId("accommodations");
    await expect(section).toContainText("RSVP, then ask for it here");
    await member.getByRole("button", { name: "RSVP: I'm going" }).click();
    await expect(member.getByTestId("rsvp-panel")).toContainText("You're going.");

    // Keyboard alone: Tab to the CART box, tick it with Space, Tab to the text box, type, Tab to the button, Enter.
    const cart = section.getByRole("checkbox", { name: /CART captioning/ });
    await tabTo(member, cart);
    await member.keyboard.press("Space");
    await expect(cart).toBeChecked();
    const other = section.getByRole("textbox", { name: /Anything else you need/ });
    await tabTo(member, other);
    await member.keyboard.type(secret);
    const send = section.getByRole("button", { name: "Send my request" });
    await tabTo(member, send);
    await member.keyboard.press("Enter");
    await expect(section).toContainText("Your request is sent.");
    const status = section.getByTestId("accommodation-status");
    await expect(status).toContainText("CART captioning");
    await expect(status).toContainText(secret);
    await expect(status).toContainText("Received");
    await fitsWidths(member, "member-request");
    await expectAccessible(member);

    // A refused request keeps what was typed and says why, by keyboard too.
    await cart.press("Space");
    await expect(cart).not.toBeChecked();
    await other.press("ControlOrMeta+a");
    await other.press("Delete");
    await section.getByRole("button", { name: "Update my request" }).press("Enter");
    await expect(section.getByTestId("error-summary").getByRole("link", { name: "Anything else you need" })).toBeVisible();
    await expect(section).toContainText("Choose at least one accommodation, or describe what you need.");
    await expectAccessible(member);

    // The organizer (who created the event) sees it on the manage page, once, with its email.
    await page.goto(manageUrl);
    const requests = page.getByTestId("accommodation-request");
    await expect(requests).toHaveCount(1);
    await expect(requests.first()).toContainText("CART captioning");
    await expect(requests.first()).toContainText(secret);
    await expect(requests.first()).toContainText(memberEmail);
    await fitsWidths(page, "organizer-list");
    await expectAccessible(page);
    // One email to the organizer, saying where to look, not what was asked.
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(DEMO_ORGANIZER_EMAIL)}`);
    const mail = page.getByTestId("mail-message").filter({ hasText: `Accommodation request: ${title}` });
    await expect(mail).toHaveCount(1);
    await expect(mail).not.toContainText(secret);

    // Not in the attendee CSV's columns.
    const csv = await page.request.get(csvPath);
    expect(csv.status()).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toContain(memberEmail);
    expect(csvText).not.toContain(secret);
    expect(csvText).not.toContain("CART");

    // A second member sees nothing of it: not on the page, not in its RSC payload, not on the manage page or the CSV.
    const otherContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.19.41.2" } });
    const otherMember = await otherContext.newPage();
    await signUp(otherMember, uniqueEmail("accommodations-other"));
    await expect(otherMember.getByRole("link", { name: "My account" })).toBeVisible();
    await otherMember.goto(publicPath);
    await expect(otherMember.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(otherMember.locator("body")).not.toContainText(secret);
    for (const path of [publicPath, managePath, "/account/events"]) {
      const rsc = await otherMember.request.get(path, { headers: { RSC: "1" }, maxRedirects: 5 });
      const body = await rsc.text();
      expect(body, `RSC ${path} as another member`).not.toContain(secret);
      expect(body, `RSC ${path} as another member`).not.toContain(memberEmail);
    }
    await otherMember.goto(managePath);
    await expect(otherMember.locator("body")).not.toContainText(secret);
    const otherCsv = await otherMember.request.get(csvPath);
    expect(otherCsv.status()).not.toBe(200);
    expect(await otherCsv.text()).not.toContain(secret);

    // A visitor (no session: the cached page) sees nothing of it either.
    const visitorContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.19.41.3" } });
    const visitor = await visitorContext.newPage();
    await visitor.goto(publicPath);
    await expect(visitor.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(visitor.locator("body")).not.toContainText(secret);
    await expect(visitor.getByTestId("accommodations")).toHaveCount(0);
    for (const path of [publicPath, managePath, csvPath]) {
      const response = await visitor.request.get(path, { headers: { RSC: "1" }, maxRedirects: 5 });
      expect(await response.text(), `RSC ${path} as a visitor`).not.toContain(secret);
    }

    // The organizer marks it arranged with a note; the member sees both where they asked, and on My events.
    await page.goto(manageUrl);
    const row = page.getByTestId("accommodation-request").first();
    await row.getByLabel("Status").selectOption("arranged");
    await row.getByLabel(/Note to the member/).fill(`A captioner is booked ${run}.`);
    await row.getByRole("button", { name: "Save answer" }).click();
    await expect(row).toContainText("Saved. The member sees the status and your note");
    await expectAccessible(page);

    await member.goto(publicPath);
    const answered = member.getByTestId("accommodations").getByTestId("accommodation-status");
    await expect(answered).toContainText("Arranged");
    await expect(answered).toContainText(`A captioner is booked ${run}.`);
    await member.goto("/account/events");
    const mine = member.getByTestId("my-event").filter({ hasText: title });
    await expect(mine.getByTestId("accommodation-status")).toContainText("Arranged");
    await fitsWidths(member, "my-events");
    await expectAccessible(member);

    await Promise.all([memberContext.close(), otherContext.close(), visitorContext.close()]);
  });
});
