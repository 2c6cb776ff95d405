import "server-only";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accommodationRequests, rsvps, users } from "@/db/schema";
import { NEED_LABELS, type AccommodationNeed } from "@/lib/accommodations/vocabulary";
import { keysetPages, type Cell, type TimeCursor } from "./csv";

/**
 * Accommodation requests on RSVPs are health and disability information (Privacy Act, Rehabilitation
 * Act), so an event's records archive carries them only when the admin ticks the box for it.
 *
 * The archive reads them through a reader that pages an event's requests (`accommodation_requests`)
 * made up to an instant; tests may put another in its place.
 */
export type AccommodationRecord = {
  id: string;
  rsvpId: string | null;
  userId: string | null;
  email: string | null;
  /** What the person asked for, in their words. */
  request: string;
  status: string | null;
  createdAt: Date;
  updatedAt: Date | null;
};

/** Pages of one event's requests made up to `asOf`, in the order they were made. */
export type AccommodationRecordsReader = (eventId: string, asOf: Date) => AsyncIterable<AccommodationRecord[]>;

export const ACCOMMODATION_COLUMNS = ["Request ID", "RSVP ID", "Member ID", "Email", "Request", "Status", "Made at", "Last changed"];

export function accommodationRow(record: AccommodationRecord): Cell[] {
  return [record.id, record.rsvpId, record.userId, record.email, record.request, record.status, record.createdAt, record.updatedAt];
}

const PAGE_ROWS = 500;

/** The requests an event's members made up to `asOf`, oldest first, with the member's address and RSVP. */
async function* readAccommodationRecords(eventId: string, asOf: Date): AsyncIterable<AccommodationRecord[]> {
  const db = await getDb();
  const pages = keysetPages(
    (last: TimeCursor | null, limit) =>
      db
        .select({
          id: accommodationRequests.id,
          rsvpId: rsvps.id,
          userId: accommodationRequests.userId,
          email: users.email,
          needs: accommodationRequests.needs,
          other: accommodationRequests.other,
          status: accommodationRequests.status,
          createdAt: accommodationRequests.createdAt,
          updatedAt: accommodationRequests.updatedAt,
        })
        .from(accommodationRequests)
        .leftJoin(users, eq(users.id, accommodationRequests.userId))
        .leftJoin(rsvps, and(eq(rsvps.eventId, accommodationRequests.eventId), eq(rsvps.userId, accommodationRequests.userId)))
        .where(
          and(
            eq(accommodationRequests.eventId, eventId),
            lte(accommodationRequests.createdAt, asOf),
            last
              ? sql`(${accommodationRequests.createdAt}, ${accommodationRequests.id}) > (${last.at.toISOString()}::timestamptz, ${last.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(accommodationRequests.createdAt), asc(accommodationRequests.id))
        .limit(limit),
    (row) => ({ at: row.createdAt, id: row.id }),
    PAGE_ROWS,
  );
  for await (const page of pages) {
    yield page.map(({ needs, other, ...row }) => ({
      ...row,
      request: [...needs.map((need) => NEED_LABELS[need as AccommodationNeed]?.label ?? need), ...(other ? [`Other: ${other}`] : [])].join("; "),
    }));
  }
}

let replaced: AccommodationRecordsReader | null = null;

/** The reader in force: the table's, unless a test put another in its place. */
export function accommodationRecordsReader(): AccommodationRecordsReader {
  return replaced ?? readAccommodationRecords;
}

/** For tests: puts a reader in the table's place (null restores the table's). */
export function wireAccommodationRecords(reader: AccommodationRecordsReader | null) {
  replaced = reader;
}
