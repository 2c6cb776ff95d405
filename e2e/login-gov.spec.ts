import { uniqueEmail } from "./auth-helpers";
import { expect, test } from "./fixtures";

// scripts/e2e-server.ts runs a local OpenID Connect provider as Login.gov; it accepts any login.
test.describe("Login.gov", () => {
  test.skip(Boolean(process.env.E2E_BASE_URL), "needs the OpenID Connect provider that scripts/e2e-server.ts starts");

  async function signInAt(page: import("@playwright/test").Page, login: string) {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Login.gov" }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any-password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
  }

  test("a government address signs in through Login.gov and joins", async ({ page }) => {
    await signInAt(page, uniqueEmail("login-gov"));
    await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
  });

  test("the eligibility policy refuses a non-government address from Login.gov", async ({ page }) => {
    await signInAt(page, uniqueEmail("login-gov", "gmail.com"));
    await expect(page.getByRole("heading", { name: "We couldn’t sign you in" })).toBeVisible();
    await expect(page.getByText("can't sign in to the community")).toBeVisible();
    await expect(page.getByRole("link", { name: "My account" })).toHaveCount(0);
  });
});
