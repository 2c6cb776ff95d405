import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { getEnv } from "@/lib/env";

/** Resource types that mean "the session itself, for those who came or missed it". */
export const FOLLOW_UP_TYPES = ["recording", "slides"] as const;
// Organizers often attach the recording and then the slides: one email a little later lists both.
// FOLLOW_UP_DELAY_SECONDS (the e2e server shortens it so a test need not wait five minutes).
export const followUpDelayMs = () => getEnv().FOLLOW_UP_DELAY_SECONDS * 1000;
/** captions: the skip reason of a follow-up that found a recording still a draft; publishing it sends it after all. */
export const WAITING_FOR_RECORDING = "waiting for the recording's captions and transcript";

export function isFollowUpResource(resource: { type: string; eventId: string | null | undefined }): resource is { type: string; eventId: string } {
  return Boolean(resource.eventId) && (FOLLOW_UP_TYPES as readonly string[]).includes(resource.type);
}

/**
 * Schedules one follow-up per member who was going to a past event, when a recording
 * or slides are attached to it. The key makes it once per event and member, however
 * many resources follow. Whether they checked in decides the wording when it is sent.
 * While a recording attached to the event is a draft (no captions or transcript yet) nothing is
 * queued; publishing it calls this again, which also revives a follow-up that was skipped for it.
 */
export async function queueFollowUps(tx: Tx | Db, { eventId, now }: { eventId: string; now: Date }): Promise<void> {
  const due = new Date(now.getTime() + followUpDelayMs()).toISOString();
  await tx.execute(sql`
    insert into notifications (key, kind, user_id, event_id, due_at)
    select 'follow_up:' || r.event_id || ':' || r.user_id, 'follow_up', r.user_id, r.event_id, ${due}::timestamptz
    from rsvps r
    join events e on e.id = r.event_id
    join users u on u.id = r.user_id
    where r.event_id = ${eventId} and r.status = 'going' and e.status = 'published'
      and e.ends_at <= ${now.toISOString()}::timestamptz
      and u.follow_up_emails and u.disabled_at is null
      -- captions: a recording without captions or a transcript holds the email until it is published, so it is listed.
      and not exists (select 1 from resources d where d.event_id = r.event_id and d.draft)
    on conflict (key) do update set status = 'pending', skip_reason = null, due_at = excluded.due_at
      where notifications.status = 'skipped' and notifications.skip_reason = ${WAITING_FOR_RECORDING}`);
}
