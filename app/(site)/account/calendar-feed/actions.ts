"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireMemberPage } from "@/lib/auth/guards";
import { personalFeedUrl, revokeFeedToken, rotateFeedToken } from "@/lib/calendar/feed-tokens";

export type CalendarFeedState =
  | { status: "idle" }
  | { status: "created"; feedUrl: string }
  | { status: "turned-off" }
  | { status: "error"; message: string };

const intentSchema = z.strictObject({ intent: z.enum(["create", "turn-off"]) });

/** Creates (or replaces) the viewer's feed link, or turns the feed off; a new link's URL is returned here and nowhere else. */
export async function calendarFeedAction(_previous: CalendarFeedState, formData: FormData): Promise<CalendarFeedState> {
  const viewer = await requireMemberPage("/account");
  // React adds its own $ACTION_ fields to the form; only ours are checked.
  const fields = Object.fromEntries([...formData.entries()].filter(([name]) => !name.startsWith("$ACTION")));
  const parsed = intentSchema.safeParse(fields);
  if (!parsed.success) return { status: "error", message: "Something went wrong with that form. Reload the page and try again." };

  let state: CalendarFeedState;
  if (parsed.data.intent === "create") {
    state = { status: "created", feedUrl: personalFeedUrl(await rotateFeedToken(viewer)) };
  } else {
    await revokeFeedToken(viewer);
    state = { status: "turned-off" };
  }
  revalidatePath("/account");
  return state;
}
