import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import type { AdapterAccountType } from "next-auth/adapters";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

export const roleEnum = pgEnum("role", ["member", "organizer", "admin"]);
export const eventKindEnum = pgEnum("event_kind", ["educational", "networking", "workshop", "office_hours"]);
export const eventFormatEnum = pgEnum("event_format", ["virtual", "in_person", "hybrid"]);
export const eventStatusEnum = pgEnum("event_status", ["draft", "published", "cancelled"]);
export const rsvpStatusEnum = pgEnum("rsvp_status", ["going", "waitlisted", "cancelled"]);
export const resourceKindEnum = pgEnum("resource_kind", ["link", "file"]);
export const resourceTypeEnum = pgEnum("resource_type", ["slides", "recording", "toolkit", "guide", "template", "link"]);
export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sent", "failed"]);
// event_update: the batched calendar update after an edit (lib/events/updates.ts); essential, no opt-out.
// surveys: survey, the one post-event feedback invitation (lib/surveys/invitations.ts); optional, follows the follow-up switch.
export const notificationKindEnum = pgEnum("notification_kind", ["reminder_day", "reminder_hour", "follow_up", "digest", "event_update", "survey"]);
export const notificationStatusEnum = pgEnum("notification_status", ["pending", "sent", "skipped", "failed"]);
export const calendarInviteStateEnum = pgEnum("calendar_invite_state", ["sent", "cancelled"]);
/** A member's level of government, from the .gov registry's domain type (lib/members/government-levels.ts names them). */
export const governmentLevelEnum = pgEnum("government_level", ["federal", "state", "local", "tribal", "other"]);
export const messageAudienceEnum = pgEnum("message_audience", ["going", "waitlisted", "both"]);

/** Auth.js `users`, extended with what a community member is. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name"),
    email: text("email").notNull(),
    // No default: a user is verified only when Auth.js says the link was used.
    emailVerified: timestamptz("email_verified"),
    image: text("image"),
    role: roleEnum("role").notNull().default("member"),
    agency: text("agency"),
    // From the .gov registry (or an admin-allowed domain) when the member joins; null for accounts older than the registry.
    organization: text("organization"),
    governmentLevel: governmentLevelEnum("government_level"),
    jobTitle: text("job_title"),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    directoryOptIn: boolean("directory_opt_in").notNull().default(false),
    inviteEmails: boolean("invite_emails").notNull().default(true),
    // Non-essential email, each switched off on its own by an unsubscribe link.
    reminderDayBefore: boolean("reminder_day_before").notNull().default(true),
    reminderHourBefore: boolean("reminder_hour_before").notNull().default(true),
    followUpEmails: boolean("follow_up_emails").notNull().default(true),
    weeklyDigest: boolean("weekly_digest").notNull().default(false),
    guidelinesAcceptedAt: timestamptz("guidelines_accepted_at"),
    disabledAt: timestamptz("disabled_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    // reach: new members per week or month (lib/reach), read by the time they joined.
    index("users_joined_idx")
      .on(t.guidelinesAcceptedAt)
      .where(sql`guidelines_accepted_at is not null`),
    // A counting index for the home page's member count: every user qualifies, so the planner scans the
    // table for an index on a column, but this one is a few bytes an entry and gives an index-only scan.
    index("users_member_count_idx")
      .on(sql`(true)`)
      .where(sql`guidelines_accepted_at is not null and disabled_at is null`),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_idx").on(t.userId)],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamptz("expires").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamptz("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * The newest sign-in link mailed to each address, so another request while it still works
 * re-sends it instead of minting one more (lib/auth/link-requests.ts). The link is a bearer
 * token, so it is kept sealed (AES-256-GCM, key derived from AUTH_SECRET), never in clear;
 * the row goes when the link is used or expires.
 */
export const signInLinks = pgTable("sign_in_links", {
  identifier: text("identifier").primaryKey(),
  sealedUrl: text("sealed_url").notNull(),
  expires: timestamptz("expires").notNull(),
  resends: integer("resends").notNull().default(0),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

export type EventHost = { name: string; role: string; agency?: string };

export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    body: text("body").notNull().default(""),
    kind: eventKindEnum("kind").notNull().default("educational"),
    format: eventFormatEnum("format").notNull().default("virtual"),
    startsAt: timestamptz("starts_at").notNull(),
    endsAt: timestamptz("ends_at").notNull(),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    location: text("location"),
    joinUrl: text("join_url"),
    capacity: integer("capacity"),
    rsvpDeadline: timestamptz("rsvp_deadline"),
    status: eventStatusEnum("status").notNull().default("draft"),
    // Every change a calendar should see raises this (RFC 5546 SEQUENCE).
    sequence: integer("sequence").notNull().default(0),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    hosts: jsonb("hosts").$type<EventHost[]>().notNull().default([]),
    cancellationMessage: text("cancellation_message"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamptz("published_at"),
    cancelledAt: timestamptz("cancelled_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english', coalesce(title, '') || ' ' || coalesce(summary, ''))`),
    // series: the recurring series this occurrence belongs to, and the fields edited on this occurrence alone
    // (a "this and following" edit leaves those as they are; lib/events/series.ts).
    seriesId: uuid("series_id").references((): AnyPgColumn => eventSeries.id, { onDelete: "set null" }),
    seriesEditedFields: text("series_edited_fields")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // registry: who may attend. Both empty: every member; otherwise members at one of these levels or domains.
    audienceLevels: governmentLevelEnum("audience_levels")
      .array()
      .notNull()
      .default(sql`'{}'::government_level[]`),
    audienceDomains: text("audience_domains")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex("events_slug_key").on(t.slug),
    index("events_status_starts_idx").on(t.status, t.startsAt),
    // Public lists and feeds walk these in order and stop at the page's end. The predicate is the
    // literal lib/events/public.ts writes, so the planner can match it.
    index("events_public_starts_idx")
      .on(t.startsAt, t.id)
      .where(sql`status in ('published', 'cancelled')`),
    index("events_public_ends_idx")
      .on(t.endsAt)
      .where(sql`status in ('published', 'cancelled')`),
    index("events_search_idx").using("gin", t.search),
    index("events_tags_idx").using("gin", t.tags),
    // series: a series page and a "this and following" edit walk its occurrences in order.
    index("events_series_starts_idx")
      .on(t.seriesId, t.startsAt)
      .where(sql`series_id is not null`),
    // The topic filter's list of choices (distinct tags of published events), read from the index alone.
    index("events_published_tags_idx")
      .on(t.tags)
      .where(sql`status = 'published'`),
    check("events_ends_after_starts", sql`${t.endsAt} > ${t.startsAt}`),
    check("events_capacity_positive", sql`${t.capacity} is null or ${t.capacity} > 0`),
    // Lets "still to come" (ends_at >= now) also bound starts_at, so upcoming lists use an ordered index.
    check("events_duration_bounded", sql`${t.endsAt} <= ${t.startsAt} + interval '7 days'`),
  ],
);

export const rsvps = pgTable(
  "rsvps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: rsvpStatusEnum("status").notNull(),
    // Waitlist order is by this time, set when the person joins the queue.
    queuedAt: timestamptz("queued_at").notNull().defaultNow(),
    checkedInAt: timestamptz("checked_in_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    // reach: when promoteFromWaitlist gave this RSVP a seat (a waitlist conversion); cleared when the member RSVPs afresh.
    promotedAt: timestamptz("promoted_at"),
  },
  (t) => [
    uniqueIndex("rsvps_event_user_key").on(t.eventId, t.userId),
    index("rsvps_event_status_queue_idx").on(t.eventId, t.status, t.queuedAt),
    index("rsvps_user_idx").on(t.userId, t.status),
  ],
);

/**
 * Whether a member's calendar holds this event's invite (lib/calendar/invites.ts), one row per
 * RSVP, written in the transaction that queues the mail carrying the REQUEST or CANCEL. Every
 * later decision (send an update? a CANCEL?) is read from here, never from preferences.
 */
export const calendarInvites = pgTable(
  "calendar_invites",
  {
    rsvpId: uuid("rsvp_id")
      .primaryKey()
      .references(() => rsvps.id, { onDelete: "cascade" }),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The UID the member's calendar knows the event by (invites sent before this table say <id>@convene).
    uid: text("uid").notNull(),
    // The SEQUENCE of the last REQUEST or CANCEL sent; the next message carries more.
    sequence: integer("sequence").notNull(),
    state: calendarInviteStateEnum("state").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("calendar_invites_event_idx").on(t.eventId, t.state), index("calendar_invites_user_idx").on(t.userId)],
);

export const resources = pgTable(
  "resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    kind: resourceKindEnum("kind").notNull(),
    type: resourceTypeEnum("type").notNull(),
    url: text("url"),
    storageKey: text("storage_key"),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    sizeBytes: integer("size_bytes"),
    topics: text("topics")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    eventId: uuid("event_id").references(() => events.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english', coalesce(title, '') || ' ' || coalesce(description, ''))`),
    // captions: a recording's captions (a checked WebVTT/SRT file, or the organizer's word that the linked player has them)
    // and its transcript (a file or pasted text). Files live under random keys, like the resource's own file.
    captionsStorageKey: text("captions_storage_key"),
    captionsFileName: text("captions_file_name"),
    captionsFormat: text("captions_format"),
    captionsSizeBytes: integer("captions_size_bytes"),
    captionsCueCount: integer("captions_cue_count"),
    captionsAttestedBy: uuid("captions_attested_by").references(() => users.id, { onDelete: "set null" }),
    captionsAttestedAt: timestamptz("captions_attested_at"),
    transcriptStorageKey: text("transcript_storage_key"),
    transcriptFileName: text("transcript_file_name"),
    transcriptMimeType: text("transcript_mime_type"),
    transcriptSizeBytes: integer("transcript_size_bytes"),
    transcriptText: text("transcript_text"),
    // captions: a recording (or any video file) without captions and a transcript is a draft only organizers see.
    // Generated, so no write can leave it out of step; lib/resources/captions-state.ts words the same rule.
    draft: boolean("draft")
      .notNull()
      .generatedAlwaysAs(
        sql`(type = 'recording' or coalesce(mime_type, '') like 'video/%') and ((captions_storage_key is null and captions_attested_at is null) or (transcript_storage_key is null and transcript_text is null))`,
      ),
  },
  (t) => [
    index("resources_created_idx").on(t.createdAt),
    index("resources_event_idx").on(t.eventId),
    index("resources_search_idx").using("gin", t.search),
    // Visitors' search: titles only, since descriptions are for members (lib/resources/library.ts).
    index("resources_title_search_idx").using("gin", sql`to_tsvector('english', ${t.title})`),
    index("resources_topics_idx").using("gin", t.topics),
    // The library's list of topics, read from the index alone (GIN cannot return the arrays).
    index("resources_topic_lists_idx").on(t.topics),
  ],
);

/** Only a hash is stored, so a database leak does not expose anyone's calendar. */
export const feedTokens = pgTable(
  "feed_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("feed_tokens_hash_key").on(t.tokenHash), uniqueIndex("feed_tokens_user_key").on(t.userId)],
);

export type OutboxCalendar = { method: "REQUEST" | "CANCEL"; content: string; filename: string };

/**
 * Feed links that were replaced or turned off (or whose account was deleted), kept by a
 * trigger on feed_tokens: they answer an empty calendar, so subscribed apps drop the
 * entries and their join links, where an unknown link is a 404. Only the hash, as in feed_tokens.
 */
export const revokedFeedTokens = pgTable("revoked_feed_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  revokedAt: timestamptz("revoked_at").notNull().defaultNow(),
});

/**
 * The community feed's version: one row, raised by a trigger on events (migration
 * 0005) whenever a published or cancelled event is added, changed or leaves, so the
 * feed's Last-Modified only moves forward, an unpublish included. `changedAt` goes up
 * by at least a second each time (HTTP dates have whole seconds); `bumpedBy` is the
 * transaction that last raised it, so one statement over many events raises it once.
 */
export const feedVersion = pgTable(
  "feed_version",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
    changedAt: timestamptz("changed_at").notNull().defaultNow(),
    bumpedBy: bigint("bumped_by", { mode: "number" }),
  },
  (t) => [check("feed_version_one_row", sql`${t.id} = 1`)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    calendar: jsonb("calendar").$type<OutboxCalendar>(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    kind: text("kind").notNull(),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    sentAt: timestamptz("sent_at"),
    failedAt: timestamptz("failed_at"),
    // Set when housekeeping emptied text, html and calendar of a delivered message past
    // OUTBOX_RETENTION_DAYS (lib/housekeeping.ts); who, when, subject and kind stay.
    bodyRemovedAt: timestamptz("body_removed_at"),
  },
  (t) => [index("outbox_pending_idx").on(t.status, t.nextAttemptAt), index("outbox_to_idx").on(t.to, t.createdAt)],
);

/** One row per counted request; a sliding window counts rows newer than its start. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bucket: text("bucket").notNull(),
    hitAt: timestamptz("hit_at").notNull().defaultNow(),
  },
  (t) => [index("rate_limits_bucket_hit_idx").on(t.bucket, t.hitAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
    // records: /admin/audit filters by person and by action (and lists the actions).
    index("audit_log_actor_idx").on(t.actorId, t.id),
    index("audit_log_action_idx").on(t.action, t.id),
  ],
);

/**
 * Scheduled, non-essential email. `key` names what the email is about (kind, event or
 * week, member), so however many schedulers run, and however often they retry, a
 * notification is sent at most once; a pending row is sent when `due_at` passes.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    kind: notificationKindEnum("kind").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").references(() => events.id, { onDelete: "cascade" }),
    dueAt: timestamptz("due_at").notNull(),
    status: notificationStatusEnum("status").notNull().default("pending"),
    skipReason: text("skip_reason"),
    // A row whose email could not be built or queued is retried with backoff (null: due at due_at),
    // then `failed` with its last error, shown to admins at /admin/mail.
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at"),
    lastError: text("last_error"),
    failedAt: timestamptz("failed_at"),
    outboxId: bigint("outbox_id", { mode: "number" }).references(() => outbox.id, { onDelete: "set null" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    sentAt: timestamptz("sent_at"),
  },
  (t) => [
    uniqueIndex("notifications_key_key").on(t.key),
    index("notifications_pending_idx").on(t.status, t.dueAt),
    index("notifications_event_idx").on(t.eventId, t.status),
    index("notifications_user_idx").on(t.userId, t.status),
  ],
);

export type MessageRecipient = { userId: string; email: string; status: "going" | "waitlisted" };

/** What organizers wrote to attendees, kept with its recipients: it may be requested under FOIA. */
export const eventMessages = pgTable(
  "event_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // No cascade: the record must outlive anything that would delete the event.
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id),
    senderId: uuid("sender_id").references(() => users.id, { onDelete: "set null" }),
    senderEmail: text("sender_email").notNull(),
    audience: messageAudienceEnum("audience").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    recipients: jsonb("recipients").$type<MessageRecipient[]>().notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("event_messages_event_idx").on(t.eventId, t.createdAt)],
);

/**
 * One row per periodic job: when it last ran, claimed with a conditional upsert so that
 * however many processes and instances tick, the job runs at most once per period.
 */
export const housekeepingRuns = pgTable("housekeeping_runs", {
  job: text("job").primaryKey(),
  lastRunAt: timestamptz("last_run_at").notNull(),
  // What the last run removed, for operators reading the table.
  removed: jsonb("removed").$type<Record<string, number>>().notNull().default({}),
});

// ── series ──
export const seriesFrequencyEnum = pgEnum("series_frequency", ["weekly", "biweekly", "monthly"]);

/**
 * A recurring series: the rule its occurrences were made from (lib/events/series-rule.ts). Each
 * occurrence is an ordinary event (own RSVPs, page, slug, invites) pointing here with events.series_id;
 * feeds and invitations stay per occurrence, so no calendar client ever sees an RRULE.
 */
export const eventSeries = pgTable(
  "event_series",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    frequency: seriesFrequencyEnum("frequency").notNull(),
    // Monthly only: which weekday of the month (1 to 4, or -1 for the last), the weekday being the first occurrence's.
    monthlyWeek: integer("monthly_week"),
    timeZone: text("time_zone").notNull(),
    // The first occurrence's local date and how the series ends: on a local date (inclusive) or after a count.
    firstDate: text("first_date").notNull(),
    untilDate: text("until_date"),
    occurrenceCount: integer("occurrence_count"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("event_series_monthly_week", sql`(${t.frequency} = 'monthly') = (${t.monthlyWeek} is not null)`),
    check("event_series_ends_once", sql`(${t.untilDate} is null) <> (${t.occurrenceCount} is null)`),
  ],
);

// ── accommodations ──
/**
 * What a member may ask for with their RSVP; lib/accommodations/vocabulary.ts holds the words.
 * Stored as text[] and checked against this list, so a new need is one entry here (and its labels).
 */
export const ACCOMMODATION_NEEDS = ["cart", "asl", "audio_description", "materials_in_advance", "large_print"] as const;
export const ACCOMMODATION_OTHER_MAX = 500;
export const ACCOMMODATION_NOTE_MAX = 500;
export const accommodationStatusEnum = pgEnum("accommodation_status", ["received", "arranged", "unavailable"]);

/**
 * A member's accommodation request for one event, one row per (event, member). Private: only the event's
 * organizer and admins read it (lib/accommodations/requests.ts). Deleted when the RSVP is cancelled, and
 * ACCOMMODATION_RETENTION_DAYS after the event ends (lib/housekeeping.ts).
 */
export const accommodationRequests = pgTable(
  "accommodation_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    needs: text("needs")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    other: text("other"),
    status: accommodationStatusEnum("status").notNull().default("received"),
    // What the organizer tells the member (shown to them beside the status).
    organizerNote: text("organizer_note"),
    // Asked for (or changed) after ACCOMMODATION_DEADLINE_DAYS before the start: arranging may not be possible.
    late: boolean("late").notNull().default(false),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accommodation_requests_event_user_key").on(t.eventId, t.userId),
    index("accommodation_requests_user_idx").on(t.userId),
    check("accommodation_requests_needs_known", sql.raw(`needs <@ array[${ACCOMMODATION_NEEDS.map((need) => `'${need}'`).join(", ")}]::text[]`)),
    check("accommodation_requests_something_asked", sql`cardinality(${t.needs}) > 0 or ${t.other} is not null`),
    check("accommodation_requests_other_bounded", sql.raw(`char_length(other) <= ${ACCOMMODATION_OTHER_MAX}`)),
    check("accommodation_requests_note_bounded", sql.raw(`char_length(organizer_note) <= ${ACCOMMODATION_NOTE_MAX}`)),
  ],
);

// ── registry ──

/**
 * Domains an admin lets join beyond the .gov registry (lib/registry): a registered domain such as
 * `agency.gov`, named and placed at a level of government, with why and by whom. Audited.
 */
export const allowedDomains = pgTable("allowed_domains", {
  domain: text("domain").primaryKey(),
  organization: text("organization").notNull(),
  level: governmentLevelEnum("level").notNull(),
  reason: text("reason").notNull(),
  addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

// ── surveys ──

/** One question of a post-event survey (lib/surveys/survey-schema.ts bounds them). */
export type SurveyQuestion =
  | { id: string; kind: "rating"; prompt: string; required: boolean }
  | { id: string; kind: "choice"; prompt: string; required: boolean; options: string[] }
  | { id: string; kind: "text"; prompt: string; required: boolean };

/** A question's answer: a rating 1–5, the chosen option's index, or the text typed. */
export type SurveyAnswerValue = number | string;

/** The short feedback survey attached to one event (lib/surveys/). */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    questions: jsonb("questions").$type<SurveyQuestion[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    // Set, once, by the scheduler's run that queues the invitations after the event ends.
    invitationsPlannedAt: timestamptz("invitations_planned_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("surveys_event_key").on(t.eventId),
    index("surveys_unplanned_idx")
      .on(t.eventId)
      .where(sql`invitations_planned_at is null`),
  ],
);

/**
 * The emailed answer link of one member for one survey: only the SHA-256 of the link's random nonce
 * is kept, so a leaked table holds no working link, and a new link replaces the old one.
 */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nonceHash: text("nonce_hash").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] })],
);

/**
 * Who has answered: the primary key is what makes it one answer per member (a second insert fails),
 * and it holds no answers. The answers are in survey_responses, which name nobody unless the member
 * chose to share their name, and carry no time that could be matched with this row's.
 */
export const surveyParticipants = pgTable(
  "survey_participants",
  {
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answeredAt: timestamptz("answered_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] })],
);

export const surveyResponses = pgTable(
  "survey_responses",
  {
    // Random, and the only order results are read in: it says nothing about who answered when.
    id: uuid("id").primaryKey().defaultRandom(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    // Only when the member ticked "Share my name with the organizers"; gone with their account.
    sharedUserId: uuid("shared_user_id").references(() => users.id, { onDelete: "set null" }),
    // Question id → answer; questions left empty are absent.
    answers: jsonb("answers").$type<Record<string, SurveyAnswerValue>>().notNull(),
  },
  (t) => [index("survey_responses_survey_idx").on(t.surveyId, t.id)],
);
