"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Checkbox, Fieldset, FormAlert, SubmitButton } from "@/components/forms";
import { ProfileFields } from "@/components/profile-fields";
import { idleState } from "@/lib/actions/state";
import { joinCommunity } from "./actions";

type Defaults = { name: string | null; agency: string | null; jobTitle: string | null; timeZone: string };

export function JoinForm({ defaults, next }: { defaults: Defaults; next: string }) {
  const [state, formAction, pending] = useActionState(joinCommunity, idleState);
  const values = { ...defaults, ...state.values } as Defaults & Record<string, string | undefined>;
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="next" value={next} />
      <ProfileFields values={values} errors={errors} agencyHint="For example: General Services Administration" />

      <Fieldset id="agreements" legend="Community agreements" className="margin-top-3">
        <Checkbox
          name="acceptGuidelines"
          errors={errors.acceptGuidelines}
          defaultChecked={values.acceptGuidelines === "on"}
          label={
            <>
              I have read and accept the{" "}
              <Link href="/guidelines" target="_blank" className="usa-link">
                community guidelines (opens in a new tab)
              </Link>
              .
            </>
          }
        />
        <Checkbox
          name="acknowledgeFoia"
          errors={errors.acknowledgeFoia}
          defaultChecked={values.acknowledgeFoia === "on"}
          label="I understand that what I share here is a government record and may be released under the Freedom of Information Act (FOIA)."
        />
      </Fieldset>
      <SubmitButton pending={pending}>Join the community</SubmitButton>
    </form>
  );
}
