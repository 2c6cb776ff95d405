import { readSignInLink, signIn, signUp, uniqueEmail } from "./auth-helpers";
import { expect, expectAccessible, test } from "./fixtures";

// From db/seed.ts: the full "Hands-On Alt Text Clinic" (5 seats) has Priya going and Olivia first on the waitlist.
const PRIYA = "priya.raman@hhs.gov";
const OLIVIA = "olivia.grant@noaa.gov";

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
    // The page refreshes from the server: the cancelled event leaves the list.
    await expect(page.getByTestId("my-event").filter({ hasText: "Bluesky" })).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("my-event").filter({ hasText: "Bluesky" })).toHaveCount(0);
  });

  test("a member who cancels frees a seat, and the first person waiting is promoted by email", async ({ page }) => {
    await signIn(page, PRIYA);
    await page.goto("/events?q=Alt+Text+Clinic");
    await page.getByRole("link", { name: "Hands-On Alt Text Clinic" }).click();
    await expect(page.getByTestId("rsvp-state")).toHaveText("You’re going.");
    await page.getByRole("button", { name: "Cancel my RSVP" }).click();
    await expect(page.getByTestId("rsvp-panel")).toContainText("Your RSVP is cancelled.");

    await page.goto(`/dev/mailbox?to=${encodeURIComponent(OLIVIA)}`);
    const promoted = page.getByTestId("mail-message").filter({ hasText: "A seat opened up" });
    await expect(promoted).toHaveCount(1);
    await expect(promoted).toContainText("Hands-On Alt Text Clinic");

    // The freed seat went to Olivia, so the event is full again and a newcomer joins the waitlist.
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await signUp(page, uniqueEmail("latecomer"));
    await page.goto("/events?q=Alt+Text+Clinic");
    await page.getByRole("link", { name: "Hands-On Alt Text Clinic" }).click();
    await page.getByRole("button", { name: "Join the waitlist" }).click();
    await expect(page.getByTestId("rsvp-panel")).toContainText("you're number 3 on the waitlist");
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
