import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { events, rsvps } from "@/db/schema";
import { assertMember } from "@/lib/auth/assert";
import type { Viewer } from "@/lib/viewer";
import { waitlistPositionOfR } from "./waitlist";

export type MyRsvp = {
  eventId: string;
  slug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  eventStatus: "draft" | "published" | "cancelled";
  status: "going" | "waitlisted" | "cancelled";
  waitlistPosition: number | null;
  checkedIn: boolean;
};

const MY_EVENTS_LIMIT = 200;

/** The viewer's own RSVPs (never anyone else's: the user id is in the WHERE clause), split at `now`. */
export async function listMyRsvps(viewer: Viewer | null, now = new Date()) {
  assertMember(viewer);
  const db = await getDb();
  const result = await db.execute(sql`
    select e.id as event_id, e.slug, e.title, e.starts_at, e.ends_at, e.time_zone, e.status as event_status,
           r.status, r.checked_in_at is not null as checked_in,
           case when r.status = 'waitlisted' then ${waitlistPositionOfR} end as position
    from ${rsvps} r join ${events} e on e.id = r.event_id
    where r.user_id = ${viewer.id} and e.status <> 'draft'
    order by e.starts_at desc
    limit ${MY_EVENTS_LIMIT}`);
  type Row = {
    event_id: string;
    slug: string;
    title: string;
    starts_at: string | Date;
    ends_at: string | Date;
    time_zone: string;
    event_status: MyRsvp["eventStatus"];
    status: MyRsvp["status"];
    checked_in: boolean;
    position: number | null;
  };
  const all: MyRsvp[] = rowsOf<Row>(result).map((row) => ({
    eventId: row.event_id,
    slug: row.slug,
    title: row.title,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    timeZone: row.time_zone,
    eventStatus: row.event_status,
    status: row.status,
    waitlistPosition: row.position,
    checkedIn: row.checked_in,
  }));
  const upcoming = all.filter((r) => r.endsAt >= now && r.status !== "cancelled").reverse();
  const past = all.filter((r) => r.endsAt < now && r.status !== "cancelled");
  return { upcoming, past };
}
