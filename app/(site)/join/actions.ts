"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { requireSignedInPage } from "@/lib/auth/guards";
import { completeJoining } from "@/lib/members/profile";
import { joinSchema } from "@/lib/members/profile-schema";

// Where to go afterwards rides along with the profile; it is made safe, never trusted.
const joinForm = joinSchema.extend({ next: z.string().max(2000).optional() });

/** The join step: a signed-in person who is not yet a member becomes one. */
export const joinCommunity = formAction(
  { schema: joinForm, viewer: () => requireSignedInPage("/join"), hidden: ["next"] },
  async ({ next, ...input }, { viewer }) => {
    await completeJoining(viewer, input);
    redirect(safeCallbackPath(next));
  },
);
