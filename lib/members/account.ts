import "server-only";
import { cacheTags, eventTags, expireTags } from "@/lib/cache/shared-cache";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { releaseSeatsOfLeavingMember } from "@/lib/events/rsvp";
import { normalizeEmail } from "./eligibility";

// Both functions act only on the viewer's own account, so being signed in is
// the whole authorization: someone who never finished joining may still end
// their sessions or delete what they started.

/** Ends every session of the viewer, this browser's included. */
export async function signOutEverywhere(viewer: Viewer): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.userId, viewer.id));
}

const CONFIRM_MESSAGE = "Type your email address to confirm.";

/**
 * Deletes the viewer's account; the foreign keys take their sessions, sign-in
 * accounts, RSVPs and feed token with it, and leave events and resources they
 * created in place without an author.
 */
export async function deleteOwnAccount(viewer: Viewer, { confirmEmail }: { confirmEmail: string }): Promise<void> {
  if (normalizeEmail(confirmEmail) !== normalizeEmail(viewer.email)) {
    throw new AppError("invalid", CONFIRM_MESSAGE, { confirmEmail: [CONFIRM_MESSAGE] });
  }
  const db = await getDb();
  const released = await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, viewer.id), isNull(users.disabledAt)))
      .for("update");
    if (!target) throw new AppError("not_found", "Your account could not be found.");
    // Seats they held go to the people waiting, who get the usual "a seat opened up" email.
    const events = await releaseSeatsOfLeavingMember(tx, viewer.id);
    // No actor (the account is about to go) and no personal data: the record outlives the person.
    await recordAudit(tx, { actorId: null, action: "member.deleted", targetType: "user", targetId: viewer.id, detail: { by: "self" } });
    await tx.delete(users).where(eq(users.id, viewer.id));
    return events;
  });
  expireTags([cacheTags.members, ...released.flatMap((event) => eventTags(event))]);
}
