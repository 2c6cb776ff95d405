import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { getEventForEditing } from "@/lib/events/manage-read";
import type { Viewer } from "@/lib/viewer";

/** The event an organizer page is about; a missing or malformed id is the 404 page. */
export async function loadEventOr404(viewer: Viewer, id: string) {
  try {
    return await getEventForEditing(viewer, id);
  } catch (error) {
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  }
}
