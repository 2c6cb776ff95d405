"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Checkbox, Fieldset, FileInput, FormAlert, SubmitButton, TextArea, fieldBinder, type FieldCopy } from "@/components/forms";
import { idleState, type ActionState } from "@/lib/actions/state";

type Field = "captionsFile" | "captionsAttested" | "transcriptFile" | "transcriptText";

/** Labels and hints of the captions form; the limits come from the page, which reads them from lib/. */
function copyFor(limits: Limits): Record<Field, FieldCopy> {
  return {
    captionsFile: {
      label: "Captions file",
      optional: true,
      hint: `WebVTT (.vtt) or SubRip (.srt), up to ${limits.captions}. We check that every caption has a valid timing.`,
    },
    captionsAttested: {
      label: "I checked: the video at this link shows accurate captions",
      hint: "Only for links, such as a video on YouTube with captions turned on. Your name and the date are kept with it.",
    },
    transcriptFile: { label: "Transcript file", optional: true, hint: `Plain text (.txt), PDF or Word (.docx), up to ${limits.transcript}.` },
    transcriptText: {
      label: "Or paste the transcript",
      optional: true,
      hint: `Up to ${limits.text} characters. Leave it empty to keep the transcript you already added.`,
    },
  };
}

type Limits = { captions: string; transcript: string; text: string };

/**
 * Posts to the captions upload route, which streams the files and checks them. With script the
 * refusals show beside the fields; without, the browser posts natively and gets a redirect or a page.
 */
export function CaptionsForm({ resourceId, isLink, limits }: { resourceId: string; isLink: boolean; limits: Limits }) {
  const router = useRouter();
  const [state, setState] = useState<ActionState>(idleState);
  const [pending, setPending] = useState(false);
  const errors = state.errors ?? {};
  const field = fieldBinder<Field>({}, errors, copyFor(limits));
  // Under /manage/resources/upload, so the proxy leaves the body to stream and the route sets its own headers.
  const url = `/manage/resources/upload/${resourceId}/captions`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setState({ status: "idle" });
    try {
      const response = await fetch(url, { method: "POST", body: data, headers: { Accept: "application/json" } });
      const body = (await response.json().catch(() => null)) as { location?: string; error?: string; fieldErrors?: ActionState["errors"] } | null;
      if (response.ok && body?.location) {
        router.push(body.location);
        router.refresh();
        return;
      }
      setState({ status: "error", message: body?.error ?? `Saving failed (error ${response.status}). Try again.`, errors: body?.fieldErrors });
    } catch {
      setState({ status: "error", message: "The upload was interrupted. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form action={url} method="post" encType="multipart/form-data" onSubmit={submit} className="usa-form usa-form--large maxw-tablet-lg" noValidate>
      <FormAlert state={state} />
      <Fieldset id="captions-part" legend="Captions">
        <FileInput {...field("captionsFile")} accept=".vtt,.srt" />
        {isLink ? <Checkbox {...field("captionsAttested")} /> : null}
      </Fieldset>
      <Fieldset id="transcript-part" legend="Transcript">
        <FileInput {...field("transcriptFile")} accept=".txt,.pdf,.docx" />
        {/* The form is never reset by script, so a refused submit keeps what was typed. */}
        <TextArea {...field("transcriptText")} rows={8} />
      </Fieldset>
      <div className="margin-top-3">
        <SubmitButton pending={pending} pendingLabel="Saving…" className="">
          Save captions and transcript
        </SubmitButton>
        <Link href="/manage/resources" className="usa-button usa-button--unstyled margin-left-2">
          Cancel
        </Link>
      </div>
      <p className="usa-hint" role="status">
        {pending ? "Uploading and checking. Keep this page open." : ""}
      </p>
    </form>
  );
}
