import { expect, type Cookie, type Page } from "@playwright/test";
import { expectAccessible } from "./fixtures";

export function uniqueEmail(prefix: string, domain = "agency.gov") {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@${domain}`;
}

export async function requestLink(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Government email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
}

/** The newest sign-in link mailed to `email`, read from the dev mailbox the way a developer would. */
export async function readSignInLink(page: Page, email: string): Promise<string> {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const message = page.getByTestId("mail-message").first();
  await expect(message).toContainText("Your sign-in link");
  const href = await message.getByRole("link", { name: /\/signin\/confirm/ }).getAttribute("href");
  if (!href) throw new Error(`no sign-in link for ${email}`);
  return href;
}

/** Requests a link, confirms it and finishes the join step: a new member, signed in. */
export async function signUp(
  page: Page,
  email: string,
  profile = { name: "Pat Example", agency: "General Services Administration", jobTitle: "Social Media Specialist" },
) {
  await requestLink(page, email);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await readSignInLink(page, email));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Full name").fill(profile.name);
  await page.getByLabel("Agency or organization").fill(profile.agency);
  await page.getByLabel("Job title").fill(profile.jobTitle);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  await page.getByRole("checkbox", { name: /accept the community guidelines/ }).press("Space");
  await page.getByRole("checkbox", { name: /Freedom of Information Act/ }).press("Space");
  await page.getByRole("button", { name: "Join the community" }).click();
}

export async function signIn(page: Page, email: string) {
  await requestLink(page, email);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await readSignInLink(page, email));
  await page.getByRole("button", { name: "Sign in" }).click();
}

const staffSessions = new Map<string, Cookie[]>();

/**
 * Signs in one of the seeded staff accounts, reusing its session after the first
 * time: many journeys act as the organizer, and real sign-ins for one address are
 * limited to five per 15 minutes, as they are for everyone.
 */
export async function signInAs(page: Page, email: string) {
  const cached = staffSessions.get(email);
  if (cached) {
    await page.context().addCookies(cached);
    await page.goto("/");
    if (await page.getByRole("link", { name: "My account" }).isVisible()) return;
  }
  await signIn(page, email);
  await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
  staffSessions.set(
    email,
    (await page.context().cookies()).filter((c) => c.name.includes("authjs.session-token")),
  );
}
