import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createMember } from "@/test/factories";
import "./test-helpers";
import { getUnsubscribeState, unsubscribeWithToken } from "./preferences";
import { createUnsubscribeToken, readUnsubscribeToken } from "./unsubscribe-tokens";

const database = useTestDatabase();

async function preferencesOf(userId: string) {
  const [row] = await database.db
    .select({ day: users.reminderDayBefore, hour: users.reminderHourBefore, followUp: users.followUpEmails, digest: users.weeklyDigest })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

describe("unsubscribe tokens", () => {
  it("round-trips the member and the kind of email", () => {
    const userId = "0b7c5b0e-3f0a-4a57-9d0e-2a3c4b5d6e7f";
    for (const kind of ["reminder_day", "reminder_hour", "follow_up", "digest"] as const) {
      expect(readUnsubscribeToken(createUnsubscribeToken({ userId, kind }))).toEqual({ userId, kind });
    }
  });

  it("refuses tampered, truncated and made-up tokens", () => {
    const userId = "0b7c5b0e-3f0a-4a57-9d0e-2a3c4b5d6e7f";
    const token = createUnsubscribeToken({ userId, kind: "digest" });
    const [payload, signature] = token.split(".") as [string, string];
    // Same signature, another kind of email (the last payload byte).
    const bytes = Buffer.from(payload, "base64url");
    bytes[16] = 0;
    expect(readUnsubscribeToken(`${bytes.toString("base64url")}.${signature}`)).toBeNull();
    const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(readUnsubscribeToken(`${payload}.${flipped}`)).toBeNull();
    expect(readUnsubscribeToken(payload)).toBeNull();
    expect(readUnsubscribeToken(`${payload}.${signature.slice(0, 20)}`)).toBeNull();
    expect(readUnsubscribeToken(`${token}.extra`)).toBeNull();
    expect(readUnsubscribeToken("")).toBeNull();
    expect(readUnsubscribeToken("not-a-token")).toBeNull();
  });

  it("turns off exactly one preference, without signing in", async () => {
    const member = await createMember(database.db, { weeklyDigest: true });
    const token = createUnsubscribeToken({ userId: member.id, kind: "reminder_hour" });
    expect(await getUnsubscribeState(token)).toMatchObject({ kind: "reminder_hour", subscribed: true });
    expect(await unsubscribeWithToken(token)).toMatchObject({ kind: "reminder_hour" });
    expect(await preferencesOf(member.id)).toEqual({ day: true, hour: false, followUp: true, digest: true });
    // Again: still off, nothing else touched.
    await unsubscribeWithToken(token);
    expect(await getUnsubscribeState(token)).toMatchObject({ kind: "reminder_hour", subscribed: false });
    expect(await preferencesOf(member.id)).toEqual({ day: true, hour: false, followUp: true, digest: true });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.targetId, member.id));
    expect(audit.map((row) => row.action)).toContain("member.unsubscribed");
  });

  it("changes nothing for an invalid token", async () => {
    const member = await createMember(database.db, { weeklyDigest: true });
    const token = createUnsubscribeToken({ userId: member.id, kind: "digest" });
    expect(await unsubscribeWithToken(`${token.slice(0, -2)}xx`)).toBeNull();
    expect(await getUnsubscribeState("garbage")).toBeNull();
    expect(await preferencesOf(member.id)).toEqual({ day: true, hour: true, followUp: true, digest: true });
  });

  it("answers null for a valid token whose account is gone", async () => {
    const member = await createMember(database.db);
    const token = createUnsubscribeToken({ userId: member.id, kind: "digest" });
    await database.db.delete(users).where(eq(users.id, member.id));
    expect(await unsubscribeWithToken(token)).toBeNull();
    expect(await getUnsubscribeState(token)).toBeNull();
  });
});
