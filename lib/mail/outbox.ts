import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { outbox, type OutboxCalendar } from "@/db/schema";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  calendar?: OutboxCalendar;
  headers?: Record<string, string>;
  /** A short label such as "sign-in" or "rsvp-confirmed"; shown in the dev mailbox and useful in logs. */
  kind: string;
};

const noLineBreaks = /^[^\r\n]*$/;
export const SUBJECT_MAX_LENGTH = 200;
const ELLIPSIS = "…";
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * A subject that fits the limit: callers put titles people typed into subjects, and a
 * long one must not make the mail (and the action that sends it) fail. Cut between
 * graphemes, so no emoji, accent or surrogate pair is split, and end with an ellipsis.
 */
export function fitSubject(subject: string, max = SUBJECT_MAX_LENGTH): string {
  const trimmed = subject.trim();
  if (trimmed.length <= max) return trimmed;
  let kept = "";
  for (const { segment } of graphemes.segment(trimmed)) {
    if (kept.length + segment.length + ELLIPSIS.length > max) break;
    kept += segment;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}
// RFC 5322 field name: printable ASCII except the colon.
const headerName = /^[!-9;-~]+$/;
// Addressing and MIME structure belong to the deliverer; a caller setting them could
// add recipients or break the message, so they are refused rather than merged.
const reservedHeaders = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "sender",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
]);

const outgoingMailSchema = z.object({
  to: z.string().trim().pipe(z.email()),
  // Checked for line breaks before it is shortened, so an injected header never hides past the cut.
  subject: z
    .string()
    .regex(noLineBreaks, { error: "must not contain CR or LF" })
    .transform((subject) => fitSubject(subject))
    .pipe(z.string().min(1)),
  text: z.string(),
  html: z.string().optional(),
  calendar: z
    .object({
      method: z.enum(["REQUEST", "CANCEL"]),
      content: z.string().min(1),
      filename: z.string().regex(/^[\w.-]+\.ics$/, { error: "must be a plain file name ending in .ics" }),
    })
    .optional(),
  headers: z
    .record(
      z
        .string()
        .regex(headerName, { error: "is not a valid header name" })
        .refine((name) => !reservedHeaders.has(name.toLowerCase()), { error: "is set by the deliverer" }),
      z.string().regex(noLineBreaks, { error: "must not contain CR or LF" }),
    )
    .default({}),
  kind: z.string().trim().min(1).max(64),
});

/**
 * Queues a message inside the caller's transaction, so the mail exists if and only if
 * the action that caused it committed. Nothing is sent here; call `kickMailDeliverer()`
 * after the transaction commits when the message should go out at once.
 *
 * Invalid input throws a plain Error: every caller builds these values in code, so a
 * bad one is a bug, and a line break in a header would be header injection.
 */
export async function enqueueMail(tx: Tx | Db, mail: OutgoingMail): Promise<number> {
  const { to, subject, text, html, calendar, headers, kind } = checkedMail(mail);
  const [row] = await tx
    .insert(outbox)
    .values({ to, subject, text, html: html ?? null, calendar: calendar ?? null, headers, kind })
    .returning({ id: outbox.id });
  if (!row) throw new Error("enqueueMail: insert returned no row");
  return row.id;
}

export type CheckedMail = z.output<typeof outgoingMailSchema>;

/** enqueueMail's validation on its own, for a caller that checks a message before it holds a lock and queues it later. */
export function checkedMail(mail: OutgoingMail): CheckedMail {
  const parsed = outgoingMailSchema.safeParse(mail);
  if (!parsed.success) {
    throw new Error(`enqueueMail: invalid mail (${mail.kind}):\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * A checked message as an INSERT whose rows come from `source` (a FROM clause; no row, no
 * mail), so it can be a WITH item of a bigger statement, in the caller's transaction like
 * enqueueMail. The same row enqueueMail writes.
 */
export function outboxInsert({ to, subject, text, html, calendar, headers, kind }: CheckedMail, source: SQL): SQL {
  return sql`
    insert into ${outbox} ("to", subject, text, html, calendar, headers, kind)
    select ${to}, ${subject}, ${text}, ${html ?? null}, ${calendar ? JSON.stringify(calendar) : null}::jsonb, ${JSON.stringify(headers)}::jsonb, ${kind}
    from ${source}`;
}
