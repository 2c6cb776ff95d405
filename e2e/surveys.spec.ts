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

/** Waits for a message to `to` whose subject matches, and returns it parsed. */
async function waitForMail(to: string, subject: RegExp, timeout: number) {
  let found: Awaited<ReturnType<typeof simpleParser>> | undefined;
  await expect
    .poll(
      async () => {
        for (const raw of readDelivered(mailDir!, to)) {
          const parsed = await simpleParser(raw);
          if (subject.test(parsed.subject ?? "")) {
            found = parsed;
            return true;
          }
        }
        return false;
      },
      { timeout, intervals: [2_000] },
    )
    .toBe(true);
  return found!;
}

async function scrollsSideways(page: import("@playwright/test").Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Presses Enter on a button reached by keyboard focus, never clicked. */
async function pressButton(page: import("@playwright/test").Page, name: string) {
  await page.getByRole("button", { name }).focus();
  await page.keyboard.press("Enter");
}

test("an organizer attaches the default survey; after the event the member answers from the email without signing in, once; the organizer sees the chart and the CSV", async ({
  page,
  browser,
}) => {
  test.skip(!mailDir || Boolean(process.env.E2E_BASE_URL), "needs the SMTP server and the short scheduler interval of scripts/e2e-server.ts");
  test.setTimeout(9 * 60_000);
  // A one-minute event starting in about three minutes: time to RSVP before it starts, and it soon ends.
  const startsAt = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000);
  const endsAt = new Date(startsAt.getTime() + 60_000);
  test.skip(utcParts(startsAt).date !== utcParts(endsAt).date, "the event would cross midnight UTC");
  const title = `Feedback Lab ${Date.now().toString(36)}`;

  const { manageUrl, publicPath } = await publishEvent(page, {
    title,
    date: utcParts(startsAt).date,
    start: utcParts(startsAt).time,
    end: utcParts(endsAt).time,
    timeZone: "UTC",
    format: "virtual",
    joinLink: "https://gsa.zoomgov.com/j/1698765433",
  });

  // The organizer attaches the default survey in one click, by keyboard.
  await page.getByRole("link", { name: "Feedback survey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Feedback survey" })).toBeVisible();
  await expectAccessible(page);
  await pressButton(page, "Attach the default survey");
  await expect(page.getByText("The default survey is attached. Edit its questions if you like.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "How useful was this session?" })).toBeVisible();
  await expectAccessible(page);

  // And adds a question, by keyboard alone: a multiple choice with one option is refused, then fixed.
  await page.getByRole("link", { name: "Edit questions" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Edit the survey" })).toBeVisible();
  const slot = page.getByRole("group", { name: "Question 4 (new, optional)" });
  const kind = slot.getByLabel("Kind of question");
  await kind.focus();
  await page.keyboard.press("m");
  await expect(kind).toHaveValue("choice");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Which format suits you best?");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Online");
  await pressButton(page, "Save the survey");
  await expect(page.getByText("Give at least two options, one per line.").first()).toBeVisible();
  await expectAccessible(page);
  const options = page.getByRole("group", { name: "Question 4 (new, optional)" }).getByLabel("Options");
  await expect(options).toHaveValue("Online");
  await options.focus();
  await page.keyboard.press("End");
  await page.keyboard.type("\nIn person");
  await pressButton(page, "Save the survey");
  await expect(page.getByText("Survey saved.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Which format suits you best?" })).toBeVisible();
  await expect(page.getByText("Invitations go out when the event ends.")).toBeVisible();

  // A member RSVPs before it starts.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const memberEmail = uniqueEmail("surveyed");
  await signUp(member, memberEmail, { name: "Robin Respondent", agency: "General Services Administration", jobTitle: "Content Lead" });
  await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
  await member.goto(publicPath);
  await member.getByRole("button", { name: "RSVP: I'm going" }).click();
  await expect(member.getByRole("link", { name: "Join the session" })).toBeVisible();
  await memberContext.close();

  // The event ends; the scheduler (every 2 s on the e2e server) mails the survey.
  const mail = await waitForMail(memberEmail, /^How was .*\? A short survey$/, endsAt.getTime() - Date.now() + 120_000);
  expect(mail.text).toContain("anonymous unless you choose to share your name");
  const link = /https?:\/\/\S+\/survey\/[\w-]+\.[\w-]+/.exec(mail.text ?? "")?.[0];
  expect(link).toBeTruthy();
  const path = new URL(link!).pathname;

  // In a fresh browser with no session: the link opens the survey, twice (two tabs).
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  const opened = await stranger.goto(path);
  expect(opened?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(stranger.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(stranger.getByRole("heading", { level: 1, name: "Feedback survey" })).toBeVisible();
  await expect(stranger.getByRole("link", { name: "My account" })).toHaveCount(0);
  await expectAccessible(stranger);
  const secondTab = await strangerContext.newPage();
  await secondTab.goto(path);

  // Sending with the required rating left out is refused and says which.
  await pressButton(stranger, "Send my answers");
  await expect(stranger.getByText("Choose an answer to this question.").first()).toBeVisible();
  await expectAccessible(stranger);

  // Answered by keyboard: a rating, a choice, a line of text, and the name kept back.
  await stranger.getByRole("radio", { name: "4", exact: true }).focus();
  await stranger.keyboard.press("Space");
  await stranger.getByRole("radio", { name: "A colleague" }).focus();
  await stranger.keyboard.press("Space");
  await stranger.getByLabel("What should we cover next? (optional)").focus();
  await stranger.keyboard.type("Alt text for charts");
  await stranger.getByRole("radio", { name: "Online" }).focus();
  await stranger.keyboard.press("Space");
  await expect(stranger.getByRole("checkbox", { name: "Share my name with the organizers" })).not.toBeChecked();
  await stranger.setViewportSize({ width: 390, height: 844 });
  expect(await scrollsSideways(stranger)).toBe(false);
  await pressButton(stranger, "Send my answers");
  await expect(stranger.getByText("Thank you. Your answers were sent to the organizers.")).toBeVisible();
  await expectAccessible(stranger);

  // The second tab's submission is refused, clearly; opening the link again says it was answered.
  await secondTab.getByRole("radio", { name: "1, not useful" }).focus();
  await secondTab.keyboard.press("Space");
  await pressButton(secondTab, "Send my answers");
  await expect(secondTab.getByText("You have already answered this survey. Only your first answers count; thank you for them.")).toBeVisible();
  await expectAccessible(secondTab);
  await stranger.goto(path);
  await expect(stranger.getByRole("heading", { name: "You’ve already answered" })).toBeVisible();
  await expectAccessible(stranger);

  // A tampered link is the invalid-link page.
  const invalid = await stranger.goto(`${path.slice(0, -3)}abc`);
  expect(invalid?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: /This survey link isn.t valid/ })).toBeVisible();
  await expectAccessible(stranger);
  await strangerContext.close();

  // The organizer's results: a chart with its text alternative, the same numbers in a table, and the CSV.
  await page.goto(`${manageUrl}/survey`);
  await expect(page.getByText("1 person has answered.")).toBeVisible();
  await expect(page.getByRole("img", { name: /^Question 1: How useful was this session\?.*4: 1 answer;/ })).toBeVisible();
  const table = page.getByRole("table", { name: /Answers to question 1/ });
  await expect(table.getByRole("row", { name: "4 1" })).toBeVisible();
  await expect(table.getByRole("row", { name: "5 0" })).toBeVisible();
  await expect(page.getByText("Alt text for charts")).toBeVisible();
  await expect(page.getByText("Robin Respondent")).toHaveCount(0);
  await expect(page.getByText("People have answered, so the questions can no longer change.")).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await scrollsSideways(page)).toBe(false);
  await page.setViewportSize({ width: 1280, height: 800 });

  const csv = await page.request.get(`${manageUrl}/survey/csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.text();
  expect(body).toContain('"How useful was this session?"');
  expect(body).toContain('"Which format suits you best?"');
  expect(body).toContain('"","4","A colleague","Alt text for charts","Online"');
  expect(body).not.toContain("Robin");
  expect(body).not.toContain(memberEmail);
});

test("survey pages are for organizers; a member is refused the results and the CSV", async ({ page, browser }) => {
  const title = `Survey Access ${Date.now().toString(36)}`;
  const { manageUrl } = await publishEvent(page, { title, start: "10:00", end: "11:00", format: "virtual", joinLink: "https://gsa.zoomgov.com/j/1698765434" });
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signUp(member, uniqueEmail("nosy"));
  await expect(member.getByRole("link", { name: "My account" })).toBeVisible();
  const results = await member.goto(`${manageUrl}/survey`);
  expect(results?.status()).toBe(403);
  const csv = await member.request.get(`${manageUrl}/survey/csv`);
  expect(csv.status()).toBe(403);
  await memberContext.close();
});
