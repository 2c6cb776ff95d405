import "server-only";
import { cookies } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { cache } from "react";
import { getEnv } from "@/lib/env";
import { noteRequestMember } from "@/lib/log-context";
import { logFor } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { normalizeEmail } from "@/lib/members/eligibility";
import { headerViewerOf, type HeaderViewer, type Viewer } from "@/lib/viewer";
import { checkSession, sessionCookieName } from "./session-check";

/**
 * The signed-in person for this request, or null. One session lookup per
 * request (React cache), read straight from the session row (lib/auth/session-check.ts);
 * a disabled account counts as signed out even if a session row survived.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  let session;
  const stopTimer = metrics().sessionCheckSeconds.startTimer();
  try {
    const token = (await cookies()).get(sessionCookieName(getEnv().siteOrigin))?.value;
    session = await checkSession(token);
  } catch (error) {
    // Next signals "this page is dynamic" by throwing; swallowing that would prerender pages as signed out.
    unstable_rethrow(error);
    logFor("auth").error({ err: error }, "session lookup failed; answering as signed out");
    return null;
  } finally {
    stopTimer();
  }
  if (!session) return null;
  // For the access log line of this request (scripts/peer-address.mjs): the id, never the address.
  noteRequestMember(session.id);
  return { ...session, email: normalizeEmail(session.email) };
});

export async function getHeaderViewer(): Promise<HeaderViewer> {
  return headerViewerOf(await getViewer());
}
