import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { resources } from "@/db/schema";
import { cacheTags, SHARED_CACHE_SECONDS, sharedCache } from "@/lib/cache/shared-cache";
import type { Viewer } from "@/lib/viewer";

export type EventResource = {
  id: string;
  title: string;
  type: (typeof resources.$inferSelect)["type"];
  kind: (typeof resources.$inferSelect)["kind"];
  /** Where to open it; null for visitors, who see that it exists but not the link. */
  href: string | null;
};

/** Slides, recordings and the like attached to one event. Members get links; visitors only titles. */
export async function listEventResources({ eventId, viewer }: { eventId: string; viewer: Viewer | null }): Promise<EventResource[]> {
  const rows = await cachedEventResources(eventId);
  const isMember = Boolean(viewer?.hasJoined);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    type: row.type,
    kind: row.kind,
    href: isMember ? (row.kind === "link" ? row.url : `/resources/${row.id}/download`) : null,
  }));
}

// Cached without the viewer: who may open a link is decided above, per request.
const cachedEventResources = sharedCache(
  async (eventId: string) => {
    const db = await getDb();
    return (
      db
        .select({ id: resources.id, title: resources.title, type: resources.type, kind: resources.kind, url: resources.url })
        .from(resources)
        // captions: drafts (recordings still without captions or a transcript) stay off event pages.
        .where(and(eq(resources.eventId, eventId), eq(resources.draft, false)))
        .orderBy(desc(resources.createdAt))
        .limit(50)
    );
  },
  "resources:event",
  { tags: (eventId) => [cacheTags.resources, cacheTags.event(eventId)], revalidate: SHARED_CACHE_SECONDS },
);
