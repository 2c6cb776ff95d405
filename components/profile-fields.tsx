import { TextInput, TimeZoneSelect } from "@/components/forms";

type Values = { name?: string | null; agency?: string | null; jobTitle?: string | null; timeZone: string };

/** Who someone is, as the join step asks it and the account page edits it. */
export function ProfileFields({ values, errors, agencyHint }: { values: Values; errors: Record<string, string[] | undefined>; agencyHint?: string }) {
  return (
    <>
      <TextInput name="name" label="Full name" autoComplete="name" defaultValue={values.name} errors={errors.name} />
      <TextInput
        name="agency"
        label="Agency or organization"
        hint={agencyHint}
        autoComplete="organization"
        defaultValue={values.agency}
        errors={errors.agency}
      />
      <TextInput name="jobTitle" label="Job title" autoComplete="organization-title" defaultValue={values.jobTitle} errors={errors.jobTitle} />
      <TimeZoneSelect defaultValue={values.timeZone} errors={errors.timeZone} />
    </>
  );
}
