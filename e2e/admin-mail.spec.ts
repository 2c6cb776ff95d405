import { expect, expectAccessible, test } from "./fixtures";
import { signInAs } from "./auth-helpers";

// Which rows appear is lib/mail/failures.test.ts's job; here, that admins reach the page and it renders accessibly.
test("an admin finds failed mail from the member admin page", async ({ page }) => {
  await signInAs(page, "admin@gsa.gov");
  await page.goto("/admin/members");
  await page.getByRole("link", { name: "See mail that could not be sent" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Failed mail" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Scheduled notifications" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Messages the mail server did not take" })).toBeVisible();
  await expect(page.getByText("No scheduled notification has failed.")).toBeVisible();
  await expect(page.getByText("No message has failed to send.")).toBeVisible();
  await expectAccessible(page);
});
