import { simpleParser } from "mailparser";
import { DEMO_ORGANIZER_EMAIL } from "../db/seed";
import { signInAs, signUp, uniqueEmail } from "./auth-helpers";
import { expect, expectAccessible, test } from "./fixtures";
import { readDelivered } from "./smtp-sink";

const mailDir = process.env.E2E_MAIL_DIR;
// A past seeded event whose two attendees (both checked in) get the follow-up email.
const PAST_EVENT = "West Coast Social Media Meetup";
const ATTENDEE = "hannah.kim@va.gov";

const GOOD_VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to the meetup.\n\n00:00:04.500 --> 00:00:09.000\nCaptions are on.\n";
// Commas before the milliseconds: SubRip's timing in a file that says it is WebVTT.
const BAD_VTT = "WEBVTT\n\n00:00:01,000 --> 00:00:04,000\nWelcome to the meetup.\n";

test("a recording stays a draft until it has captions and a transcript; then members get it and the follow-up goes out", async ({ page, browser }) => {
  test.skip(!mailDir || Boolean(process.env.E2E_BASE_URL), "needs the SMTP sink and the short scheduler interval of scripts/e2e-server.ts");
  // The e2e server sends a follow-up 5 s after the recording is published (FOLLOW_UP_DELAY_SECONDS); its scheduler runs every 2 s.
  test.setTimeout(4 * 60_000);
  const title = `Meetup recording ${Date.now().toString(36)}`;

  await signInAs(page, DEMO_ORGANIZER_EMAIL);
  await page.goto("/manage/resources/new?kind=link");
  await page.getByRole("textbox", { name: "Link" }).fill("https://www.youtube.com/watch?v=meetup2026");
  await page.getByRole("textbox", { name: "Title" }).fill(title);
  await page.getByRole("combobox", { name: "Type" }).selectOption("recording");
  const eventSelect = page.getByRole("combobox", { name: "Event (optional)" });
  const option = eventSelect.locator("option", { hasText: PAST_EVENT });
  await eventSelect.selectOption((await option.getAttribute("value"))!);
  await page.getByRole("button", { name: "Add link" }).click();

  // Added, but a draft: the organizer lands on the captions step with the reasons shown.
  await expect(page.getByRole("heading", { level: 1, name: "Captions and transcript" })).toBeVisible();
  await expect(page.getByText("The recording was added as a draft.")).toBeVisible();
  await expect(page.getByText("Draft, only organizers see it.")).toBeVisible();
  await expect(page.getByText("Needs captions. Needs a transcript.")).toBeVisible();
  const id = page.url().match(/\/manage\/resources\/([0-9a-f-]{36})\/captions/)![1]!;
  await expectAccessible(page);

  await page.goto("/manage/resources");
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("Draft");
  await expect(row).toContainText("Needs captions, Needs a transcript");

  // Members see nothing of it: not in the library, not on the event page, not at its address.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signUp(member, uniqueEmail("captions-member"));
  await member.goto(`/resources?q=${encodeURIComponent(title)}`);
  await expect(member.getByRole("status").filter({ hasText: "No resources match this search." })).toBeVisible();
  expect((await member.goto(`/resources/${id}`))!.status()).toBe(404);
  expect((await member.request.get(`/resources/${id}/download`, { maxRedirects: 0 })).status()).toBe(404);
  // Visitors neither.
  const visitor = await browser.newContext();
  expect((await visitor.request.get(`/resources/${id}`)).status()).toBe(404);
  await visitor.close();

  // Keyboard only: a malformed WebVTT file is refused with the reason beside the field.
  await page.goto(`/manage/resources/${id}/captions`);
  const captionsFile = page.getByLabel("Captions file");
  await captionsFile.setInputFiles({ name: "meetup.vtt", mimeType: "text/vtt", buffer: Buffer.from(BAD_VTT) });
  await captionsFile.focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("checkbox", { name: /the video at this link shows accurate captions/ })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Transcript file")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("textbox", { name: "Or paste the transcript (optional)" })).toBeFocused();
  await page.keyboard.type("Host: Welcome to the meetup.\nHost: Captions are on.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save captions and transcript" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#captionsFile-error")).toContainText("meetup.vtt: Line 3: the timing");
  await expect(page.locator("#captionsFile-error")).toContainText("uses a comma before the milliseconds; WebVTT uses a full stop");
  // The error summary takes focus, and what was typed is kept.
  await expect(page.locator(":focus")).toContainText("Please correct the errors below.");
  await expect(page.getByRole("textbox", { name: "Or paste the transcript (optional)" })).toHaveValue(/Captions are on\./);
  await expectAccessible(page);

  // A good file and the transcript publish it.
  await captionsFile.setInputFiles({ name: "meetup.vtt", mimeType: "text/vtt", buffer: Buffer.from(GOOD_VTT) });
  await page.getByRole("button", { name: "Save captions and transcript" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("It has captions and a transcript, so members can see it now.")).toBeVisible();
  await expect(page.getByText("Published: it has captions and a transcript")).toBeVisible();
  await expect(page.getByText("Captions: meetup.vtt (2 captions)")).toBeVisible();
  await expectAccessible(page);

  // Members find it, with its captions and transcript, downloaded through the sandboxed download route.
  await member.goto(`/resources?q=${encodeURIComponent(title)}`);
  await member.getByRole("link", { name: `Captions and transcript for ${title}` }).click();
  await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(member.getByRole("term").filter({ hasText: "Captions" })).toBeVisible();
  await expect(member.getByRole("term").filter({ hasText: "Transcript" })).toBeVisible();
  await expectAccessible(member);
  await member.getByText("Read the transcript on this page").click();
  await expect(member.getByText("Host: Captions are on.")).toBeVisible();
  const captions = await member.request.get(`/resources/${id}/download?part=captions`);
  expect(captions.status()).toBe(200);
  expect(captions.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  expect(captions.headers()["content-disposition"]).toContain("attachment");
  expect(await captions.text()).toBe(GOOD_VTT);
  const transcript = await member.request.get(`/resources/${id}/download?part=transcript`);
  expect(await transcript.text()).toBe("Host: Welcome to the meetup.\nHost: Captions are on.");
  await memberContext.close();

  // The people who went hear about it once it is published.
  let followUp: Awaited<ReturnType<typeof simpleParser>> | undefined;
  await expect
    .poll(
      async () => {
        for (const raw of readDelivered(mailDir!, ATTENDEE)) {
          const parsed = await simpleParser(raw);
          if (parsed.subject === `Recording and slides are now available: ${PAST_EVENT}` && (parsed.text ?? "").includes(title)) followUp = parsed;
        }
        return Boolean(followUp);
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe(true);
  expect(followUp!.text).toContain("https://www.youtube.com/watch?v=meetup2026");
  expect(followUp!.text).toMatch(new RegExp(`Captions and transcript: \\S+/resources/${id}\\s`));
});
