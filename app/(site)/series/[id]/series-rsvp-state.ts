import type { ActionState } from "@/lib/actions/state";

/** What the series RSVP answers: the shared state, plus each date's outcome. */
export type SeriesRsvpState = ActionState & {
  outcomes?: { eventId: string; slug: string; when: string; outcome: "going" | "waitlisted" | "refused"; detail: string | null }[];
};
