import "server-only";
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import type { HeaderViewer } from "@/components/site-header";
import { normalizeEmail } from "@/lib/members/eligibility";
import type { Viewer } from "@/lib/viewer";
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
    console.error("Session lookup failed:", error instanceof Error ? error.message : error);
    return null;
  }
  // The row comes from the session callback of this very lookup (lib/auth/session.ts), not from the public answer.
  const { result: session, row } = lookup;
  if (!session?.user || !row || row.disabledAt) return null;
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
    canManage: viewer.role === "organizer" || viewer.role === "admin",
    isAdmin: viewer.role === "admin",
  };
}
