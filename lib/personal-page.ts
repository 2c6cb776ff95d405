import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { personalPartsForSlug } from "@/lib/events/personal-parts";
import { listLibraryResources } from "@/lib/resources/library";
import type { PersonalAnswer } from "@/lib/personal-answer";
import { headerViewerOf, type Viewer } from "@/lib/viewer";

const EVENT_PATH = /^\/events\/([a-z0-9][a-z0-9-]{0,99})$/;

/** An address on this site: a path only, no scheme, host, query or control characters. */
const pathSchema = z
  .string()
  .max(300, { error: "The path is too long." })
  .regex(/^\/[A-Za-z0-9/_.~-]*$/, { error: "The path must be a path on this site, like /events/some-event." });

/**
 * The viewer's own parts of the page at `path` (GET /api/me): who they are, for the header; on an
 * event page their RSVP, join link, accommodation request and resource links; on /resources the
 * library's first page as they may open it. Everything is read for
 * this viewer by the lib/ functions that authorize it; a visitor (or an ended session) gets a null
 * viewer and what a visitor sees.
 */
export async function personalAnswerFor(viewer: Viewer | null, rawPath: string | null): Promise<PersonalAnswer> {
  const parsed = pathSchema.safeParse(rawPath ?? "/");
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]!.message);
  const slug = EVENT_PATH.exec(parsed.data)?.[1];
  return {
    viewer: viewer ? { ...headerViewerOf(viewer)!, timeZone: viewer.timeZone } : null,
    event: slug ? await personalPartsForSlug(slug, viewer) : null,
    library: parsed.data === "/resources" ? await listLibraryResources({ viewer, page: 1 }) : null,
  };
}
