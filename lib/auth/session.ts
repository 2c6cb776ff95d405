import "server-only";
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
