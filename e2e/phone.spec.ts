import { expect, type Page } from "@playwright/test";
import { DEMO_ADMIN_EMAIL } from "../db/seed";
import { signInAs, signUp, uniqueEmail } from "./auth-helpers";
import { expectAccessible, test } from "./fixtures";

/**
 * Convene on a phone (390 px, an iPhone's width): no page scrolls sideways, and every control
 * in the page's main region is on screen with a size, so nothing a member needs is cut off.
 */
test.use({ viewport: { width: 390, height: 844 } });

type Problem = string;

/** Sideways scrolling, and controls in <main> that are drawn with no size or past the screen's edge. */
async function layoutProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width) {
      // Name the innermost elements that stick out, so the message says what to fix.
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : ""}`;
      const over = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > width + 1);
      const innermost = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
      // Text can run past a box that itself fits (a long word, a URL): measure the text too.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        range.selectNodeContents(node);
        if (range.getBoundingClientRect().right > width + 1 && node.parentElement) innermost.push(node.parentElement);
      }
      const names = [...new Set(innermost.map(describe))].slice(0, 4);
      problems.push(`the page is ${scrollWidth}px wide in a ${width}px window (past the edge: ${names.join(", ")})`);
    }
    const controls = document.querySelectorAll<HTMLElement>("main a[href], main button, main input, main select, main textarea, main summary");
    for (const control of controls) {
      if (control instanceof HTMLInputElement && control.type === "hidden") continue;
      // USWDS draws checkboxes and radios on their labels and moves the input itself off screen.
      if (control.matches(".usa-checkbox__input, .usa-radio__input, .usa-sr-only, .usa-sr-only *")) continue;
      // Not rendered at all (display: none, a closed <details>): not a control the reader is offered.
      if (control.getClientRects().length === 0) continue;
      const box = control.getBoundingClientRect();
      // Wholly left of the screen is USWDS's visually hidden pattern (left: -999em: the breadcrumbs a phone folds away), not an overflow.
      if (box.right <= 0) continue;
      const name = (control.getAttribute("aria-label") ?? control.textContent ?? control.getAttribute("name") ?? "").trim().slice(0, 40);
      if (box.width < 1 || box.height < 1) problems.push(`<${control.tagName.toLowerCase()}> "${name}" has no size`);
      else if (box.right > width + 1 || box.left < -1)
        problems.push(`<${control.tagName.toLowerCase()}> "${name}" is off screen (${Math.round(box.left)}–${Math.round(box.right)}px)`);
    }
    return problems;
  });
}

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
