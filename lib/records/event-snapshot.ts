import "server-only";
import { eq, getTableColumns } from "drizzle-orm";
import type { Tx } from "@/db";
import { events } from "@/db/schema";

// Every column of the event but the generated search vector, which is derived from title and summary.
const snapshotColumns = Object.fromEntries(Object.entries(getTableColumns(events)).filter(([name]) => name !== "search")) as Omit<
  ReturnType<typeof getTableColumns<typeof events>>,
  "search"
>;

export type EventSnapshot = Omit<typeof events.$inferSelect, "search">;

/**
 * The whole event row as it stands inside the caller's transaction, for the audit entry of the
 * change that just made it so. A records request asks for every version of an event; the audit
 * log is where each version is kept (lib/records/event-archive.ts reads them back).
 * Dates become ISO strings in the JSON detail.
 */
export async function eventSnapshot(tx: Tx, eventId: string): Promise<EventSnapshot | null> {
  const [row] = await tx.select(snapshotColumns).from(events).where(eq(events.id, eventId));
  return row ?? null;
}
