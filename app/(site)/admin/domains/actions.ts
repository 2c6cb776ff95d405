"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { success } from "@/lib/actions/state";
import { allowDomainSchema, removeDomainSchema } from "@/lib/registry/allowed-domain-schema";
import { allowDomain, removeAllowedDomain } from "@/lib/registry/allowed-domains";

/** An admin lets a domain join beyond the .gov registry; lib/registry decides who may, and audits it. */
export const allowDomainAction = formAction({ schema: allowDomainSchema }, async (input, { viewer }) => {
  await allowDomain(viewer, input);
  revalidatePath("/admin/domains");
  return success(`${input.domain} can now join as ${input.organization}.`);
});

/** An admin takes a domain off the list (audited). */
export const removeDomainAction = formAction({ schema: removeDomainSchema, hidden: true, echo: false }, async (input, { viewer }) => {
  await removeAllowedDomain(viewer, input);
  revalidatePath("/admin/domains");
  return success(`${input.domain} was removed.`);
});
