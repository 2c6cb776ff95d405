import { describe, expect, it } from "vitest";
import { notifications, outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { listFailedMail } from "./failures";

const database = useTestDatabase();

describe("listFailedMail", () => {
  it("shows admins failed notifications and failed outbox mail with the error and time, and nothing still on its way", async () => {
    const admin = viewerOf(await createMember(database.db, { role: "admin" }));
    const member = await createMember(database.db, { email: "pat@agency.gov" });
    const event = await createEvent(database.db, { title: "Captions that work" });
    const failedAt = new Date("2026-05-04T12:08:00Z");
    await database.db.insert(notifications).values([
      {
        key: "failed-one",
        kind: "reminder_day",
        userId: member.id,
        eventId: event.id,
        dueAt: failedAt,
        status: "failed",
        attempts: 5,
        lastError: "enqueueMail: invalid mail",
        failedAt,
      },
      { key: "still-trying", kind: "reminder_hour", userId: member.id, eventId: event.id, dueAt: failedAt, attempts: 2, lastError: "later" },
    ]);
    await database.db.insert(outbox).values([
      {
        to: "pat@agency.gov",
        subject: "You're going: Captions",
        text: "secret body",
        kind: "rsvp_confirmed",
        status: "failed",
        attempts: 8,
        lastError: "550 no such user",
        failedAt,
      },
      { to: "pat@agency.gov", subject: "Pending", text: "x", kind: "sign-in" },
    ]);

    const failed = await listFailedMail(admin);
    expect(failed.notifications).toEqual([
      expect.objectContaining({
        kind: "reminder_day",
        email: "pat@agency.gov",
        eventTitle: "Captions that work",
        attempts: 5,
        lastError: "enqueueMail: invalid mail",
        failedAt,
      }),
    ]);
    expect(failed.outbox).toEqual([
      expect.objectContaining({
        kind: "rsvp_confirmed",
        to: "pat@agency.gov",
        subject: "You're going: Captions",
        attempts: 8,
        lastError: "550 no such user",
        failedAt,
      }),
    ]);
    expect(JSON.stringify(failed)).not.toContain("secret body");
  });

  it("is for admins only", async () => {
    for (const role of ["member", "organizer"] as const) {
      await expect(listFailedMail(viewerOf(await createMember(database.db, { role })))).rejects.toMatchObject({ kind: "forbidden" });
    }
    await expect(listFailedMail(null)).rejects.toBeInstanceOf(AppError);
  });
});
