import "server-only";
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import type { HeaderViewer, Viewer } from "@/lib/viewer";

/**
 * The signed-in person for this request, or null. One session lookup per
 * request (React cache); a disabled account counts as signed out even if a
 * session row somehow survived.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  let session;
  try {
    session = await auth();
  } catch (error) {
    // Next signals "this page is dynamic" by throwing; swallowing that would prerender pages as signed out.
    unstable_rethrow(error);
    console.error("Session lookup failed:", error instanceof Error ? error.message : error);
    return null;
  }
  const user = session?.user;
  if (!user?.id || user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? null,
    role: user.role,
    timeZone: user.timeZone,
    hasJoined: user.hasJoined,
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
