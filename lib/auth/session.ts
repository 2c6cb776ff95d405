import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { users } from "@/db/schema";
import { normalizeEmail } from "@/lib/members/eligibility";

type UserRow = typeof users.$inferSelect;

/** What GET /api/auth/session (and so any script on the origin) may see: what the header and pages show, nothing more. */
export type PublicSession = {
  expires: string;
  user: { name: string | null; email: string; role: UserRow["role"]; timeZone: string; hasJoined: boolean };
};

/**
 * An explicit allow-list, never a spread of what Auth.js hands the callback:
 * that carries the database session token (which the HttpOnly cookie exists to
 * hide), the user id and the whole users row.
 */
export function publicSession(row: UserRow, expires: Date | string): PublicSession {
  return {
    expires: expires instanceof Date ? expires.toISOString() : expires,
    user: {
      name: row.name,
      email: normalizeEmail(row.email),
      role: row.role,
      timeZone: row.timeZone,
      hasJoined: row.guidelinesAcceptedAt !== null,
    },
  };
}

/**
 * Server code needs more than the public answer (the id, above all). Auth.js's
 * auth() runs the session callback in-process, in the caller's async context, so
 * the callback leaves the row it was given here for that caller; an HTTP request
 * to /api/auth/session has no store and gets only the JSON.
 */
const sessionRows = new AsyncLocalStorage<{ row?: UserRow }>();

export function rememberSessionRow(row: UserRow) {
  const store = sessionRows.getStore();
  if (store) store.row = row;
}

export async function withSessionRow<T>(lookup: () => Promise<T>): Promise<{ result: T; row: UserRow | undefined }> {
  const store: { row?: UserRow } = {};
  const result = await sessionRows.run(store, lookup);
  return { result, row: store.row };
}
