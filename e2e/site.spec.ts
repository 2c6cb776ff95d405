import { expect, expectAccessible, test } from "./fixtures";

test.describe("public site", () => {
  test("home page looks like a federal site and shows the community", async ({ page, visit }) => {
    await visit("/");
    await expect(page.getByText("An official website of the United States government")).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Primary navigation" });
    for (const label of ["Events", "Resources", "About", "Sign in"]) {
      await expect(nav.getByRole("link", { name: label })).toBeVisible();
    }
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Community of Practice");
    await expect(page.getByRole("heading", { name: "Next events" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Who can join" })).toBeVisible();
    const memberCount = Number((await page.getByTestId("member-count").innerText()).replace(/,/g, ""));
    expect(memberCount).toBeGreaterThan(0);
    await expect(page.getByTestId("foia-notice")).toContainText("Freedom of Information Act");
    await expect(page.getByRole("link", { name: "community guidelines" })).toHaveAttribute("href", "/guidelines");

    const importantLinks = page.getByRole("navigation", { name: "Important links" });
    for (const label of [
      /About/,
      /Accessibility statement/,
      /FOIA requests/,
      /No FEAR Act data/,
      /Office of the Inspector General/,
      /Performance reports/,
      /Privacy policy/,
    ]) {
      await expect(importantLinks.getByRole("link", { name: label })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: "Visit USA.gov" })).toBeVisible();
    await expect(page.getByText("Technology Transformation Services")).toBeVisible();
    await page.screenshot({ path: "test-results/home.png", fullPage: true });
  });

  test("pages name the USWDS favicon and it is served, so no page logs a 404 for it", async ({ page, visit }) => {
    const missing: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    for (const path of ["/", "/events", "/about"]) {
      await visit(path);
      await expect(page.locator('head link[rel="icon"]').first()).toHaveAttribute("href", /^\/favicon\.ico/);
    }
    const icon = await page.request.get("/favicon.ico");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect((await icon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(missing).toEqual([]);
  });

  test("the official banner opens with USWDS's script", async ({ page, visit }) => {
    await visit("/");
    const toggle = page.getByRole("button", { name: "Here’s how you know" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByText("Official websites use .gov")).toBeVisible();
  });

  test("a visitor browses upcoming events and opens one", async ({ page, visit }) => {
    await visit("/events");
    await expect(page.getByRole("heading", { level: 1, name: "Upcoming events" })).toBeVisible();
    const cards = page.getByRole("list", { name: "Upcoming events" }).getByRole("listitem");
    expect(await cards.count()).toBeGreaterThan(3);
    // Every card names the time zone of its time.
    await expect(cards.first().locator("time")).toHaveText(/\d{1,2}:\d{2} (AM|PM) \S+/);

    const firstLink = cards.first().getByRole("link");
    const title = await firstLink.innerText();
    await firstLink.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { name: "Event details" })).toBeVisible();
    await expect(page.locator("aside time")).toContainText(/(AM|PM)/);
    await expectAccessible(page);
    await page.screenshot({ path: "test-results/event.png", fullPage: true });

    await visit("/events?when=past");
    await expect(page.getByRole("heading", { level: 1, name: "Past events" })).toBeVisible();
  });

  test("about and guidelines explain who may join and FOIA", async ({ page, visit }) => {
    await visit("/about");
    await expect(page.getByRole("heading", { name: "Who may join" })).toBeVisible();
    await expect(page.getByText(/employees and contractors with an official/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Records and the Freedom of Information Act" })).toBeVisible();
    await visit("/guidelines");
    await expect(page.getByRole("heading", { level: 1, name: "Community guidelines" })).toBeVisible();
  });

  test("unknown pages get the USWDS 404 page", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectAccessible(page);
    const missingEvent = await page.goto("/events/no-such-event");
    expect(missingEvent?.status()).toBe(404);
  });

  test("health check reports the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("keyboard users can skip to the main content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main-content")).toBeFocused();
  });
});
