import fs from "node:fs/promises";
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signInAs, signUp, uniqueEmail } from "./auth-helpers";
import { publishEvent } from "./events";
import { expectAccessible, test } from "./fixtures";

/** The numbers in one column of a dashboard table (its body rows), as numbers. */
async function column(table: Locator, index: number): Promise<number[]> {
  const cells = await table.locator("tbody tr").evaluateAll((rows, i) => rows.map((row) => row.children[i]?.textContent ?? ""), index);
  return cells.map(Number);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.describe("reach dashboards", () => {
  test("an organizer's event dashboard counts a member's RSVP, by level and by organization, and exports it", async ({ browser, page }) => {
    test.setTimeout(180_000);
    const title = `Reach Check ${Date.now().toString(36)}`;
    const { publicPath, manageUrl } = await publishEvent(page, {
      title,
      start: "11:00",
      end: "12:00",
      format: "virtual",
      joinLink: "https://gsa.zoomgov.com/j/1619876543",
    });

    // A new member signs up and RSVPs, in a browser of their own.
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.91" } });
    const member = await context.newPage();
    await signUp(member, uniqueEmail("reach"));
    await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
    await member.goto(publicPath);
    await member.getByRole("button", { name: "RSVP: I'm going" }).click();
    await expect(member.getByTestId("rsvp-state")).toHaveText("You’re going.");

    // Members never see reach.
    const refused = await member.goto("/manage/reach");
    expect(refused?.status()).toBe(403);
    await expect(member.getByRole("heading", { level: 1, name: "Community reach" })).toHaveCount(0);
    await context.close();

    await page.goto(manageUrl);
    await page.getByRole("link", { name: "Reach", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Reach: ${title}` })).toBeVisible();
    await expect(page.getByTestId("summary-RSVPs (going or waitlisted)")).toHaveText("1");
    await expect(page.getByTestId("summary-Going")).toHaveText("1");
    await expect(page.getByTestId("summary-No-shows")).toHaveText("0");

    const byLevel = page.getByRole("table", { name: "By level of government" });
    await expect(byLevel).toBeVisible();
    expect(sum(await column(byLevel, 1))).toBe(1);
    const byOrganization = page.getByRole("table", { name: "By organization" });
    expect(await column(byOrganization, 1)).toEqual([1]);

    // Each chart is one named image with the numbers in its description.
    const chart = page.getByRole("img", { name: "By level of government" });
    await expect(chart).toBeVisible();
    await expect(page.locator("#by-level-desc")).toContainText("RSVPs");
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download levels of government as CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^reach-reach-check-[a-z0-9]+-\d{4}-\d{2}-\d{2}-levels-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await fs.readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe('"Level of government","RSVPs","Attended","No-shows"');
    expect(lines).toHaveLength(7);
    expect(sum(lines.slice(1).map((line) => Number(line.split(",")[1]!.replaceAll('"', ""))))).toBe(1);

    // On a phone: nothing scrolls sideways, and the tables stack.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: `Reach: ${title}` })).toBeVisible();
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  });

  test("the community dashboard takes a period, says what is wrong with one, and fits a phone", async ({ page }) => {
    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    await page.goto("/manage/events");
    await page.getByRole("link", { name: "Community reach" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Community reach" })).toBeVisible();
    await expect(page.getByRole("img", { name: /New members by week/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "New members by week" })).toBeVisible();

    await page.getByRole("textbox", { name: "From", exact: true }).fill("2026-01-01");
    await page.getByRole("textbox", { name: "To", exact: true }).fill("2025-01-01");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Check the period");
    await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
    await expectAccessible(page);

    await page.goto("/manage/reach?by=month");
    await expect(page.getByRole("table", { name: "New members by month" })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download new members as CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^reach-community-members-/);
    expect(await fs.readFile(await download.path(), "utf8")).toContain('"Month starting","New members"');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
  });
});
