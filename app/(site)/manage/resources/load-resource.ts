import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { getResourceForEditing } from "@/lib/resources/organizer";
import type { Viewer } from "@/lib/viewer";

/** The resource an organizer page is about; a missing or malformed id is the 404 page. */
export async function loadResourceOr404(viewer: Viewer, id: string) {
  try {
    return await getResourceForEditing(viewer, id);
  } catch (error) {
    if (isAppError(error) && error.kind === "not_found") notFound();
    throw error;
  }
}
