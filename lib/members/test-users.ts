import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { sessions, users } from "@/db/schema";
import type { Viewer } from "@/lib/viewer";

type NewUser = typeof users.$inferInsert;

/** A joined member unless the overrides say otherwise; tests name only what they care about. */
export async function insertUser(db: Db, overrides: Partial<NewUser> = {}) {
  const id = overrides.id ?? randomUUID();
  const [row] = await db
    .insert(users)
    .values({
      id,
      email: `user-${id.slice(0, 8)}@agency.gov`,
      name: `Member ${id.slice(0, 8)}`,
      agency: "General Services Administration",
      jobTitle: "Social media specialist",
      guidelinesAcceptedAt: new Date("2026-01-05T15:00:00Z"),
      ...overrides,
    })
    .returning();
  return row!;
}

export function viewerFor(user: typeof users.$inferSelect): Viewer {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    name: user.name,
    timeZone: user.timeZone,
    hasJoined: user.guidelinesAcceptedAt !== null,
  };
}

export async function insertSessions(db: Db, userId: string, howMany: number) {
  const expires = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const rows = Array.from({ length: howMany }, () => ({ sessionToken: randomUUID(), userId, expires }));
  await db.insert(sessions).values(rows);
  return rows.map((row) => row.sessionToken);
}
