import { expect, type Page } from "@playwright/test";
import { DEMO_ADMIN_EMAIL, DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signInAs, signUp, uniqueEmail } from "./auth-helpers";
import { expectAccessible, test as base } from "./fixtures";
import { layoutProblems } from "./layout";

/**
 * Issue 21's "Done when": a member's and an organizer's journeys, each at a phone's width and at a desktop's, with
 * axe (no serious or critical finding) and the layout check (no sideways scroll, no control cut off) on every page.
 *
 * The checks cannot be forgotten: `journey(page)` starts recording the pages a tab visits; `check()` checks the page
 * where it is (call it once the page shows what the step expects); and when the test ends, every page the journey
 * visited must have been checked in place, or the test fails naming the ones that were not.
 */

type Journey = { check: () => Promise<void> };

const test = base.extend<{ journey: (page: Page) => Journey }>({
  journey: async ({}, use, testInfo) => {
    const journeys: { page: Page; visited: string[]; checked: Set<string> }[] = [];
    await use((page) => {
      const record = { page, visited: [] as string[], checked: new Set<string>() };
      journeys.push(record);
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) record.visited.push(frame.url());
      });
      return {
        check: async () => {
          const width = page.viewportSize()?.width;
          expect(await layoutProblems(page), `layout at ${width} px on ${page.url()}`).toEqual([]);
          await expectAccessible(page);
          record.checked.add(page.url());
        },
      };
    });
    if (testInfo.status !== testInfo.expectedStatus) return;
    for (const { visited, checked } of journeys) {
      const unchecked = [...new Set(visited)].filter((url) => !checked.has(url) && !new URL(url).pathname.startsWith("/api/"));
      expect(unchecked, "pages the journey visited without checking them in place").toEqual([]);
    }
  },
});

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];

for (const viewport of WIDTHS) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test("a member browses past the first page of events, RSVPs, and cancels after saying so", async ({ page, journey }) => {
      test.setTimeout(120_000);
      await signUp(page, uniqueEmail(`journey-${viewport.width}`));
      await page.waitForURL((url) => !url.pathname.startsWith("/join"));
      const { check } = journey(page);

      await page.goto("/events");
      await expect(page.getByRole("heading", { level: 1, name: /events/i })).toBeVisible();
      await check();
      const pages = page.getByRole("navigation", { name: /pages/ });
      await pages.getByRole("link", { name: "Page 2" }).click();
      await expect(page).toHaveURL(/[?&]page=2/);
      await expect(pages.getByText("2", { exact: true })).toHaveAttribute("aria-current", "page");
      await check();

      // An event from page 2 with seats to take (the seed's there are open to anyone; none is full).
      const listed = page.locator("main").locator("h2 a, h3 a");
      const title = (await listed.first().textContent())!.trim();
      await listed.first().click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await check();

      await page.getByRole("button", { name: "RSVP: I'm going" }).click();
      const result = page.getByTestId("rsvp-result");
      await expect(result).toContainText("You're going.");
      await expect(result).toBeFocused();
      await expect(page.getByTestId("rsvp-state")).toHaveText("You’re going.");
      await check();

      await page.getByRole("button", { name: "Cancel my RSVP" }).click();
      const question = page.getByTestId("rsvp-confirm");
      await expect(question).toContainText("Cancel my RSVP?");
      await expect(question).toBeFocused();
      await check();
      await page.getByRole("button", { name: "Yes, cancel" }).click();
      await expect(result).toHaveText("Your RSVP is cancelled.");
      await expect(page.getByTestId("rsvp-state")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "RSVP: I'm going" })).toBeVisible();
      await check();
    });

    test("an organizer publishes an event with the form's defaults and checks a member in at the door", async ({ page, browser, journey }) => {
      test.setTimeout(150_000);
      const title = `Journey ${viewport.width} ${Date.now().toString(36)}`;
      // Signed in at desktop width, where signInAs sees "My account" without opening the phone's menu.
      await page.setViewportSize(WIDTHS[1]!);
      await signInAs(page, DEMO_ORGANIZER_EMAIL);
      await page.setViewportSize(viewport);
      const organizer = journey(page);

      // Only what has no default: the title and, for the default virtual format, the join link.
      await page.goto("/manage/events/new");
      const form = page.locator("main form");
      await expect(form.getByLabel("Format")).toHaveValue("virtual");
      await organizer.check();
      await form.getByLabel("Title", { exact: true }).fill(title);
      await form.getByLabel("Join link", { exact: true }).fill("https://gsa.zoomgov.com/j/1618000000");
      await page.getByRole("button", { name: "Save and publish" }).click();
      await expect(page).toHaveURL(/\/manage\/events\/[0-9a-f-]{36}\?published=1$/);
      await expect(page.getByText("Published. The event is now on the public calendar.")).toBeVisible();
      await organizer.check();
      const publicPath = (await page.getByRole("link", { name: "Public page" }).getAttribute("href"))!;

      // A member RSVPs (in a browser of their own, at the same width): someone for the door to find.
      const name = `Door Person${viewport.width}`;
      const memberContext = await browser.newContext({ viewport, extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${viewport.width === 390 ? 131 : 132}` } });
      const member = await memberContext.newPage();
      await signUp(member, uniqueEmail(`door-${viewport.width}`), { name, agency: "General Services Administration", jobTitle: "Analyst" });
      await member.waitForURL((url) => !url.pathname.startsWith("/join"));
      const attendee = journey(member);
      await member.goto(publicPath);
      await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await attendee.check();
      await member.getByRole("button", { name: "RSVP: I'm going" }).click();
      await expect(member.getByTestId("rsvp-state")).toHaveText("You’re going.");
      await attendee.check();
      await memberContext.close();

      // At the door: the attendee list, searched by name, and one tap to check them in.
      await page.getByRole("link", { name: "Attendees" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Attendees: ${title}` })).toBeVisible();
      await organizer.check();
      await page.getByLabel("Find a person").fill(name.split(" ")[1]!);
      await page.getByRole("search").getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/\/attendees\?q=/);
      const going = page.getByRole("table", { name: /^Going/ });
      await expect(going.locator("tbody tr")).toHaveCount(1);
      await expect(going.locator("tbody tr")).toContainText(name);
      await organizer.check();
      const checkIn = going.getByRole("button", { name: /^Check in/ });
      await checkIn.scrollIntoViewIfNeeded();
      await expect(checkIn).toBeInViewport({ ratio: 1 });
      await checkIn.click();
      await expect(going.getByRole("button", { name: /^Undo check-in/ })).toBeVisible();
      await organizer.check();
    });
  });
}

test.describe("the header at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  /** Each header item's label, with how many lines it takes. */
  const headerLines = (page: Page) =>
    page.locator(".usa-nav__primary > .usa-nav__primary-item").evaluateAll((items) =>
      items
        .filter((item) => item.getClientRects().length > 0)
        .map((item) => {
          const control = item.querySelector<HTMLElement>(":scope > a, :scope > button, :scope > form > button")!;
          // Each line of a text node is a box of its own: the label is one line when all its text boxes share a top.
          const tops = new Set<number>();
          const walker = document.createTreeWalker(control, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent!.trim()) continue;
            range.selectNodeContents(node);
            for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
          }
          return { label: control.textContent!.trim(), lines: tops.size, top: Math.round(control.getBoundingClientRect().top) };
        }),
    );

  test("an admin's header (every item there is) fits one line, each item one line high; the phone menu still opens", async ({ page }) => {
    await signInAs(page, DEMO_ADMIN_EMAIL);
    await page.goto("/events");
    // On the cached page the signed-in items arrive with /api/me: measure the header once they are in.
    await expect(page.getByRole("navigation", { name: "Primary navigation" }).getByRole("link", { name: "My account" })).toBeVisible();
    const items = await headerLines(page);
    expect(items.map((item) => item.label)).toEqual(["Events", "Resources", "Members", "About", "Manage", "My events", "My account", "Sign out"]);
    expect(
      items.filter((item) => item.lines !== 1),
      "header items on more than one line",
    ).toEqual([]);
    // And all on one row.
    expect(new Set(items.map((item) => item.top)).size).toBe(1);
    await page.getByRole("banner").screenshot({ path: test.info().outputPath("admin-header-1280.png") });

    // The Manage menu holds the admin's page too, by keyboard.
    const nav = page.getByRole("navigation", { name: "Primary navigation" });
    await nav.getByRole("button", { name: "Manage" }).focus();
    await page.keyboard.press("Enter");
    await expect(nav.getByRole("link", { name: "Manage members" })).toBeVisible();
    await nav.getByRole("link", { name: "Manage members" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/admin\/members$/);

    // At 390 px the items are in the menu, which opens.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/events");
    await expect(nav.getByRole("link", { name: "My account" })).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(nav.getByRole("link", { name: "My account" })).toBeVisible();
    await nav.getByRole("button", { name: "Manage" }).click();
    await expect(nav.getByRole("link", { name: "Manage members" })).toBeVisible();
    expect(await layoutProblems(page)).toEqual([]);
    await expectAccessible(page);
  });

  test("without JavaScript the Manage menu's pages are plain links in the header", async ({ page, browser }) => {
    await signInAs(page, DEMO_ADMIN_EMAIL);
    const plain = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
      storageState: await page.context().storageState(),
    });
    const noScript = await plain.newPage();
    await noScript.goto("/events");
    const nav = noScript.getByRole("navigation", { name: "Primary navigation" });
    await nav.getByRole("link", { name: "Manage members" }).click();
    await expect(noScript).toHaveURL(/\/admin\/members$/);
    await plain.close();
  });
});
