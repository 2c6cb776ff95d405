import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { sessions, users } from "@/db/schema";

/** The session lifetime Auth.js is configured with (auth.ts), and how often a used session's expiry moves on. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
export const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

/** Auth.js names the cookie by whether the site is served over HTTPS (auth.ts `useSecureCookies`); only that name counts. */
export function sessionCookieName(siteOrigin: string): string {
  return siteOrigin.startsWith("https://") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** Exactly what a page needs to know who is asking: no more columns are read or decoded per request. */
const sessionColumns = {
  expires: sessions.expires,
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  timeZone: users.timeZone,
  guidelinesAcceptedAt: users.guidelinesAcceptedAt,
};

export type CheckedSession = {
  id: string;
  email: string;
  name: string | null;
  role: (typeof users.$inferSelect)["role"];
  timeZone: string;
  hasJoined: boolean;
};

/**
 * Built and prepared once per database handle: every request runs it, and building the query
 * each time cost more of the check than the database did.
 */
const prepared = new WeakMap<Db, ReturnType<typeof prepareCheck>>();

function prepareCheck(db: Db) {
  return db
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, sql.placeholder("token")), gt(sessions.expires, sql.placeholder("now")), isNull(users.disabledAt)))
    .prepare("convene_session_check");
}

function preparedCheck(db: Db) {
  let statement = prepared.get(db);
  if (!statement) {
    statement = prepareCheck(db);
    prepared.set(db, statement);
  }
  return statement;
}

/**
 * The person a session cookie stands for, or null: one indexed read of the session row
 * and its user, on every request, so a signed-out session (its row deleted) or a disabled
 * member loses access on every instance at once. Nothing about a session is cached.
 *
 * This replaces Auth.js's auth() for reading the session in pages and actions (it built
 * a Request, ran Auth.js's session endpoint and serialised a Response for every page);
 * Auth.js still signs people in and out and answers /api/auth/*. Like Auth.js, a session
 * in use has its expiry moved on at most once per SESSION_UPDATE_AGE_SECONDS.
 */
export async function checkSession(token: string | undefined, now = new Date()): Promise<CheckedSession | null> {
  if (!token || token.length > 512) return null;
  const db = await getDb();
  // A placeholder gets no column mapping: the time goes as the ISO text PostgreSQL reads for a timestamptz.
  const [row] = await preparedCheck(db).execute({ token, now: now.toISOString() });
  if (!row) return null;
  const refreshAfter = row.expires.getTime() - (SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS) * 1000;
  if (now.getTime() >= refreshAfter) {
    await db
      .update(sessions)
      .set({ expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) })
      .where(eq(sessions.sessionToken, token));
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timeZone: row.timeZone,
    hasJoined: row.guidelinesAcceptedAt !== null,
  };
}
