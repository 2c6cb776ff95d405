import { sql } from "drizzle-orm";
import { events } from "@/db/schema";

/**
 * Published or cancelled: what visitors may see. Written as a literal, not as bound
 * parameters, so the planner can prove it matches the partial indexes built on it.
 */
export const isPublicEvent = sql`${events.status} in ('published', 'cancelled')`;

/** The events_duration_bounded check: no event lasts longer, so an end after T means a start after T minus this. */
export const MAX_EVENT_DURATION_MS = 7 * 24 * 60 * 60 * 1000;
