"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FileInput, FormAlert, SubmitButton } from "@/components/forms";
import { idleState, type ActionState } from "@/lib/actions/state";
import type { ResourceFormFields } from "@/lib/resources/resource-schema";
import type { EventOption } from "./event-options";
import { ResourceFields } from "./resource-fields";

const UPLOAD_URL = "/manage/resources/upload";

/**
 * Posts to the upload route, which streams the file to storage. With script the
 * form sends it with fetch and shows refusals beside the fields; without, the
 * browser posts it natively and the route answers with a redirect or a page.
 */
export function FileUploadForm({
  defaults,
  events,
  maxBytes,
  maxLabel,
  accept,
  allowedLabel,
}: {
  defaults: ResourceFormFields;
  events: EventOption[];
  maxBytes: number;
  maxLabel: string;
  accept: string;
  allowedLabel: string;
}) {
  const router = useRouter();
  const [state, setState] = useState<ActionState>(idleState);
  const [pending, setPending] = useState(false);
  const errors = state.errors ?? {};

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    // The server checks too; this only spares a long upload that would be refused.
    if (file instanceof File && file.size > maxBytes) {
      const message = `The file is larger than the ${maxLabel} limit. Share a link to it instead, or make it smaller.`;
      setState({ status: "error", message, errors: { file: [message] } });
      return;
    }
    setPending(true);
    setState({ status: "idle" });
    try {
      const response = await fetch(UPLOAD_URL, { method: "POST", body: data, headers: { Accept: "application/json" } });
      const body = (await response.json().catch(() => null)) as { location?: string; error?: string; fieldErrors?: ActionState["errors"] } | null;
      if (response.ok && body?.location) {
        router.push(body.location);
        return;
      }
      setState({ status: "error", message: body?.error ?? `The upload failed (error ${response.status}). Try again.`, errors: body?.fieldErrors });
    } catch {
      setState({ status: "error", message: "The upload was interrupted. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form action={UPLOAD_URL} method="post" encType="multipart/form-data" onSubmit={submit} className="usa-form usa-form--large maxw-tablet-lg" noValidate>
      <FormAlert state={state} />
      <FileInput name="file" label="File" hint={`${allowedLabel}. Up to ${maxLabel}.`} accept={accept} errors={errors.file} />
      <ResourceFields values={defaults} errors={errors} events={events} />
      <div className="margin-top-3">
        <SubmitButton pending={pending} pendingLabel="Uploading…" className="">
          Upload file
        </SubmitButton>
        <Link href="/manage/resources" className="usa-button usa-button--unstyled margin-left-2">
          Cancel
        </Link>
      </div>
      <p className="usa-hint" role="status">
        {pending ? "Uploading. Large files can take a minute; keep this page open." : ""}
      </p>
    </form>
  );
}
