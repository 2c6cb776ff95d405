import { simpleParser } from "mailparser";
import { signUp, uniqueEmail } from "./auth-helpers";
import { publishEvent } from "./events";
import { expect, expectAccessible, test } from "./fixtures";
import { readDelivered } from "./smtp-sink";

const mailDir = process.env.E2E_MAIL_DIR;

/** Date and HH:MM in UTC, as the event form's inputs want them. */
function utcParts(at: Date) {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Waits for a message to `to` whose subject matches, and returns it parsed, with its raw header block. */
async function waitForMail(to: string, subject: RegExp, timeout = 20_000) {
  let found: { raw: string; parsed: Awaited<ReturnType<typeof simpleParser>> } | undefined;
  await expect
    .poll(
      async () => {
        for (const raw of readDelivered(mailDir!, to)) {
          const parsed = await simpleParser(raw);
          if (subject.test(parsed.subject ?? "")) {
            found = { raw, parsed };
            return true;
          }
        }
        return false;
      },
      { timeout, intervals: [1_000] },
    )
    .toBe(true);
  return found!;
}

test("an organizer messages attendees; the hour-before reminder arrives and its unsubscribe link works signed out", async ({ page, browser, playwright }) => {
  test.skip(!mailDir || Boolean(process.env.E2E_BASE_URL), "needs the SMTP server and the short scheduler interval of scripts/e2e-server.ts");
  // The reminder is due a minute or two after the event is created; the scheduler runs every 2 s.
  test.setTimeout(6 * 60_000);
  // Starts just over an hour from now, so the member RSVPs before the hour-before reminder is due.
  const startsAt = new Date(Math.ceil((Date.now() + 62 * 60_000) / 60_000) * 60_000);
  const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
  test.skip(utcParts(startsAt).date !== utcParts(endsAt).date, "the event would cross midnight UTC");
  const title = `Reminder Lab ${Date.now().toString(36)}`;

  // The organizer publishes a virtual event.
  const { manageUrl, publicPath } = await publishEvent(page, {
    title,
    date: utcParts(startsAt).date,
    start: utcParts(startsAt).time,
    end: utcParts(endsAt).time,
    timeZone: "UTC",
    format: "virtual",
    joinLink: "https://gsa.zoomgov.com/j/1698765432",
  });

  // A new member (Central Time) RSVPs in a browser of their own.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const memberEmail = uniqueEmail("reminded");
  await signUp(member, memberEmail);
  await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
  await member.goto(publicPath);
  await member.getByRole("button", { name: "RSVP: I'm going" }).click();
  await expect(member.getByRole("link", { name: "Join the session" })).toBeVisible();

  // The organizer writes to everyone going, previews, and sends.
  await page.goto(`${manageUrl}/attendees`);
  await page.getByRole("link", { name: "Message attendees" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Message attendees" })).toBeVisible();
  await page.getByRole("button", { name: "Preview message" }).click();
  await expect(page.getByText("Enter a subject.")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Subject").fill("Bring one post to rewrite");
  await page.getByLabel("Message", { exact: true }).fill("Hello all,\nPlease bring one post you want to make clearer.");
  await page.getByRole("button", { name: "Preview message" }).click();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByText("Please bring one post you want to make clearer.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send to 1 person" }).click();
  await expect(page.getByText("Your message is on its way to 1 person.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Bring one post to rewrite" })).toBeVisible();
  await expectAccessible(page);

  const message = await waitForMail(memberEmail, /^Bring one post to rewrite$/);
  expect(message.parsed.text).toContain("Please bring one post you want to make clearer.");
  expect(message.parsed.text).toContain(title);

  // The scheduler sends the hour-before reminder when it falls due.
  const reminder = await waitForMail(memberEmail, /^Reminder: /, startsAt.getTime() - 60 * 60_000 - Date.now() + 90_000);
  expect(reminder.parsed.text).toMatch(/When: .* CT/);
  expect(reminder.parsed.text).toMatch(/Eastern Time: .* ET/);
  expect(reminder.parsed.text).toContain("Join online: https://gsa.zoomgov.com/j/1698765432");
  // No calendar part: the invite (or its absence, for a member who turned invites off) is already settled (issue 15).
  expect(reminder.parsed.attachments.some((a) => a.filename?.endsWith(".ics") || a.contentType === "text/calendar")).toBe(false);
  const headers = reminder.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  const unsubscribeUrl = /^List-Unsubscribe: <([^>]+)>$/m.exec(headers)?.[1];
  expect(unsubscribeUrl).toMatch(/\/unsubscribe\/[\w-]+\.[\w-]+$/);
  const path = new URL(unsubscribeUrl!).pathname;

  // Signed out, in a fresh browser: the page asks first, the button unsubscribes.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto(path);
  await expect(stranger.getByText(/^Stop getting reminders an hour before events you.re going to\?$/)).toBeVisible();
  await expectAccessible(stranger);
  await stranger.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(stranger.getByRole("heading", { name: /You.re unsubscribed/ })).toBeVisible();
  await expectAccessible(stranger);

  // What a mail provider does (RFC 8058): a cross-site POST with no cookies; repeating it is harmless.
  const provider = await playwright.request.newContext({ baseURL: new URL(unsubscribeUrl!).origin });
  const oneClick = await provider.post(path, { form: { "List-Unsubscribe": "One-Click" }, headers: { origin: "https://mail.example.com" } });
  expect(oneClick.status()).toBe(200);
  const tampered = await provider.post(`${path.slice(0, -3)}abc`, { form: { "List-Unsubscribe": "One-Click" } });
  expect(tampered.status()).toBe(404);
  await provider.dispose();
  const invalid = await stranger.goto(`${path.slice(0, -3)}abc`);
  expect(invalid?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: /This unsubscribe link isn.t valid/ })).toBeVisible();
  await expectAccessible(stranger);
  await strangerContext.close();

  // Only that one preference changed.
  await member.goto("/account");
  await expect(member.getByRole("radio", { name: "A day before only" })).toBeChecked();
  await expect(member.getByRole("checkbox", { name: /recording and slides/ })).toBeChecked();
  await expect(member.getByRole("checkbox", { name: /weekly digest/ })).not.toBeChecked();
  await expectAccessible(member);
  await memberContext.close();
});
