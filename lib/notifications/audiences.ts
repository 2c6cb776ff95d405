/** Who an organizer's message goes to. */
export const AUDIENCES = ["going", "waitlisted", "both"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const audienceLabels: Record<Audience, string> = {
  going: "everyone going",
  waitlisted: "everyone on the waitlist",
  both: "everyone going or on the waitlist",
};
