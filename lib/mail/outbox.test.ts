import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { enqueueMail, fitSubject, type OutgoingMail } from "./outbox";

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

describe("fitSubject", () => {
  it("cuts between graphemes, never inside a surrogate pair or a combined character", () => {
    expect(fitSubject("short")).toBe("short");
    expect(fitSubject(`${"a".repeat(8)}🙂🙂`, 10)).toBe(`${"a".repeat(8)}…`);
    expect(fitSubject(`${"a".repeat(7)}🙂🙂`, 10)).toBe(`${"a".repeat(7)}🙂…`);
    expect(fitSubject(`${"a".repeat(6)}🙂🙂`, 10)).toBe(`${"a".repeat(6)}🙂🙂`);
    // A family emoji is one grapheme of eleven UTF-16 units: kept whole or not at all.
    expect(fitSubject(`ab👨‍👩‍👧‍👦cdefghijklmnop`, 12)).toBe("ab…");
    expect(fitSubject(`e\u0301${"x".repeat(20)}`, 5)).toBe("e\u0301xx…");
    expect(fitSubject(`${"word ".repeat(10)}`, 11)).toBe("word word…");
  });
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
    ["an empty kind", { kind: "" }],
    ["a calendar file name with a path", { calendar: { method: "REQUEST", content: "BEGIN:VCALENDAR", filename: "../x.ics" } }],
  ] satisfies [string, Partial<OutgoingMail>][])("refuses %s", async (_label, overrides) => {
    await expect(enqueueMail(database.db, mail(overrides))).rejects.toThrow(/enqueueMail: invalid mail/);
    expect(await database.db.select().from(outbox)).toHaveLength(0);
  });

  it("accepts a subject of exactly 200 characters after trimming", async () => {
    await expect(enqueueMail(database.db, mail({ subject: ` ${"x".repeat(200)} ` }))).resolves.toBeTypeOf("number");
  });

  it("shortens a longer subject to 200 characters with an ellipsis instead of refusing it", async () => {
    const id = await enqueueMail(database.db, mail({ subject: `You're going: ${"x".repeat(250)}` }));
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.subject).toBe(`You're going: ${"x".repeat(185)}…`);
    expect(row!.subject).toHaveLength(200);
  });

  it("still refuses a line break that only a shortened subject would hide", async () => {
    await expect(enqueueMail(database.db, mail({ subject: `${"x".repeat(250)}\r\nBcc: victim@agency.gov` }))).rejects.toThrow(/invalid mail/);
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
