import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { replyMessage } from "../test/itip-reply";
import { signUp, uniqueEmail } from "./auth-helpers";
import { publishEvent } from "./events";
import { expect, test } from "./fixtures";
import { readDelivered } from "./smtp-sink";

const mailDir = process.env.E2E_MAIL_DIR;
const mailInPort = process.env.E2E_MAIL_IN_PORT;

/** The iTIP invitation (METHOD:REQUEST) in the newest message to `email` whose subject matches, once it arrives. */
async function invitationTo(email: string, subject: RegExp) {
  let invite: InstanceType<typeof ICAL.Component> | undefined;
  await expect
    .poll(
      async () => {
        for (const raw of readDelivered(mailDir!, email).reverse()) {
          const message = await simpleParser(raw);
          if (!subject.test(message.subject ?? "")) continue;
          const part = message.attachments.find((attachment) => attachment.contentType === "text/calendar");
          if (!part) continue;
          const calendar = new ICAL.Component(ICAL.parse(part.content.toString("utf8")));
          if (calendar.getFirstPropertyValue("method") === "REQUEST") invite = calendar;
          return Boolean(invite);
        }
        return false;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return invite!.getFirstSubcomponent("vevent")!;
}

test("declining in the calendar frees the seat: the first person waiting is promoted and gets the invite", async ({ page, browser }) => {
  test.skip(!mailDir || !mailInPort || Boolean(process.env.E2E_BASE_URL), "needs the SMTP sink and mail receiver that scripts/e2e-server.ts starts");
  const title = `Reply Lab ${Date.now().toString(36)}`;

  // A one-seat event.
  const { publicPath: eventPath } = await publishEvent(page, {
    title,
    start: "13:00",
    end: "14:00",
    format: "virtual",
    joinLink: "https://gsa.zoomgov.com/j/1619876543",
    capacity: 1,
  });

  // A takes the seat; B, in a browser of their own, is first on the waitlist.
  const going = uniqueEmail("reply-going");
  const waiting = uniqueEmail("reply-waiting");
  const context = await browser.newContext();
  const pageA = await context.newPage();
  await signUp(pageA, going);
  await pageA.goto(eventPath);
  await pageA.getByRole("button", { name: "RSVP: I'm going" }).click();
  await expect(pageA.getByTestId("rsvp-panel")).toContainText("You're going");
  await context.close();

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await signUp(page, waiting);
  await page.goto(eventPath);
  await page.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(page.getByTestId("rsvp-panel")).toContainText("you're number 1 on the waitlist");

  // A's invitation names A's own reply address as ORGANIZER.
  const invite = await invitationTo(going, /You're going/i);
  const organizer = String(invite.getFirstPropertyValue("organizer")).replace(/^mailto:/i, "");
  expect(organizer).toMatch(/^rsvp\+[0-9a-f]{56}@/);

  // A's calendar answers "No": an iTIP REPLY to that address, handed to the running receiver over SMTP.
  const reply = await replyMessage({ uid: String(invite.getFirstPropertyValue("uid")), organizer, attendee: going, partstat: "DECLINED" });
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: Number(mailInPort), secure: false, ignoreTLS: true });
  const sent = await transport.sendMail({ envelope: { from: going, to: [organizer] }, raw: reply });
  expect(sent.accepted).toEqual([organizer]);

  // B holds the seat now, and their invitation arrives.
  const promoted = await invitationTo(waiting, /seat/i);
  expect(String(promoted.getFirstPropertyValue("uid"))).toBe(String(invite.getFirstPropertyValue("uid")));
  await page.reload();
  await expect(page.getByTestId("rsvp-state")).toHaveText("You’re going.");
});
