import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { rsvpToEvent } from "./rsvp";
import { prepareSeatMail, previewSeat, seatMember, type PreparedMail, type SeatPreview } from "./rsvp-seat";

const database = useTestDatabase();

/** Seats the member under the event lock, as rsvpToEvent does, with the mail prepared from `preview` by `guess`. */
async function seatWith(preview: SeatPreview, userId: string, guess: (prepared: PreparedMail) => PreparedMail) {
  const now = new Date();
  const newRsvpId = randomUUID();
  const prepared = guess(prepareSeatMail(preview, { userId, newRsvpId, now })!);
  return database.db.transaction((tx) =>
    seatMember(tx, { event: preview.event!, userId, admitted: true, wantsInvites: preview.member.inviteEmails, newRsvpId, prepared, now }),
  );
}

describe("the confirmation prepared before the event lock", () => {
  it("is queued by the seat statement when the guess holds", async () => {
    const event = await createEvent(database.db, { capacity: 1 });
    const member = await createMember(database.db);
    const preview = (await previewSeat(database.db, event.id, member.id))!;
    const outcome = await seatWith(preview, member.id, (prepared) => prepared);
    expect(outcome).toMatchObject({ kind: "seated", status: "going", mailQueued: true, invite: { method: "REQUEST", sequence: event.sequence } });
    const mails = await database.db.select().from(outbox).where(eq(outbox.to, member.email));
    expect(mails.map((mail) => mail.kind)).toEqual(["rsvp_confirmed"]);
    expect(mails[0]!.calendar?.content).toContain(`SEQUENCE:${event.sequence}`);
  });

  it("is not queued when the member got another status, or another invite, than guessed", async () => {
    const event = await createEvent(database.db, { capacity: 1 });
    const [first, second] = [await createMember(database.db), await createMember(database.db)];
    // Both previews see a free seat; the first takes it, so the second's "going" guess is wrong.
    const previews = [(await previewSeat(database.db, event.id, first.id))!, (await previewSeat(database.db, event.id, second.id))!];
    await seatWith(previews[0]!, first.id, (prepared) => prepared);
    const late = await seatWith(previews[1]!, second.id, (prepared) => prepared);
    expect(late).toMatchObject({ kind: "seated", status: "waitlisted", mailQueued: false });
    expect(await database.db.select().from(outbox).where(eq(outbox.to, second.email))).toEqual([]);

    const third = await createMember(database.db);
    const open = await createEvent(database.db, { capacity: 5 });
    const preview = (await previewSeat(database.db, open.id, third.id))!;
    const staleInvite = await seatWith(preview, third.id, (prepared) => ({
      ...prepared,
      invite: { ...prepared.invite!, sequence: prepared.invite!.sequence + 1 },
    }));
    expect(staleInvite).toMatchObject({ kind: "seated", status: "going", mailQueued: false });
    expect(await database.db.select().from(outbox).where(eq(outbox.to, third.email))).toEqual([]);
  });

  it("a member back after cancelling gets one confirmation carrying the raised SEQUENCE", async () => {
    const { cancelRsvp } = await import("./rsvp");
    const event = await createEvent(database.db, { capacity: 5 });
    const member = viewerOf(await createMember(database.db));
    await rsvpToEvent(member, { eventId: event.id });
    await cancelRsvp(member, { eventId: event.id });
    await rsvpToEvent(member, { eventId: event.id });
    const mails = await database.db.select().from(outbox).where(eq(outbox.to, member.email)).orderBy(outbox.id);
    expect(mails.map((mail) => mail.kind)).toEqual(["rsvp_confirmed", "rsvp_cancelled", "rsvp_confirmed"]);
    const sequences = mails.map((mail) => /SEQUENCE:(\d+)/.exec(mail.calendar?.content ?? "")?.[1]);
    expect(sequences).toEqual([String(event.sequence), String(event.sequence + 1), String(event.sequence + 2)]);
  });
});
