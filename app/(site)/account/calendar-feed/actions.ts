"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { ActionState } from "@/lib/actions/state";
import { requireMemberPage } from "@/lib/auth/guards";
import type { Viewer } from "@/lib/viewer";
import { personalFeedUrl, revokeFeedToken, rotateFeedToken } from "@/lib/calendar/feed-tokens";

/** A new link's URL comes back here and nowhere else; a success without one means the feed was turned off. */
export type CalendarFeedState = ActionState & { feedUrl?: string };

const intentSchema = z.strictObject({ intent: z.enum(["create", "turn-off"]) });

/** Creates (or replaces) the viewer's feed link, or turns the feed off. */
export const calendarFeedAction = formAction<typeof intentSchema, CalendarFeedState, [], Viewer>(
  { schema: intentSchema, viewer: () => requireMemberPage("/account"), hidden: true, echo: false },
  async ({ intent }, { viewer }): Promise<CalendarFeedState> => {
    let state: CalendarFeedState;
    if (intent === "create") {
      state = { status: "success", feedUrl: personalFeedUrl(await rotateFeedToken(viewer)) };
    } else {
      await revokeFeedToken(viewer);
      state = { status: "success" };
    }
    revalidatePath("/account");
    return state;
  },
);
