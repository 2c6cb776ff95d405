import "server-only";
import type { Cell } from "./csv";

/**
 * Accommodation requests on RSVPs are health and disability information (Privacy Act, Rehabilitation
 * Act), so an event's records archive carries them only when the admin ticks the box for it.
 *
 * The table is built on another branch (`accommodations`, `accommodation_requests`). This is the
 * seam the archive reads through: a reader that pages an event's requests up to an instant. Until
 * it is wired (on merge, `accommodationRecordsReader` below returns the real one), asking for them
 * puts a note in the manifest instead of a file, because there is nothing kept to export.
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

let wired: AccommodationRecordsReader | null = null;

/** The reader in force: null until the accommodations feature is merged (then it returns its reader here). */
export function accommodationRecordsReader(): AccommodationRecordsReader | null {
  return wired;
}

/** For tests, and for wiring on merge: sets (or, with null, clears) the reader. */
export function wireAccommodationRecords(reader: AccommodationRecordsReader | null) {
  wired = reader;
}
