import "server-only";
import { cacheTags, expireTags } from "@/lib/cache/shared-cache";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events, resources } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { getStorage, type FileStorage } from "@/lib/storage";
import { FOLLOW_UP_TYPES, isFollowUpResource, queueFollowUps } from "@/lib/notifications/follow-ups";
import type { Viewer } from "@/lib/viewer";
import type { LinkResourceInput, ResourceDetailsInput, ResourceEditInput } from "./resource-schema";

export const ORGANIZERS: Viewer["role"][] = ["organizer", "admin"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ATTACHABLE_STATUSES = ["published", "cancelled"] as const;

export type StoredFile = { storageKey: string; fileName: string; mimeType: string; sizeBytes: number };
/** What pages need after a change: where to go, and which event page shows it. */
export type ResourceChange = { id: string; title: string; eventSlug: string | null; draft?: boolean };

/** A malformed id is a missing resource, not a database error. */
export function assertResourceId(id: string) {
  if (!UUID.test(id)) throw new AppError("not_found", "That resource could not be found.");
}

/** captions: follow-ups go out only while something published is attached to say. */
async function queueFollowUpsIfAttached(tx: Tx, eventId: string, now: Date) {
  const [attached] = await tx
    .select({ id: resources.id })
    .from(resources)
    .where(and(eq(resources.eventId, eventId), inArray(resources.type, [...FOLLOW_UP_TYPES]), eq(resources.draft, false)))
    .limit(1);
  if (attached) await queueFollowUps(tx, { eventId, now });
}

/** Only events members can see may carry resources; an unchanged attachment is kept whatever its status. */
async function eventSlugFor(tx: Tx, eventId: string | null, keep?: string | null): Promise<string | null> {
  if (!eventId) return null;
  const [event] = await tx
    .select({ slug: events.slug })
    .from(events)
    .where(and(eq(events.id, eventId), eventId === keep ? undefined : inArray(events.status, [...ATTACHABLE_STATUSES])));
  if (!event) {
    throw new AppError("invalid", "Please correct the errors below.", { eventId: ["Choose an event from the list."] });
  }
  return event.slug;
}

async function insertResource(viewer: Viewer, values: Omit<typeof resources.$inferInsert, "createdBy">, now: Date): Promise<ResourceChange> {
  const db = await getDb();
  const created = await db.transaction(async (tx) => {
    const eventSlug = await eventSlugFor(tx, values.eventId ?? null);
    const [row] = await tx
      .insert(resources)
      .values({ ...values, createdBy: viewer.id, createdAt: now })
      .returning({ id: resources.id, title: resources.title, draft: resources.draft });
    // A recording or slides for a past event: the people who were going hear about it.
    const attached = { type: values.type, eventId: values.eventId };
    if (isFollowUpResource(attached)) await queueFollowUps(tx, { eventId: attached.eventId, now });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "resource.added",
      targetType: "resource",
      targetId: row!.id,
      detail: { title: row!.title, kind: values.kind, type: values.type, eventId: values.eventId ?? null },
    });
    return { ...row!, eventSlug };
  });
  expireTags([cacheTags.resources]);
  return created;
}

export async function createLinkResource(viewer: Viewer | null, input: LinkResourceInput, now = new Date()): Promise<ResourceChange> {
  assertRole(viewer, ORGANIZERS);
  return insertResource(viewer, { ...input, kind: "link" }, now);
}

/** Called by the upload pipeline once the file is safely stored; the caller removes the file if this fails. */
export async function createFileResource(viewer: Viewer | null, input: ResourceDetailsInput, file: StoredFile, now = new Date()): Promise<ResourceChange> {
  assertRole(viewer, ORGANIZERS);
  return insertResource(viewer, { ...input, ...file, kind: "file" }, now);
}

export async function updateResource(viewer: Viewer | null, id: string, input: ResourceEditInput, now = new Date()): Promise<ResourceChange> {
  assertRole(viewer, ORGANIZERS);
  assertResourceId(id);
  const db = await getDb();
  const updated = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(resources).where(eq(resources.id, id)).for("update");
    if (!current) throw new AppError("not_found", "That resource could not be found.");
    if (current.kind === "link" && !input.url) {
      throw new AppError("invalid", "Please correct the errors below.", { url: ["Enter the link, starting with https://."] });
    }
    if (current.kind === "file" && input.url) {
      throw new AppError("invalid", "A file’s link can’t be changed. Remove the resource and upload the file again.");
    }
    const eventSlug = await eventSlugFor(tx, input.eventId, current.eventId);
    const next = { ...input, url: current.kind === "link" ? input.url! : null };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
    await tx.update(resources).set(next).where(eq(resources.id, id));
    const attached = { type: next.type, eventId: next.eventId };
    if ((changed.includes("eventId") || changed.includes("type")) && isFollowUpResource(attached)) {
      await queueFollowUps(tx, { eventId: attached.eventId, now });
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "resource.updated",
      targetType: "resource",
      targetId: id,
      detail: { title: next.title, changed },
    });
    return { id, title: next.title, eventSlug };
  });
  expireTags([cacheTags.resources]);
  return updated;
}

/**
 * Deletes the row (with its audit record) first and the stored file after the
 * commit: a row must never point at a missing file, while a file left behind by
 * a failed removal is only wasted space, and is logged.
 */
export async function removeResource(viewer: Viewer | null, id: string, storage: FileStorage = getStorage()): Promise<ResourceChange> {
  assertRole(viewer, ORGANIZERS);
  assertResourceId(id);
  const db = await getDb();
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx.delete(resources).where(eq(resources.id, id)).returning({
      id: resources.id,
      title: resources.title,
      storageKey: resources.storageKey,
      eventId: resources.eventId,
      type: resources.type,
      draft: resources.draft,
      captionsStorageKey: resources.captionsStorageKey,
      transcriptStorageKey: resources.transcriptStorageKey,
    });
    if (!row) throw new AppError("not_found", "That resource could not be found. It may have been removed already.");
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "resource.removed",
      targetType: "resource",
      targetId: row.id,
      detail: { title: row.title, id: row.id },
    });
    const [event] = row.eventId ? await tx.select({ slug: events.slug }).from(events).where(eq(events.id, row.eventId)) : [];
    // captions: a draft recording held the event's follow-up; without it, the slides may go.
    if (row.draft && row.eventId) await queueFollowUpsIfAttached(tx, row.eventId, new Date());
    return { ...row, eventSlug: event?.slug ?? null };
  });
  expireTags([cacheTags.resources]);
  for (const key of [removed.storageKey, removed.captionsStorageKey, removed.transcriptStorageKey]) {
    if (!key) continue;
    await storage.remove(key).catch((error: unknown) => {
      console.error(`Resource ${removed.id} was removed but its file ${key} was not:`, error);
    });
  }
  return { id: removed.id, title: removed.title, eventSlug: removed.eventSlug };
}
