import { readSignInLink, signUp, uniqueEmail } from "./auth-helpers";
import { publishEvent } from "./events";
import { expect, expectAccessible, test } from "./fixtures";

test.describe("RSVPs", () => {
  test("a member finds an event by search and filter, RSVPs, sees it in My events and cancels", async ({ page }) => {
    await signUp(page, uniqueEmail("rsvper"));
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();

    await page.goto("/events");
    await page.getByLabel("Search events").fill("Bluesky");
    await page.getByLabel("Format", { exact: true }).selectOption("virtual");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=Bluesky/);
    await expectAccessible(page);
    const results = page.getByRole("list", { name: "Upcoming events" }).getByRole("listitem");
    await expect(results).toHaveCount(1);
    await results.first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Bluesky");

    // The join link stays hidden until the member is going.
    await expect(page.getByTestId("join-link")).toContainText("shared with members who are going");
    await page.getByRole("button", { name: "RSVP: I'm going" }).click();
    await expect(page.getByTestId("rsvp-panel")).toContainText("You're going. A confirmation is on its way");
    await expect(page.getByRole("link", { name: "Join the session" })).toBeVisible();
    await expectAccessible(page);

    await page.goto("/account/events");
    const mine = page.getByTestId("my-event").filter({ hasText: "Bluesky" });
    await expect(mine).toContainText("You’re going.");
    await expectAccessible(page);
    await mine.getByRole("button", { name: "Cancel my RSVP" }).click();
    await mine.getByRole("button", { name: "Yes, cancel" }).click();
    // The page refreshes from the server: the cancelled event leaves the list.
    await expect(page.getByTestId("my-event").filter({ hasText: "Bluesky" })).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("my-event").filter({ hasText: "Bluesky" })).toHaveCount(0);
  });

  test("a member who cancels frees a seat, and the first person waiting is promoted by email", async ({ browser, page }) => {
    // Four members sign up (each about 15 s here, with the accessibility check on the join page).
    test.setTimeout(180_000);
    // Its own one-seat event and its own members: the seed stays as it was, so a retry or a second
    // run against the same server finds what the first one did (it once used up a seeded seat).
    const title = `Seat Swap ${Date.now().toString(36)}`;
    const { publicPath } = await publishEvent(page, {
      title,
      start: "13:00",
      end: "14:00",
      format: "virtual",
      joinLink: "https://gsa.zoomgov.com/j/1617654321",
      capacity: 1,
    });

    // Each member in a browser context of their own, from their own address (one sign-in bucket for this test).
    const as = async (prefix: string, forwardedFor: string) => {
      const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": forwardedFor } });
      const member = await context.newPage();
      const email = uniqueEmail(prefix);
      await signUp(member, email);
      await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
      await member.goto(publicPath);
      return { page: member, email };
    };
    const first = await as("first", "198.51.100.71");
    await first.page.getByRole("button", { name: "RSVP: I'm going" }).click();
    await expect(first.page.getByTestId("rsvp-state")).toHaveText("You’re going.");
    const waiting = await as("waiting", "198.51.100.72");
    await waiting.page.getByRole("button", { name: "Join the waitlist" }).click();
    await expect(waiting.page.getByTestId("rsvp-panel")).toContainText("you're number 1 on the waitlist");
    const next = await as("next", "198.51.100.73");
    await next.page.getByRole("button", { name: "Join the waitlist" }).click();
    await expect(next.page.getByTestId("rsvp-panel")).toContainText("you're number 2 on the waitlist");

    await first.page.getByRole("button", { name: "Cancel my RSVP" }).click();
    await first.page.getByRole("button", { name: "Yes, cancel" }).click();
    await expect(first.page.getByTestId("rsvp-panel")).toContainText("Your RSVP is cancelled.");

    await page.goto(`/dev/mailbox?to=${encodeURIComponent(waiting.email)}`);
    const promoted = page.getByTestId("mail-message").filter({ hasText: "A seat opened up" });
    await expect(promoted).toHaveCount(1);
    await expect(promoted).toContainText(title);
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(next.email)}`);
    await expect(page.getByTestId("mail-message").filter({ hasText: "A seat opened up" })).toHaveCount(0);

    // The freed seat went to the first person waiting, so the event is full again and a newcomer joins the waitlist behind the second.
    const latecomer = await as("latecomer", "198.51.100.74");
    await latecomer.page.getByRole("button", { name: "Join the waitlist" }).click();
    await expect(latecomer.page.getByTestId("rsvp-panel")).toContainText("you're number 2 on the waitlist");

    // Leaving the waitlist says so, not that an RSVP (a seat) was cancelled.
    await latecomer.page.getByRole("button", { name: "Leave the waitlist" }).click();
    await expect(latecomer.page.getByTestId("rsvp-confirm")).toContainText("Leave the waitlist?");
    await latecomer.page.getByRole("button", { name: "Yes, leave the waitlist" }).click();
    await expect(latecomer.page.getByTestId("rsvp-result")).toHaveText("You left the waitlist.");
    await expect(latecomer.page.getByRole("button", { name: "Join the waitlist" })).toBeVisible();
    for (const member of [first, waiting, next, latecomer]) await member.page.context().close();
  });

  test("a visitor is sent to sign in and comes back to the event", async ({ page }) => {
    await page.goto("/events?q=Bluesky");
    await page.getByRole("link", { name: /Bluesky/ }).click();
    await expect(page).toHaveURL(/\/events\/platform-policy/);
    const eventUrl = page.url();
    await page.getByRole("link", { name: "Sign in to RSVP" }).click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fevents%2F/);
    const email = uniqueEmail("visitor");
    await page.getByLabel("Government email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.goto(await readSignInLink(page, email));
    await page.getByRole("button", { name: "Sign in" }).click();
    // New people join first, then land on the event they came from.
    await page.getByLabel("Full name").fill("Casey Visitor");
    await page.getByLabel("Agency or organization").fill("Department of Energy");
    await page.getByLabel("Job title").fill("Web Manager");
    await page.getByRole("checkbox", { name: /accept the community guidelines/ }).press("Space");
    await page.getByRole("checkbox", { name: /Freedom of Information Act/ }).press("Space");
    await page.getByRole("button", { name: "Join the community" }).click();
    await expect(page).toHaveURL(eventUrl);
    await expect(page.getByRole("button", { name: "RSVP: I'm going" })).toBeVisible();
  });
});
