import { simpleParser } from "mailparser";
import { uniqueEmail, requestLink } from "./auth-helpers";
import { expect, test } from "./fixtures";
import { readDelivered } from "./smtp-sink";

const mailDir = process.env.E2E_MAIL_DIR;

test("a sign-in link is delivered over real SMTP and works", async ({ page }) => {
  test.skip(!mailDir || Boolean(process.env.E2E_BASE_URL), "needs the SMTP server that scripts/e2e-server.ts starts");
  const email = uniqueEmail("smtp");
  await requestLink(page, email);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  let raw: string | undefined;
  await expect
    .poll(
      () => {
        raw = readDelivered(mailDir!, email)[0];
        return Boolean(raw);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const message = await simpleParser(raw!);
  expect(message.subject).toContain("sign-in link");
  expect(message.text).toContain("expires in 10 minutes");
  expect(message.text).toContain("If you did not ask to sign in");
  const link = message.text?.match(/https?:\/\/\S+\/signin\/confirm\?\S+/)?.[0];
  expect(link).toBeTruthy();

  await page.goto(link!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Join the community" })).toBeVisible();
});
