import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { accounts, auditLog, events, feedTokens, resources, rsvps, sessions, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { deleteOwnAccount, signOutEverywhere } from "./account";
import { insertSessions, insertUser, viewerFor } from "./test-users";

const database = useTestDatabase();

beforeEach(async () => {
  await database.db.delete(auditLog);
  await database.db.delete(events);
  await database.db.delete(resources);
  await database.db.delete(users);
});

async function sessionsOf(userId: string) {
  return database.db.select().from(sessions).where(eq(sessions.userId, userId));
}

describe("signOutEverywhere", () => {
  it("removes every session of the viewer and no one else's", async () => {
    const me = await insertUser(database.db);
    const other = await insertUser(database.db);
    await insertSessions(database.db, me.id, 3);
    await insertSessions(database.db, other.id, 2);

    await signOutEverywhere(viewerFor(me));

    expect(await sessionsOf(me.id)).toEqual([]);
    expect(await sessionsOf(other.id)).toHaveLength(2);
    const [stillThere] = await database.db.select().from(users).where(eq(users.id, me.id));
    expect(stillThere).toBeDefined();
  });
});

describe("deleteOwnAccount", () => {
  it.each(["", "someone.else@agency.gov", "alice@agency.gov.evil.com"])("refuses the confirmation %j", async (confirmEmail) => {
    const me = await insertUser(database.db, { email: "alice@agency.gov" });
    await insertSessions(database.db, me.id, 1);

    const error = await deleteOwnAccount(viewerFor(me), { confirmEmail }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "invalid", message: "Type your email address to confirm." });
    expect((error as AppError).fieldErrors?.confirmEmail).toEqual(["Type your email address to confirm."]);
    expect(await database.db.select().from(users).where(eq(users.id, me.id))).toHaveLength(1);
    expect(await sessionsOf(me.id)).toHaveLength(1);
    expect(await database.db.select().from(auditLog)).toEqual([]);
  });

  it("deletes the account, its sessions and what hangs off it, and records it without personal data", async () => {
    const me = await insertUser(database.db, { email: "alice@agency.gov", name: "Alice Example" });
    const other = await insertUser(database.db);
    await insertSessions(database.db, me.id, 2);
    await insertSessions(database.db, other.id, 1);
    await database.db.insert(accounts).values({ userId: me.id, type: "email", provider: "nodemailer", providerAccountId: "alice@agency.gov" });
    await database.db.insert(feedTokens).values({ userId: me.id, tokenHash: "hash-of-alice" });
    const [event] = await database.db
      .insert(events)
      .values({
        slug: "plain-language",
        title: "Plain language",
        startsAt: new Date("2026-04-01T15:00:00Z"),
        endsAt: new Date("2026-04-01T16:00:00Z"),
        createdBy: me.id,
      })
      .returning();
    await database.db.insert(rsvps).values({ eventId: event!.id, userId: me.id, status: "going" });
    await database.db.insert(resources).values({ title: "Guide", kind: "link", type: "guide", url: "https://digital.gov", createdBy: me.id });

    await deleteOwnAccount(viewerFor(me), { confirmEmail: "  Alice@Agency.GOV " });

    expect(await database.db.select().from(users).where(eq(users.id, me.id))).toEqual([]);
    expect(await sessionsOf(me.id)).toEqual([]);
    expect(await sessionsOf(other.id)).toHaveLength(1);
    expect(await database.db.select().from(accounts)).toEqual([]);
    expect(await database.db.select().from(feedTokens)).toEqual([]);
    expect(await database.db.select().from(rsvps)).toEqual([]);
    expect((await database.db.select().from(events))[0]!.createdBy).toBeNull();
    expect((await database.db.select().from(resources))[0]!.createdBy).toBeNull();

    const audit = await database.db.select().from(auditLog);
    expect(audit).toEqual([expect.objectContaining({ actorId: null, action: "member.deleted", targetType: "user", targetId: me.id })]);
    const recorded = JSON.stringify(audit[0]!.detail);
    expect(recorded).not.toMatch(/alice|Alice Example|agency\.gov/i);
  });

  it("answers not found for an account that is already gone", async () => {
    const me = await insertUser(database.db, { email: "gone@agency.gov" });
    await database.db.delete(users).where(eq(users.id, me.id));
    await expect(deleteOwnAccount(viewerFor(me), { confirmEmail: "gone@agency.gov" })).rejects.toMatchObject({ kind: "not_found" });
    expect(await database.db.select().from(auditLog)).toEqual([]);
  });
});
