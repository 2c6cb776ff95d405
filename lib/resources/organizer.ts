import "server-only";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { events, resources } from "@/db/schema";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { assertResourceId, ORGANIZERS } from "./manage";

export const MANAGE_RESOURCES_PAGE_SIZE = 20;
export const MAX_MANAGE_RESOURCES_PAGE = 500;
/** Enough for a select: older events' resources are attached when they are added, not years later. */
export const ATTACHABLE_EVENTS_LIMIT = 100;

export async function listResourcesForOrganizer(viewer: Viewer | null, { page = 1, query }: { page?: number; query?: string }) {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  const words = query?.trim();
  const where = words ? sql`${resources.search} @@ websearch_to_tsquery('english', ${words})` : undefined;
  const safePage = Math.min(Math.max(1, Math.trunc(page) || 1), MAX_MANAGE_RESOURCES_PAGE);
  const [items, [totals]] = await Promise.all([
    db
      .select({
        id: resources.id,
        title: resources.title,
        kind: resources.kind,
        type: resources.type,
        fileName: resources.fileName,
        sizeBytes: resources.sizeBytes,
        createdAt: resources.createdAt,
        eventTitle: events.title,
        // captions: what decides whether it is a draft, and why.
        mimeType: resources.mimeType,
        draft: resources.draft,
        captionsStorageKey: resources.captionsStorageKey,
        captionsAttestedAt: resources.captionsAttestedAt,
        transcriptStorageKey: resources.transcriptStorageKey,
        transcriptText: sql<string | null>`case when ${resources.transcriptText} is null then null else '' end`,
      })
      .from(resources)
      .leftJoin(events, eq(events.id, resources.eventId))
      .where(where)
      .orderBy(desc(resources.createdAt), asc(resources.id))
      .limit(MANAGE_RESOURCES_PAGE_SIZE)
      .offset((safePage - 1) * MANAGE_RESOURCES_PAGE_SIZE),
    db.select({ total: count() }).from(resources).where(where),
  ]);
  const total = totals?.total ?? 0;
  return { items, total, page: safePage, pageCount: Math.max(1, Math.ceil(total / MANAGE_RESOURCES_PAGE_SIZE)) };
}

export type ManagedResource = Awaited<ReturnType<typeof getResourceForEditing>>;

export async function getResourceForEditing(viewer: Viewer | null, id: string) {
  assertRole(viewer, ORGANIZERS);
  assertResourceId(id);
  const db = await getDb();
  const [row] = await db
    .select({
      id: resources.id,
      title: resources.title,
      description: resources.description,
      kind: resources.kind,
      type: resources.type,
      url: resources.url,
      fileName: resources.fileName,
      mimeType: resources.mimeType,
      sizeBytes: resources.sizeBytes,
      topics: resources.topics,
      eventId: resources.eventId,
      eventTitle: events.title,
      createdAt: resources.createdAt,
      // captions
      draft: resources.draft,
      captionsStorageKey: resources.captionsStorageKey,
      captionsFileName: resources.captionsFileName,
      captionsFormat: resources.captionsFormat,
      captionsCueCount: resources.captionsCueCount,
      captionsAttestedAt: resources.captionsAttestedAt,
      transcriptStorageKey: resources.transcriptStorageKey,
      transcriptFileName: resources.transcriptFileName,
      transcriptSizeBytes: resources.transcriptSizeBytes,
      transcriptText: resources.transcriptText,
    })
    .from(resources)
    .leftJoin(events, eq(events.id, resources.eventId))
    .where(eq(resources.id, id));
  if (!row) throw new AppError("not_found", "That resource could not be found.");
  return row;
}

export type AttachableEvent = { id: string; title: string; startsAt: Date; timeZone: string; status: string };

/**
 * Events a resource can be attached to, newest first. `include` keeps a resource's
 * current event in the list even when it is older or no longer public, so saving
 * an edit never detaches it by accident.
 */
export async function listAttachableEvents(viewer: Viewer | null, { include }: { include?: string | null } = {}): Promise<AttachableEvent[]> {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  const columns = { id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone, status: events.status };
  const list = await db
    .select(columns)
    .from(events)
    .where(inArray(events.status, ["published", "cancelled"]))
    .orderBy(desc(events.startsAt), asc(events.id))
    .limit(ATTACHABLE_EVENTS_LIMIT);
  if (include && !list.some((event) => event.id === include)) {
    const [current] = await db
      .select(columns)
      .from(events)
      .where(and(eq(events.id, include)));
    if (current) list.unshift(current);
  }
  return list;
}
