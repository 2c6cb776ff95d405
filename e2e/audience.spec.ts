import { DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signInAs, signUp, uniqueEmail } from "./auth-helpers";
import { tomorrowInEastern } from "./dates";
import { openFormSection } from "./events";
import { expect, expectAccessible, test } from "./fixtures";

/**
 * Who an event is for (registry): an organizer limits an event to federal employees; a member at a
 * state domain (ca.gov is "State or territory" in the shipped .gov registry) is told why they can't
 * RSVP, and the server refuses the RSVP action posted directly; a federal member (agency.gov, the
 * demo's allowed domain) RSVPs as usual.
 */
test.describe.configure({ mode: "serial" });

test.describe("an event for federal employees only", () => {
  const title = `Federal-only briefing ${Date.now().toString(36)}`;
  let publicPath = "";
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | null = null;

  test("an organizer limits the event to federal employees in the form's 'Who may attend' section", async ({ page }) => {
    await signInAs(page, DEMO_ORGANIZER_EMAIL);
    await page.goto("/manage/events/new");
    const form = page.locator("main form");
    await form.getByLabel("Title", { exact: true }).fill(title);
    await form.getByLabel("Date", { exact: true }).fill(tomorrowInEastern());
    await form.getByLabel("Start time").fill("13:00");
    await form.getByLabel("End time").fill("14:00");
    await form.getByLabel("Join link").fill("https://gsa.zoomgov.com/j/1610000001");
    await openFormSection(form, "Who may attend");
    // USWDS draws its own box over the input, which is moved off-screen: the keyboard ticks it, as a person would.
    const federal = form.getByRole("checkbox", { name: "Federal government" });
    await federal.press("Space");
    await expect(federal).toBeChecked();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByText("Published. The event is now on the public calendar.")).toBeVisible();
    publicPath = (await page.getByRole("link", { name: "Public page" }).getAttribute("href"))!;

    // The edit form shows the saved choice again.
    await page.goto(`${page.url().replace(/\/$/, "")}/edit`);
    const edit = page.locator("main form");
    await expect(edit.locator("details", { hasText: "Who may attend" })).toHaveAttribute("open", "");
    await expect(edit.getByRole("checkbox", { name: "Federal government" })).toBeChecked();
    await expect(edit.getByRole("checkbox", { name: "State or territory government" })).not.toBeChecked();
  });

  test("the public page, for visitors too, says who may attend", async ({ browser, baseURL }) => {
    const visitor = await browser.newContext({ baseURL });
    const page = await visitor.newPage();
    await page.goto(publicPath);
    await expect(page.getByTestId("event-audience")).toHaveText("Open to federal employees");
    await expectAccessible(page);
    await visitor.close();
  });

  test("a federal member (agency.gov) can RSVP", async ({ page }) => {
    await signUp(page, uniqueEmail("federal"));
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    await page.goto(publicPath);
    await expect(page.getByTestId("event-audience")).toHaveText("Open to federal employees");
    await expect(page.getByTestId("audience-refusal")).toHaveCount(0);
    const [posted] = await Promise.all([
      page.waitForRequest((request) => request.method() === "POST" && request.url().includes(publicPath)),
      page.getByRole("button", { name: "RSVP: I'm going" }).click(),
    ]);
    await expect(page.getByText("You're going.")).toBeVisible();
    const headers = { ...(await posted.allHeaders()) };
    delete headers["cookie"];
    delete headers["content-length"];
    captured = { url: posted.url(), headers, body: posted.postDataBuffer()! };
  });

  test("a state member (ca.gov) is told why not, has no RSVP button, and the action posted directly is refused", async ({ page }) => {
    await signUp(page, uniqueEmail("state", "ca.gov"));
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    await page.goto("/account");
    await expect(page.getByTestId("account-organization")).toContainText("State of California · State or territory");

    await page.goto(publicPath);
    const refusal = page.getByTestId("audience-refusal");
    await expect(refusal).toContainText("This event is only for federal employees, so you can't RSVP");
    await expect(page.getByRole("button", { name: /RSVP|waitlist/ })).toHaveCount(0);
    await expectAccessible(page);

    // The federal member's own RSVP request, sent again with this member's session: lib/ refuses it.
    expect(captured).not.toBeNull();
    const replayed = await page.request.post(captured!.url, { headers: captured!.headers, data: captured!.body });
    expect(replayed.status()).toBe(200);
    expect(await replayed.text()).toContain("only for federal employees");
    await page.reload();
    await expect(page.getByTestId("audience-refusal")).toBeVisible();
    await page.goto("/account/events");
    await expect(page.getByText(title)).toHaveCount(0);
  });
});

test.describe("admin allowed domains", () => {
  test("an admin adds and removes a domain at /admin/domains", async ({ page }) => {
    await signInAs(page, "admin@gsa.gov");
    await page.goto("/admin/domains");
    await expect(page.getByRole("heading", { level: 1, name: "Allowed domains" })).toBeVisible();
    await expect(page.locator("main table")).toContainText("agency.gov");
    const domain = `e2e-${Date.now().toString(36)}.gov`;
    await page.getByLabel("Domain", { exact: true }).fill("xn--gency-3ve.gov");
    await page.getByLabel("Organization", { exact: true }).fill("Look-alike");
    await page.getByLabel("Reason").fill("should be refused");
    await page.getByRole("button", { name: "Allow this domain" }).click();
    await expect(page.getByText("Enter the domain in plain letters").first()).toBeVisible();

    await page.getByLabel("Domain", { exact: true }).fill(domain);
    await page.getByLabel("Organization", { exact: true }).fill("E2E Water District");
    await page.getByLabel("Level of government").selectOption("local");
    await page.getByLabel("Reason").fill("end-to-end test");
    await page.getByRole("button", { name: "Allow this domain" }).click();
    await expect(page.getByText(`${domain} can now join as E2E Water District.`)).toBeVisible();
    const row = page.locator("main table tr", { hasText: domain });
    await expect(row).toContainText("Local");
    await expectAccessible(page);
    await row.getByRole("button", { name: `Remove ${domain}` }).click();
    await expect(page.locator("main table tr", { hasText: domain })).toHaveCount(0);
  });
});
