import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { sendDueNotifications } from "@/lib/notifications/send";
import { DAY, HOUR } from "@/lib/notifications/test-helpers";
import { createEvent, createMember, viewerOf } from "@/test/factories";

const database = useTestDatabase();

/** True when every surrogate is half of a pair: a lone one is what cutting an emoji in two leaves. */
function isWellFormed(text: string) {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

describe("a long event title", () => {
  it("does not stop an RSVP or its reminder: the subject is shortened to fit, with an ellipsis", async () => {
    const now = new Date("2026-04-01T12:00:00Z");
    // 199 characters (the form allows 200), with an emoji (two UTF-16 units) right where
    // "You're going: " plus the title crosses the limit: a plain slice would cut it in half.
    const title = `${"Plain language ".repeat(13).slice(0, 184)}🙂${"b".repeat(13)}`;
    expect(title.length).toBe(199);
    const event = await createEvent(database.db, { title, startsAt: new Date(now.getTime() + 3 * DAY) });
    const member = await createMember(database.db);

    const result = await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    expect(result.status).toBe("going");
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY + HOUR), db: database.db });

    const mail = await database.db.select().from(outbox).where(eq(outbox.to, member.email));
    expect(mail.map((row) => row.kind).sort()).toEqual(["reminder_day", "rsvp_confirmed"]);
    for (const row of mail) {
      expect(row.subject.length).toBeLessThanOrEqual(200);
      expect(row.subject.endsWith("…")).toBe(true);
      expect(isWellFormed(row.subject)).toBe(true);
    }
    expect(mail.find((row) => row.kind === "rsvp_confirmed")!.subject.startsWith(`You're going: ${title.slice(0, 100)}`)).toBe(true);
  });
});
