import "server-only";
import { orNotFound } from "@/app/_components/or-not-found";
import { getResourceForEditing } from "@/lib/resources/organizer";
import type { Viewer } from "@/lib/viewer";

/** The resource an organizer page is about; a missing or malformed id is the 404 page. */
export function loadResourceOr404(viewer: Viewer, id: string) {
  return orNotFound(getResourceForEditing(viewer, id));
}
