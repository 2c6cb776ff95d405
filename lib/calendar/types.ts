/** What a calendar file or invitation needs to know about an event. */
export type InviteEvent = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  status: "draft" | "published" | "cancelled";
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  location: string | null;
  joinUrl: string | null;
  format: "virtual" | "in_person" | "hybrid";
  sequence: number;
  updatedAt: Date;
};
