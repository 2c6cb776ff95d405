import { DEMO_MEMBER_EMAILS } from "../db/seed";
import { readSignInLink, requestLink, signIn, signUp, uniqueEmail } from "./auth-helpers";
import { expect, expectAccessible, test } from "./fixtures";

test.describe("signing in with a government email", () => {
  test("a new member requests a link, confirms, joins, edits the profile and signs out", async ({ page }) => {
    const email = uniqueEmail("new-member");
    await page.goto("/");
    const before = Number((await page.getByTestId("member-count").innerText()).replace(/,/g, ""));

    await requestLink(page, email);
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expectAccessible(page);

    const link = await readSignInLink(page, email);
    await page.goto(link);
    // Opening the link (as a mail scanner would) does not sign anyone in.
    await expect(page.getByRole("heading", { name: "Finish signing in" })).toBeVisible();
    await expectAccessible(page);
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
    await page.getByRole("button", { name: "Join the community" }).click();
    await expect(page.getByText("Enter your name.")).toBeVisible();
    await expect(page.getByText("You must accept the community guidelines to join.")).toBeVisible();

    await page.getByLabel("Full name").fill("Jordan Rivera");
    await page.getByLabel("Agency or organization").fill("Department of the Interior");
    await page.getByLabel("Job title").fill("Digital Engagement Lead");
    await page.getByLabel("Time zone").selectOption("America/Denver");
    await page.getByRole("checkbox", { name: /accept the community guidelines/ }).press("Space");
    await page.getByRole("checkbox", { name: /Freedom of Information Act/ }).press("Space");
    await page.getByRole("button", { name: "Join the community" }).click();

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    const after = Number((await page.getByTestId("member-count").innerText()).replace(/,/g, ""));
    expect(after).toBe(before + 1);

    await page.getByRole("link", { name: "My account" }).click();
    await expect(page.getByLabel("Full name")).toHaveValue("Jordan Rivera");
    await expectAccessible(page);
    await page.getByLabel("Job title").fill("Social Media Director");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Your profile was saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Job title")).toHaveValue("Social Media Director");

    await page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    const response = await page.goto("/account");
    expect(response?.url()).toContain("/signin");

    // The link was spent when it was used.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "We couldn’t sign you in" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Get a new sign-in link" })).toBeVisible();
  });

  test("the session answer carries no token, id or account flags, only what the pages show", async ({ page }) => {
    const email = uniqueEmail("session-shape");
    await signUp(page, email);
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    const token = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"))?.value;
    expect(token).toBeTruthy();

    // What any script on the origin can read with fetch("/api/auth/session").
    const body = await page.evaluate(async () => (await fetch("/api/auth/session")).text());
    expect(body).not.toContain(token!);
    for (const field of ["sessionToken", "userId", "id", "emailVerified", "disabledAt", "disabled", "guidelinesAcceptedAt"]) {
      expect(body).not.toContain(`"${field}"`);
    }
    const session = JSON.parse(body) as { expires: string; user: unknown };
    expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
    expect(session.user).toEqual({ name: "Pat Example", email, role: "member", timeZone: "America/Chicago", hasJoined: true });

    // The pages still know who is signed in (they read the row on the server).
    await page.goto("/account");
    await expect(page.getByLabel("Full name")).toHaveValue("Pat Example");
  });

  test("a non-government address is refused with who may join, and nothing is sent", async ({ page }) => {
    const email = uniqueEmail("outsider", "gmail.com");
    await requestLink(page, email);
    await expect(page.locator("main .usa-alert")).toContainText("government employees and contractors");
    await expect(page.locator("main .usa-alert")).toContainText(".gov or .mil");
    await expectAccessible(page);
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByText("No messages yet.")).toBeVisible();

    for (const lookalike of ["name@agency.gov.evil.com", "name＠agency.gov", "nаme@agency.gov"]) {
      await requestLink(page, lookalike);
      await expect(page.locator("main .usa-alert")).toContainText("government employees and contractors");
    }
  });

  test("asking again while a link works re-sends that link, twice at most, and never refuses the address", async ({ page }) => {
    const email = uniqueEmail("eager");
    for (let i = 0; i < 6; i++) {
      await requestLink(page, email);
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    }
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(page.getByTestId("mail-message")).toHaveCount(3);
    const links = await page
      .getByTestId("mail-message")
      .getByRole("link", { name: /\/signin\/confirm/ })
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(new Set(links).size).toBe(1);
    await page.goto(await readSignInLink(page, email));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
  });

  test("an expired or made-up link offers a new one", async ({ page }) => {
    await page.goto("/signin/confirm?token=not-a-real-token&email=someone%40agency.gov");
    await expect(page.getByRole("heading", { name: "We couldn’t sign you in" })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/signin/error?error=Verification");
    await expect(page.getByRole("link", { name: "Get a new sign-in link" })).toBeVisible();
  });

  test("an existing member signs in and goes back where they started", async ({ page }) => {
    const member = DEMO_MEMBER_EMAILS[0]!;
    await page.goto("/signin?callbackUrl=%2Fabout");
    await page.getByLabel("Government email address").fill(member);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.goto(await readSignInLink(page, member));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/about$/);
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
  });

  test("a callbackUrl to another site leads home instead", async ({ page }) => {
    const email = uniqueEmail("redirect");
    await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.example%2F");
    await page.getByLabel("Government email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.goto(await readSignInLink(page, email));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
    expect(new URL(page.url()).host).toBe(new URL(page.url()).host);
    expect(page.url()).not.toContain("evil.example/");
    expect(decodeURIComponent(page.url())).toContain("next=/");
  });

  test("a member asking for an admin page gets a 403 from the server", async ({ page }) => {
    await signUp(page, uniqueEmail("curious"));
    await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
    const response = await page.goto("/admin/members");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  });

  test("members can list themselves in the directory; visitors are sent to sign in", async ({ page }) => {
    const visitor = await page.goto("/members");
    expect(visitor?.url()).toContain("/signin?callbackUrl=%2Fmembers");
    await signIn(page, DEMO_MEMBER_EMAILS[1]!);
    await page.goto("/members");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
  });
});
