/**
 * The scaled data set: set-based inserts (generate_series), so 400,000 rows take
 * seconds, not minutes. Deterministic shapes, random ids. Half the events are past.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/db/rows";
import type { Viewer } from "@/lib/viewer";

export type ScaledSize = { events: number; members: number; rsvps: number; resources: number };

export const FULL_SIZE: ScaledSize = { events: 10_000, members: 100_000, rsvps: 300_000, resources: 5_000 };

export async function seedScaled(db: Db, size: ScaledSize) {
  const perEvent = Math.ceil(size.rsvps / size.events);
  await db.execute(sql`
    insert into users (name, email, email_verified, role, agency, organization, government_level, guidelines_accepted_at, created_at)
    select 'Member ' || g, 'member' || g || '@bench.example.gov', now(), 'member', 'Agency ' || (g % 40),
           -- reach: one in ten joined before the registry (no organization, no level); 42 organizations (squares mod 400), a few big ones.
           case when g % 10 <> 0 then 'Organization ' || ((g::bigint * g) % 400) end,
           case when g % 10 <> 0 then (array['federal','state','local','tribal','other'])[1 + g % 5]::government_level end,
           -- reach: joins spread over the last two years, so new members per week and month have a shape.
           now() - interval '1 day' - ((g::bigint * 7919) % 730) * interval '1 day', now() - (g || ' minutes')::interval
    from generate_series(1, ${size.members}) g`);
  await db.execute(sql`
    insert into users (name, email, email_verified, role, guidelines_accepted_at)
    values ('Bench Organizer', 'organizer@bench.example.gov', now(), 'organizer', now())`);

  // Events every ~2 hours from a year back to a year ahead; one in 25 cancelled, one in 50 a draft.
  await db.execute(sql`
    insert into events (slug, title, summary, body, kind, format, starts_at, ends_at, time_zone, location, join_url,
                        capacity, status, tags, hosts, published_at, created_at, updated_at)
    select 'bench-event-' || g,
           'Bench event ' || g || ': plain language for social media teams',
           'Bring a post you are drafting; we edit it together, then talk about what the audience saw.',
           repeat('A paragraph of the event description, in **markdown**, long enough to look real. ', 12),
           (array['educational','networking','workshop','office_hours'])[1 + g % 4]::event_kind,
           (array['virtual','in_person','hybrid'])[1 + g % 3]::event_format,
           starts, starts + interval '1 hour', 'America/New_York',
           case when g % 3 = 1 then 'GSA headquarters, 1800 F St NW, Washington, DC' end,
           case when g % 3 <> 1 then 'https://meet.example.gov/' || g end,
           case when g % 3 = 0 then 100 end,
           (case when g % 50 = 0 then 'draft' when g % 25 = 0 then 'cancelled' else 'published' end)::event_status,
           array[(array['accessibility','analytics','video','plain-language','crisis-comms'])[1 + g % 5]],
           '[{"name":"Host Person","role":"Moderator","agency":"GSA"}]'::jsonb,
           case when g % 50 <> 0 then now() - interval '30 days' end,
           now() - interval '30 days', now() - interval '30 days'
    from generate_series(1, ${size.events}) g,
         lateral (select now() + ((g - ${size.events / 2}) * interval '2 hours') + interval '30 minutes' as starts) s`);

  // RSVPs: event n gets up to perEvent distinct members (k * 3331 is distinct mod 100,000 for k < 30).
  await db.execute(sql`
    with ev as (select id, row_number() over (order by slug) - 1 as n from events where slug like 'bench-event-%'),
         mem as (select id, row_number() over (order by email) - 1 as n from users where email like 'member%@bench.example.gov')
    insert into rsvps (event_id, user_id, status, queued_at, created_at, updated_at)
    select ev.id, mem.id,
           (case when k % 10 = 9 then 'cancelled' else 'going' end)::rsvp_status,
           now() - interval '20 days' + k * interval '1 minute', now() - interval '20 days', now() - interval '20 days'
    from generate_series(0, ${size.rsvps - 1}) g
    join ev on ev.n = g % ${size.events}
    cross join lateral (select g / ${size.events} as k) kk
    join mem on mem.n = (ev.n * 31 + kk.k * 3331) % ${size.members}
    where kk.k < ${perEvent}`);

  // reach: at past events three in four people going checked in; one in twenty seats on capped events came from the waitlist.
  await db.execute(sql`
    update rsvps r set checked_in_at = e.starts_at + interval '5 minutes',
                       promoted_at = case when e.capacity is not null and abs(hashtext(r.id::text)) % 20 = 0 then r.queued_at + interval '1 day' end
    from events e
    where e.id = r.event_id and r.status = 'going' and e.ends_at < now() and abs(hashtext(r.id::text)) % 4 <> 0`);

  await db.execute(sql`
    with ev as (select id, row_number() over (order by slug) - 1 as n from events where slug like 'bench-event-%')
    insert into resources (title, description, kind, type, url, topics, event_id, created_at)
    select 'Resource ' || g || ': toolkit for social media teams', 'What it covers and who it helps.', 'link',
           (array['slides','recording','toolkit','guide','template','link'])[1 + g % 6]::resource_type,
           'https://example.gov/resources/' || g,
           array[(array['accessibility','analytics','video','plain-language','crisis-comms'])[1 + g % 5]],
           case when g % 2 = 0 then ev.id end,
           now() - (g || ' hours')::interval
    from generate_series(1, ${size.resources}) g
    left join ev on ev.n = g % ${size.events}`);
  // Vacuum too: the visibility map lets counts use index-only scans, as on a database in service.
  await db.execute(sql`vacuum analyze`);
}

/** The event the RSVP rush targets: published, 100 seats, nobody signed up yet. */
export async function createRushEvent(db: Db, slug = "bench-rush"): Promise<{ id: string; slug: string }> {
  const result = await db.execute(sql`
    insert into events (slug, title, summary, starts_at, ends_at, capacity, status, published_at)
    values (${slug}, 'Bench rush: 100 seats', 'Everyone wants in.', now() + interval '7 days',
            now() + interval '7 days 1 hour', 100, 'published', now())
    returning id, slug`);
  return rowsOf<{ id: string; slug: string }>(result)[0]!;
}

/**
 * Signed-in members without the sign-in round trip: Auth.js database sessions are
 * rows, and the cookie carries the row's token.
 */
export async function createSessions(db: Db, { count, offset }: { count: number; offset: number }) {
  const result = await db.execute(sql`
    select id from users where email like 'member%@bench.example.gov' order by email offset ${offset} limit ${count}`);
  const members = rowsOf<{ id: string }>(result);
  const sessions = members.map((member) => ({ userId: member.id, token: randomBytes(24).toString("hex") }));
  for (let index = 0; index < sessions.length; index += 500) {
    const chunk = sessions.slice(index, index + 500);
    await db.execute(sql`
      insert into sessions (session_token, user_id, expires)
      select t, u::uuid, now() + interval '30 days'
      from unnest(${sql.raw(`array[${chunk.map((s) => `'${s.token}'`).join(",")}]`)}::text[],
                  ${sql.raw(`array[${chunk.map((s) => `'${s.userId}'`).join(",")}]`)}::text[]) as x(t, u)`);
  }
  return sessions;
}

/** Members as lib/ sees a signed-in person, for calling lib functions directly. */
export async function membersAsViewers(db: Db, { count, offset }: { count: number; offset: number }): Promise<Viewer[]> {
  const result = await db.execute(sql`
    select id, email from users where email like 'member%@bench.example.gov' order by email offset ${offset} limit ${count}`);
  return rowsOf<{ id: string; email: string }>(result).map((row) => ({
    id: row.id,
    email: row.email,
    name: null,
    role: "member",
    timeZone: "America/New_York",
    hasJoined: true,
  }));
}
