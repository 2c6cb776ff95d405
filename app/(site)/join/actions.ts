"use server";

import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getViewer } from "@/lib/auth/viewer";
import { invalidFormState, type FormState } from "@/lib/form-state";
import { completeJoining } from "@/lib/members/profile";
import { formFields, joinSchema } from "@/lib/members/profile-schema";

/** The join step: a signed-in person who is not yet a member becomes one. */
export async function joinCommunity(_previous: FormState, formData: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/join");
  const fields = formFields(formData);
  const next = safeCallbackPath(fields.next);
  delete fields.next;
  const parsed = joinSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  await completeJoining(viewer, parsed.data);
  redirect(next);
}
