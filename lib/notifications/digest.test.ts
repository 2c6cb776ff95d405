import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing";
import { createLinkResource } from "@/lib/resources/manage";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { sendDueNotifications } from "./send";
import { DAY, HOUR, mailTo, notificationsOf } from "./test-helpers";

const database = useTestDatabase();

async function digestsTo(email: string) {
  return (await mailTo(database.db, email)).filter((mail) => mail.kind === "digest");
}

describe("weekly digest", () => {
  it("goes once a week, at 08:00 on Monday in the member's own time zone, to those who asked", async () => {
    // Monday 9 March 2026; 08:00 in Los Angeles (PDT from 8 March) is 15:00 UTC.
    const mondayEightLA = new Date("2026-03-09T15:00:00Z");
    await createEvent(database.db, { title: "Accessible video captions", startsAt: new Date(mondayEightLA.getTime() + 3 * DAY) });
    await createEvent(database.db, { title: "Too far ahead", startsAt: new Date(mondayEightLA.getTime() + 20 * DAY) });
    const organizer = await createMember(database.db, { role: "organizer" });
    await createLinkResource(
      viewerOf(organizer),
      { title: "Plain language checklist", description: "", type: "guide", topics: [], eventId: null, url: "https://digital.gov/x" },
      new Date(mondayEightLA.getTime() - 2 * DAY),
    );
    const reader = await createMember(database.db, { weeklyDigest: true, timeZone: "America/Los_Angeles" });
    const notSubscribed = await createMember(database.db, { timeZone: "America/Los_Angeles" });

    await sendDueNotifications({ now: new Date(mondayEightLA.getTime() - 60_000) });
    expect(await digestsTo(reader.email)).toEqual([]);
    await sendDueNotifications({ now: mondayEightLA });
    await sendDueNotifications({ now: new Date(mondayEightLA.getTime() + HOUR) });
    // Tuesday of the same week: still the one.
    await sendDueNotifications({ now: new Date(mondayEightLA.getTime() + DAY) });
    const [digest, ...rest] = await digestsTo(reader.email);
    expect(rest).toEqual([]);
    expect(digest!.text).toContain("Accessible video captions");
    expect(digest!.text).not.toContain("Too far ahead");
    expect(digest!.text).toContain("Plain language checklist");
    expect(digest!.headers["List-Unsubscribe"]).toContain("/unsubscribe/");
    const [row] = await notificationsOf(database.db, reader.id);
    expect(row!.key).toBe(`digest:${reader.id}:2026-03-09`);
    expect(await digestsTo(notSubscribed.email)).toEqual([]);

    // The next Monday brings the next one.
    await sendDueNotifications({ now: new Date(mondayEightLA.getTime() + 7 * DAY) });
    expect(await digestsTo(reader.email)).toHaveLength(2);
  });

  it("is not sent at 08:00 Eastern to someone in Honolulu", async () => {
    const mondayEightEastern = new Date("2026-03-16T12:00:00Z");
    await createEvent(database.db, { startsAt: new Date(mondayEightEastern.getTime() + 2 * DAY) });
    const reader = await createMember(database.db, { weeklyDigest: true, timeZone: "Pacific/Honolulu" });
    await sendDueNotifications({ now: mondayEightEastern });
    expect(await digestsTo(reader.email)).toEqual([]);
    // 08:00 in Honolulu (UTC-10) is 18:00 UTC.
    await sendDueNotifications({ now: new Date("2026-03-16T18:00:00Z") });
    expect(await digestsTo(reader.email)).toHaveLength(1);
  });
});
