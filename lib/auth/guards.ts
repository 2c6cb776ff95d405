import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Viewer } from "@/lib/viewer";
import { getViewer } from "./viewer";

/**
 * For what someone may do with their own account before finishing joining (sign out
 * everywhere, delete it): a session is enough; without one, sign in and come back.
 */
export async function requireSignedInPage(returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return viewer;
}

/** For pages: signed-in members only; others go to sign in (and come back), or finish joining first. */
export async function requireMemberPage(returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!viewer.hasJoined) redirect(`/join?next=${encodeURIComponent(returnTo)}`);
  return viewer;
}

/** For pages: a signed-in member who is not an organizer gets a 403 from the server. */
export async function requireRolePage(returnTo: string, roles: Viewer["role"][]): Promise<Viewer> {
  const viewer = await requireMemberPage(returnTo);
  if (!roles.includes(viewer.role)) forbidden();
  return viewer;
}
