import type { Page, Request } from "@playwright/test";
import { uniqueEmail } from "./auth-helpers";
import { expect, test } from "./fixtures";

// scripts/e2e-server.ts runs a local OpenID Connect provider as Login.gov (e2e/oidc-provider.ts): it accepts
// any login, and enforces what Login.gov documents (prompt=select_account, acr, email_verified, logout parameters).
test.describe("Login.gov", () => {
  test.skip(Boolean(process.env.E2E_BASE_URL), "needs the OpenID Connect provider that scripts/e2e-server.ts starts");

  async function signInAt(page: Page, login: string): Promise<Request> {
    await page.goto("/signin");
    const authorization = page.waitForRequest((request) => new URL(request.url()).pathname === "/auth");
    await page.getByRole("button", { name: "Sign in with Login.gov" }).click();
    const request = await authorization;
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any-password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    return request;
  }

  test("a government address signs in through Login.gov, as Login.gov asks, and joins", async ({ page }) => {
    const request = await signInAt(page, uniqueEmail("login-gov"));
    const params = new URL(request.url()).searchParams;
    expect(params.get("prompt")).toBe("select_account");
    expect(params.get("acr_values")).toBe("urn:acr.login.gov:verified");
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
  });

  test("the eligibility policy refuses a non-government address from Login.gov", async ({ page }) => {
    await signInAt(page, uniqueEmail("login-gov", "gmail.com"));
    await expect(page.getByRole("heading", { name: "We couldn’t sign you in" })).toBeVisible();
    await expect(page.getByText("can't sign in to the community")).toBeVisible();
    await expect(page.getByRole("link", { name: "My account" })).toHaveCount(0);
  });

  test("an ID token below the requested level (acr) is refused", async ({ page }) => {
    await signInAt(page, uniqueEmail("ial1-login-gov"));
    await expect(page.getByRole("heading", { name: "We couldn’t sign you in" })).toBeVisible();
    await expect(page.getByText("level of identity assurance")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("link", { name: "My account" })).toHaveCount(0);
  });

  test("an address Login.gov has not verified is refused", async ({ page }) => {
    await signInAt(page, uniqueEmail("unverified-login-gov"));
    await expect(page.getByRole("heading", { name: "We couldn’t sign you in" })).toBeVisible();
    await expect(page.getByText("did not confirm that your email address is verified")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("link", { name: "My account" })).toHaveCount(0);
  });

  test("signing out also signs out of Login.gov (RP-initiated logout) and comes back signed out", async ({ page, baseURL }) => {
    await signInAt(page, uniqueEmail("login-gov-out"));
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
    const logout = page.waitForRequest((request) => new URL(request.url()).pathname === "/session/end");
    await page.getByRole("button", { name: "Sign out" }).first().click();
    const params = new URL((await logout).url()).searchParams;
    expect(params.get("client_id")).toBe("convene-e2e");
    expect(params.get("post_logout_redirect_uri")).toBe(`${new URL(baseURL!).origin}/`);
    expect(params.get("state")?.length).toBeGreaterThanOrEqual(22);
    await page.getByRole("button", { name: /Yes, sign me out/i }).click();
    // Login.gov sends the browser back with the state it was given.
    await expect(page).toHaveURL(`${new URL(baseURL!).origin}/?state=${params.get("state")}`);
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  });
});
