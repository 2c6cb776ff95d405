import { expect, type Page } from "@playwright/test";
import { DEMO_ADMIN_EMAIL } from "../db/seed";
import { signInAs, signUp, uniqueEmail } from "./auth-helpers";
import { expectAccessible, test } from "./fixtures";
import { layoutProblems } from "./layout";

/**
 * Convene on a phone (390 px, an iPhone's width): no page scrolls sideways, and every control
 * in the page's main region is on screen with a size, so nothing a member needs is cut off.
 */
test.use({ viewport: { width: 390, height: 844 } });

async function expectEverythingOnScreen(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  expect(await layoutProblems(page), `layout at 390 px on ${path}`).toEqual([]);
}

test("a visitor reaches every page of events on a phone, and the pages fit", async ({ page }) => {
  await expectEverythingOnScreen(page, "/");
  await expectEverythingOnScreen(page, "/events");
  const pages = page.getByRole("navigation", { name: /pages/ });
  await pages.getByRole("link", { name: "Page 2" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(pages.getByText("2", { exact: true })).toHaveAttribute("aria-current", "page");
  await page.goto("/events");
  await page.locator("main").locator("h2 a, h3 a").first().click();
  await expect(page).toHaveURL(/\/events\/[^/?]+$/);
  expect(await layoutProblems(page), `layout at 390 px on ${page.url()}`).toEqual([]);
  await expectEverythingOnScreen(page, "/signin");
});

test("members and staff find every control on screen on a phone", async ({ page }) => {
  test.setTimeout(120_000);
  // Signed in at desktop width, where the header shows "My account" without opening the menu.
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, DEMO_ADMIN_EMAIL);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/events", "/resources", "/members", "/account", "/account/events", "/manage/events", "/manage/resources", "/admin/members"]) {
    await expectEverythingOnScreen(page, path);
  }
  // The directory's and the admin list's search buttons keep a name a screen reader can say.
  await page.goto("/members");
  await expect(page.getByRole("search").getByRole("button", { name: "Search" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/manage/events");
  await page.locator("main table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/manage\/events\/[0-9a-f-]+$/);
  const managePath = new URL(page.url()).pathname;
  await expectEverythingOnScreen(page, managePath);
  await expectEverythingOnScreen(page, `${managePath}/attendees`);
  await expectEverythingOnScreen(page, `${managePath}/edit`);
});

test("at 1280 px, a long agency name does not push the admin members table's Role, Status and Actions off screen", async ({ browser, page }) => {
  test.setTimeout(120_000);
  // 150 characters, the most the profile takes, as one long official name.
  const agency =
    "Department of Health and Human Services, Office of the Assistant Secretary for Planning and Evaluation, Division of Disability, Aging and Long-Term Care";
  const email = uniqueEmail("long-agency");
  const member = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signUp(member, email, { name: "Lee Longname", agency: agency.slice(0, 150), jobTitle: "Digital Communications Specialist" });
  await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
  await member.context().close();

  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, DEMO_ADMIN_EMAIL);
  await expectEverythingOnScreen(page, `/admin/members?q=${encodeURIComponent(email)}`);
  await expect(page.locator("main table").getByRole("rowheader", { name: "Lee Longname" })).toBeVisible();
});
