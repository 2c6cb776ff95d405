import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createMember } from "@/test/factories";
import { checkSession, SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS, sessionCookieName } from "./session-check";

const database = useTestDatabase();
const DAY_MS = 24 * 60 * 60 * 1000;

async function sessionFor(userId: string, token: string, expires: Date) {
  await database.db.insert(sessions).values({ sessionToken: token, userId, expires });
}

async function expiryOf(token: string) {
  const [row] = await database.db.select({ expires: sessions.expires }).from(sessions).where(eq(sessions.sessionToken, token));
  return row?.expires;
}

describe("checkSession", () => {
  it("answers who a live session belongs to, with only what pages need", async () => {
    const member = await createMember(database.db, { name: "Pat Doe", timeZone: "America/Chicago", guidelinesAcceptedAt: new Date() });
    const now = new Date();
    await sessionFor(member.id, "live-token", new Date(now.getTime() + 20 * DAY_MS));
    expect(await checkSession("live-token", now)).toEqual({
      id: member.id,
      email: member.email,
      name: "Pat Doe",
      role: "member",
      timeZone: "America/Chicago",
      hasJoined: true,
    });
  });

  it("refuses an unknown, empty, oversized or expired token", async () => {
    const member = await createMember(database.db);
    const now = new Date();
    await sessionFor(member.id, "expired-token", new Date(now.getTime() - 1000));
    expect(await checkSession("expired-token", now)).toBeNull();
    expect(await checkSession("no-such-token", now)).toBeNull();
    expect(await checkSession("", now)).toBeNull();
    expect(await checkSession(undefined, now)).toBeNull();
    expect(await checkSession("x".repeat(10_000), now)).toBeNull();
  });

  it("loses access at once when the session row is deleted (sign out) or the member is disabled", async () => {
    const member = await createMember(database.db);
    const now = new Date();
    await sessionFor(member.id, "signed-out", new Date(now.getTime() + 10 * DAY_MS));
    await sessionFor(member.id, "disabled", new Date(now.getTime() + 10 * DAY_MS));
    expect(await checkSession("signed-out", now)).not.toBeNull();
    await database.db.delete(sessions).where(eq(sessions.sessionToken, "signed-out"));
    expect(await checkSession("signed-out", now)).toBeNull();

    expect(await checkSession("disabled", now)).not.toBeNull();
    await database.db.update(users).set({ disabledAt: now }).where(eq(users.id, member.id));
    expect(await checkSession("disabled", now)).toBeNull();
  });

  it("moves a session's expiry on once a day of use, as Auth.js does, and not on every request", async () => {
    const member = await createMember(database.db);
    const now = new Date();
    // Issued just now: not due.
    const fresh = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 60_000);
    await sessionFor(member.id, "fresh", fresh);
    await checkSession("fresh", now);
    expect((await expiryOf("fresh"))?.getTime()).toBe(fresh.getTime());
    // Issued more than a day ago: due, and moved to a full lifetime from now.
    const dayOld = new Date(now.getTime() + (SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS) * 1000 - 60_000);
    await sessionFor(member.id, "day-old", dayOld);
    await checkSession("day-old", now);
    expect((await expiryOf("day-old"))?.getTime()).toBe(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  });

  it("reads the cookie Auth.js writes for the site's scheme", () => {
    expect(sessionCookieName("https://convene.example.gov")).toBe("__Secure-authjs.session-token");
    expect(sessionCookieName("http://localhost:3000")).toBe("authjs.session-token");
  });
});
