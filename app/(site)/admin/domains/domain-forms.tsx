"use client";

import { useActionState } from "react";
import { FormAlert, Select, SubmitButton, TextInput, fieldBinder, type FieldCopy } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import { GOVERNMENT_LEVEL_LABELS, GOVERNMENT_LEVELS } from "@/lib/members/government-levels";
import type { AllowDomainFields } from "@/lib/registry/allowed-domain-schema";
import { allowDomainAction, removeDomainAction } from "./actions";

const LEVEL_OPTIONS = GOVERNMENT_LEVELS.map((level) => ({ value: level, label: GOVERNMENT_LEVEL_LABELS[level].option }));

/** Every field's label and hint, in the order the form shows them. */
const COPY: Record<keyof AllowDomainFields, FieldCopy> = {
  domain: { label: "Domain", hint: "Like agency.gov: the part after the @, without any subdomain, https:// or www." },
  organization: { label: "Organization", hint: "Shown on members' profiles and in the directory, like Department of Example." },
  level: { label: "Level of government", hint: "Events limited to a level admit this domain's members at this one." },
  reason: { label: "Reason", hint: "Why this domain may join, for the audit log and other admins. Up to 500 characters." },
};

const BLANK: AllowDomainFields = { domain: "", organization: "", level: "federal", reason: "" };

export function AllowDomainForm() {
  const [state, formAction, pending] = useActionState(allowDomainAction, idleState);
  // A saved domain clears the form; a refused one keeps what was typed.
  const values = state.status === "success" ? BLANK : { ...BLANK, ...state.values };
  const field = fieldBinder<keyof AllowDomainFields>(values, state.errors ?? {}, COPY);
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate key={state.status === "success" ? state.message : "form"}>
      <FormAlert state={state} />
      <TextInput {...field("domain")} />
      <TextInput {...field("organization")} />
      <Select {...field("level")} options={LEVEL_OPTIONS} />
      <TextInput {...field("reason")} />
      <SubmitButton pending={pending} pendingLabel="Saving…" className="margin-top-3">
        Allow this domain
      </SubmitButton>
    </form>
  );
}

export function RemoveDomainButton({ domain }: { domain: string }) {
  const [state, formAction, pending] = useActionState(removeDomainAction, idleState);
  return (
    <form action={formAction}>
      <input type="hidden" name="domain" value={domain} />
      <button className="usa-button usa-button--secondary" type="submit" disabled={pending}>
        Remove<span className="usa-sr-only"> {domain}</span>
      </button>
      {state.status === "error" ? (
        <p className="margin-y-05 font-body-2xs text-secondary-dark" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
