"use client";

import { useActionState } from "react";
import { FormAlert, Select, TextArea, fieldBinder, type FieldCopy } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import { ACCOMMODATION_STATUS_LABELS, ACCOMMODATION_STATUSES, type AccommodationStatus } from "@/lib/accommodations/vocabulary";
import { answerAccommodationAction } from "./accommodation-actions";

type FieldName = "status" | "note";

const COPY: Record<FieldName, FieldCopy> = {
  status: { label: "Status" },
  note: { label: "Note to the member", hint: "They see it beside their request. Up to 500 characters.", optional: true },
};

const STATUS_OPTIONS = ACCOMMODATION_STATUSES.map((value) => ({ value, label: ACCOMMODATION_STATUS_LABELS[value].option }));

/** One request's answer: a status and a note, each form with its own ids (a page lists several). */
export function AccommodationAnswerForm({ requestId, status, note }: { requestId: string; status: AccommodationStatus; note: string | null }) {
  const [state, formAction, pending] = useActionState(answerAccommodationAction, idleState);
  const values = state.status === "error" && state.values ? state.values : { status, note: note ?? "" };
  const field = fieldBinder<FieldName>(values, state.errors ?? {}, COPY);
  return (
    <form action={formAction} className="usa-form maxw-full" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <Select {...field("status")} id={`status-${requestId}`} defaultValue={values.status ?? status} options={STATUS_OPTIONS} />
      <TextArea {...field("note")} id={`note-${requestId}`} rows={2} />
      <button className="usa-button margin-top-2" type="submit" disabled={pending}>
        Save answer
      </button>
    </form>
  );
}
