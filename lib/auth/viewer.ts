import "server-only";
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { noteRequestMember } from "@/lib/log-context";
import { logFor } from "@/lib/log";
import { normalizeEmail } from "@/lib/members/eligibility";
import type { HeaderViewer, Viewer } from "@/lib/viewer";
import { withSessionRow } from "./session";

/**
 * The signed-in person for this request, or null. One session lookup per
 * request (React cache); a disabled account counts as signed out even if a
 * session row somehow survived.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  let lookup;
  try {
    lookup = await withSessionRow(() => auth());
  } catch (error) {
    // Next signals "this page is dynamic" by throwing; swallowing that would prerender pages as signed out.
    unstable_rethrow(error);
    logFor("auth").error({ err: error }, "session lookup failed; answering as signed out");
    return null;
  }
  // The row comes from the session callback of this very lookup (lib/auth/session.ts), not from the public answer.
  const { result: session, row } = lookup;
  if (!session?.user || !row || row.disabledAt) return null;
  // For the access log line of this request (scripts/peer-address.mjs): the id, never the address.
  noteRequestMember(row.id);
  return {
    id: row.id,
    email: normalizeEmail(row.email),
    name: row.name,
    role: row.role,
    timeZone: row.timeZone,
    hasJoined: row.guidelinesAcceptedAt !== null,
  };
});

export async function getHeaderViewer(): Promise<HeaderViewer> {
  const viewer = await getViewer();
  if (!viewer) return null;
  return {
    name: viewer.name,
    email: viewer.email,
    isMember: viewer.hasJoined,
    canManage: viewer.role === "organizer" || viewer.role === "admin",
    isAdmin: viewer.role === "admin",
  };
}
