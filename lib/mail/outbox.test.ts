import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { enqueueMail, type OutgoingMail } from "./outbox";

const database = useTestDatabase();

beforeEach(async () => {
  await database.db.delete(outbox);
});

const mail = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: "alice@agency.gov",
  subject: "You're going: Plain language workshop",
  text: "See you there.",
  kind: "rsvp-confirmed",
  ...overrides,
});

describe("enqueueMail", () => {
  it("stores a pending row that is due now", async () => {
    const id = await enqueueMail(database.db, mail({ subject: "  Padded subject  " }));
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({
      to: "alice@agency.gov",
      subject: "Padded subject",
      status: "pending",
      attempts: 0,
      headers: {},
      calendar: null,
      html: null,
    });
    expect(row!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it.each([
    ["a line feed in the subject", { subject: "Hello\nBcc: victim@agency.gov" }],
    ["a carriage return in the subject", { subject: "Hello\rBcc: victim@agency.gov" }],
    ["a trailing line break in the subject", { subject: "Hello\r\n" }],
    ["a line break in a header value", { headers: { "X-Ref": "1\r\nBcc: victim@agency.gov" } }],
    ["a colon in a header name", { headers: { "X-Ref: 2\r\nBcc": "victim@agency.gov" } }],
    ["a header that adds recipients", { headers: { Bcc: "victim@agency.gov" } }],
    ["two recipients", { to: "alice@agency.gov, bob@agency.gov" }],
    ["a recipient with a line break", { to: "alice@agency.gov\r\nbob@agency.gov" }],
    ["a recipient that is not an address", { to: "alice" }],
    ["an empty subject", { subject: "   " }],
    ["a subject over 200 characters", { subject: "x".repeat(201) }],
    ["an empty kind", { kind: "" }],
    [
      "a calendar file name with a path",
      { calendar: { method: "REQUEST", content: "BEGIN:VCALENDAR", filename: "../x.ics" } },
    ],
  ] satisfies [string, Partial<OutgoingMail>][])("refuses %s", async (_label, overrides) => {
    await expect(enqueueMail(database.db, mail(overrides))).rejects.toThrow(/enqueueMail: invalid mail/);
    expect(await database.db.select().from(outbox)).toHaveLength(0);
  });

  it("accepts a subject of exactly 200 characters after trimming", async () => {
    await expect(enqueueMail(database.db, mail({ subject: ` ${"x".repeat(200)} ` }))).resolves.toBeTypeOf("number");
  });

  it("writes inside the caller's transaction, so a rollback leaves no mail", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMail(tx, mail());
        throw new Error("the RSVP failed after the mail was queued");
      }),
    ).rejects.toThrow("the RSVP failed");
    expect(await database.db.select().from(outbox)).toHaveLength(0);

    await database.db.transaction(async (tx) => {
      await enqueueMail(tx, mail());
    });
    expect(await database.db.select().from(outbox)).toHaveLength(1);
  });
});
