import "server-only";
import { cacheTags, expireTags } from "@/lib/cache/shared-cache";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { GovernmentLevel } from "@/lib/members/government-levels";
import type { Viewer } from "@/lib/viewer";
import type { AccountInput, JoinInput } from "./profile-schema";

export type Profile = {
  id: string;
  email: string;
  name: string | null;
  agency: string | null;
  jobTitle: string | null;
  timeZone: string;
  directoryOptIn: boolean;
  inviteEmails: boolean;
  role: Viewer["role"];
  joinedAt: Date | null;
  /** registry: from the .gov registry (or an admin-allowed domain) at sign-in; null for accounts older than it. */
  organization: string | null;
  governmentLevel: GovernmentLevel | null;
};

/** The viewer's own profile; there is no way to ask for anyone else's here. */
export async function getOwnProfile(viewer: Viewer): Promise<Profile> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      agency: users.agency,
      jobTitle: users.jobTitle,
      timeZone: users.timeZone,
      directoryOptIn: users.directoryOptIn,
      inviteEmails: users.inviteEmails,
      role: users.role,
      joinedAt: users.guidelinesAcceptedAt,
      organization: users.organization,
      governmentLevel: users.governmentLevel,
    })
    .from(users)
    .where(and(eq(users.id, viewer.id), isNull(users.disabledAt)));
  if (!row) throw new AppError("not_found", "Your account could not be found.");
  return row;
}

/** What both the join step and the account page save about a person. */
function profileColumns(input: JoinInput | AccountInput) {
  return { name: input.name, agency: input.agency, jobTitle: input.jobTitle, timeZone: input.timeZone };
}

/** The join step: profile plus acceptance of the guidelines and the FOIA notice makes a member. */
export async function completeJoining(viewer: Viewer, input: JoinInput, now = new Date()) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ ...profileColumns(input), guidelinesAcceptedAt: now })
      .where(and(eq(users.id, viewer.id), isNull(users.disabledAt), isNull(users.guidelinesAcceptedAt)))
      .returning({ id: users.id });
    if (updated.length === 0) return;
    await recordAudit(tx, { actorId: viewer.id, action: "member.joined", targetType: "user", targetId: viewer.id });
  });
  expireTags([cacheTags.members]);
}

export async function updateOwnProfile(viewer: Viewer, input: AccountInput) {
  const db = await getDb();
  const updated = await db
    .update(users)
    .set({ ...profileColumns(input), directoryOptIn: input.directoryOptIn, inviteEmails: input.inviteEmails })
    .where(and(eq(users.id, viewer.id), isNull(users.disabledAt)))
    .returning({ id: users.id });
  if (updated.length === 0) throw new AppError("not_found", "Your account could not be found.");
}
