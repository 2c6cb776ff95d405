import "server-only";
import { orNotFound } from "@/app/_components/or-not-found";
import { getEventForEditing } from "@/lib/events/manage-read";
import type { Viewer } from "@/lib/viewer";

/** The event an organizer page is about; a missing or malformed id is the 404 page. */
export function loadEventOr404(viewer: Viewer, id: string) {
  return orNotFound(getEventForEditing(viewer, id));
}
