import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { cancelEvent, updateEvent } from "@/lib/events/manage";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { UPDATE_QUIET_MS } from "@/lib/events/updates";
import { sendDueNotifications } from "@/lib/notifications/send";
import { createEvent, createMember, eventInputOf, viewerOf } from "@/test/factories";
import { replyMessage } from "@/test/itip-reply";
import { handleCalendarReply } from "./replies";
import { replyAddress } from "./reply-address";
import { readInvite, SITE, useCalendarEnv, type ReadInvite } from "./test-helpers";

const database = useTestDatabase();
useCalendarEnv();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every mail a member got, in order, with its calendar part read by both parsers. */
async function received(email: string) {
  const rows = await database.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(asc(outbox.id));
  return rows.map((row) => ({ kind: row.kind, text: row.text, invite: row.calendar ? readInvite(row.calendar.content) : null }));
}

const methods = (mails: { invite: ReadInvite | null }[]) => mails.flatMap((mail) => (mail.invite ? [`${mail.invite.method} ${mail.invite.sequence}`] : []));

async function rsvpIdOf(eventId: string, userId: string) {
  const [row] = await database.db
    .select({ id: rsvps.id })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)));
  return row!.id;
}

describe("the whole life of an event in four members' calendars (issue 15)", () => {
  it("sends each member exactly the invites, updates and cancellations their calendar needs, SEQUENCE always rising", async () => {
    let now = new Date("2026-03-02T12:00:00Z");
    const tick = (ms: number) => (now = new Date(now.getTime() + ms));
    const organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
    const start = new Date("2026-03-12T18:00:00Z");
    let event = await createEvent(database.db, { capacity: 3, startsAt: start, endsAt: new Date(start.getTime() + HOUR), title: "Plain language clinic" });

    const going = await createMember(database.db, { email: "ana.going@gsa.gov" });
    const optedOut = await createMember(database.db, { email: "omar.optedout@va.gov", inviteEmails: false });
    const canceller = await createMember(database.db, { email: "dana.cancels@hhs.gov" });
    const waitlisted = await createMember(database.db, { email: "wes.waits@usda.gov" });

    // Three seats: going, opted out and the canceller take them; the fourth waits.
    await rsvpToEvent(viewerOf(going), { eventId: event.id }, tick(MINUTE));
    await rsvpToEvent(viewerOf(optedOut), { eventId: event.id }, tick(MINUTE));
    await rsvpToEvent(viewerOf(canceller), { eventId: event.id }, tick(MINUTE));
    expect(await rsvpToEvent(viewerOf(waitlisted), { eventId: event.id }, tick(MINUTE))).toMatchObject({ status: "waitlisted" });

    // A time move: one update after the quiet period.
    const moved = new Date(start.getTime() + HOUR);
    await updateEvent(organizer, event.id, eventInputOf(event, { startsAt: moved, endsAt: new Date(moved.getTime() + HOUR) }), tick(MINUTE));
    event = { ...event, startsAt: moved, endsAt: new Date(moved.getTime() + HOUR) };
    await sendDueNotifications({ db: database.db, now: tick(UPDATE_QUIET_MS + 1000) });

    // The canceller leaves (the waitlisted member is promoted), and comes back to the end of the waitlist.
    await cancelRsvp(viewerOf(canceller), { eventId: event.id }, tick(MINUTE));
    expect(await rsvpToEvent(viewerOf(canceller), { eventId: event.id }, tick(MINUTE))).toMatchObject({ status: "waitlisted" });

    // A title edit made in three quick saves: one update, with the last title.
    await updateEvent(organizer, event.id, eventInputOf(event, { title: "Plain language clinc" }), tick(10_000));
    await updateEvent(organizer, event.id, eventInputOf(event, { title: "Plain language clinic II" }), tick(10_000));
    await updateEvent(organizer, event.id, eventInputOf(event, { title: "Plain language clinic II", summary: "Now with examples." }), tick(10_000));
    event = { ...event, title: "Plain language clinic II", summary: "Now with examples." };
    await sendDueNotifications({ db: database.db, now: tick(UPDATE_QUIET_MS - 1000) });
    expect((await received(going.email)).filter((m) => m.kind === "event_changed")).toHaveLength(1);
    await sendDueNotifications({ db: database.db, now: tick(2000) });

    // Both reminders go out; neither carries an invite.
    await sendDueNotifications({ db: database.db, now: (now = new Date(moved.getTime() - DAY + MINUTE)) });
    await sendDueNotifications({ db: database.db, now: (now = new Date(moved.getTime() - HOUR + MINUTE)) });

    // The going member declines in their calendar: the seat goes to the canceller, first in line again.
    const lastInvite = (await received(going.email)).flatMap((m) => (m.invite ? [m.invite] : [])).at(-1)!;
    const decline = await replyMessage({ uid: lastInvite.uid, organizer: lastInvite.organizer!, attendee: going.email, partstat: "DECLINED" });
    expect(await handleCalendarReply({ message: decline, recipient: lastInvite.organizer, now: tick(MINUTE) })).toMatchObject({ outcome: "declined" });

    await cancelEvent(organizer, event.id, { message: "The speaker is ill; we will reschedule." }, tick(MINUTE));

    const mails = {
      going: await received(going.email),
      waitlisted: await received(waitlisted.email),
      optedOut: await received(optedOut.email),
      canceller: await received(canceller.email),
    };
    // RFC 5546 3.2.5 and Google: every message a member gets about the event raises SEQUENCE. Each save
    // raises the event's (1 for the move, 2-4 for the three title saves, 5 for the cancellation); a member's
    // own cancel and return raise theirs past it (the canceller's CANCEL 2 and REQUEST 4 after it).
    expect(methods(mails.going)).toEqual(["REQUEST 0", "REQUEST 1", "REQUEST 4", "CANCEL 5"]);
    expect(methods(mails.waitlisted)).toEqual(["REQUEST 1", "REQUEST 4", "CANCEL 5"]);
    expect(methods(mails.optedOut)).toEqual([]);
    expect(methods(mails.canceller)).toEqual(["REQUEST 0", "REQUEST 1", "CANCEL 2", "REQUEST 4", "CANCEL 5"]);

    const reminders = ["reminder_day", "reminder_hour"];
    expect(mails.going.map((m) => m.kind)).toEqual(["rsvp_confirmed", "event_changed", "event_changed", ...reminders, "rsvp_cancelled"]);
    expect(mails.waitlisted.map((m) => m.kind)).toEqual(["rsvp_waitlisted", "rsvp_promoted", "event_changed", ...reminders, "event_cancelled"]);
    // The opted-out member is told of the time move and the cancellation by email, with no calendar part ever.
    expect(mails.optedOut.map((m) => m.kind)).toEqual(["rsvp_confirmed", "event_changed", ...reminders, "event_cancelled"]);
    expect(mails.canceller.map((m) => m.kind)).toEqual([
      "rsvp_confirmed",
      "event_changed",
      "rsvp_cancelled",
      "rsvp_waitlisted",
      "rsvp_promoted",
      "event_cancelled",
    ]);

    const host = new URL(SITE).host;
    for (const [member, list] of [
      [going, mails.going],
      [waitlisted, mails.waitlisted],
      [canceller, mails.canceller],
    ] as const) {
      const invites = list.flatMap((m) => (m.invite ? [m.invite] : []));
      // One UID (the deployment's host), and Accept/Decline goes to the member's own reply address.
      expect(new Set(invites.map((i) => i.uid))).toEqual(new Set([`${event.id}@${host}`]));
      const address = replyAddress(await rsvpIdOf(event.id, member.id)).toLowerCase();
      expect(invites.every((i) => i.organizer === address)).toBe(true);
    }

    // What each calendar shows: the moved time, the title of the last of three saves, who cancelled and why.
    const lastUpdate = mails.waitlisted.find((m) => m.kind === "event_changed")!.invite!;
    expect(lastUpdate).toMatchObject({ summary: "Plain language clinic II", start: moved.getTime(), status: "CONFIRMED" });
    expect(lastUpdate.description).toContain("Now with examples.");
    const ownCancel = mails.canceller.find((m) => m.kind === "rsvp_cancelled")!.invite!;
    expect(ownCancel.description).toMatch(/^You cancelled your RSVP\./);
    expect(ownCancel.description).not.toContain("This event has been cancelled");
    const eventCancel = mails.canceller.at(-1)!.invite!;
    expect(eventCancel.status).toBe("CANCELLED");
    expect(eventCancel.description).toContain("This event has been cancelled.");
    expect(eventCancel.description).toContain("The speaker is ill; we will reschedule.");
  });
});
