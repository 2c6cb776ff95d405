import { TZDate } from "@date-fns/tz";
import { format, subDays } from "date-fns";
import { z } from "zod";
import { parseDateInput, zonedInstant } from "@/lib/events/wall-clock";

/** What admins type into the records and audit forms, checked at the boundary with the words they see. */

/** The longest date range one export or filter may span: ten years and a leap day or three. */
export const MAX_RANGE_DAYS = 3660;

const dateField = (label: string) =>
  z
    .string({ error: `Enter the ${label} date.` })
    .trim()
    .refine((value) => parseDateInput(value) !== null, { error: `Enter the ${label} date as a real day, such as 2026-01-31.` });

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((value) => value === "" || parseDateInput(value) !== null, { error: `Enter the ${label} date as a real day, such as 2026-01-31.` })
    .optional()
    .transform((value) => value || undefined);

/** Midnight at the start of an HTML date in a zone (a midnight a clock change skips is taken as TZDate reads it). */
export function startOfDateIn(value: string, timeZone: string): Date {
  const day = parseDateInput(value)!;
  const zoned = zonedInstant({ ...day, hour: 0, minute: 0 }, timeZone);
  return zoned.ok ? zoned.at : new Date(new TZDate(day.year, day.month - 1, day.day, timeZone).getTime());
}

/** The instant after the last moment of an HTML date in a zone: the next day's midnight. */
export function endOfDateIn(value: string, timeZone: string): Date {
  const day = parseDateInput(value)!;
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
  return startOfDateIn(next.toISOString().slice(0, 10), timeZone);
}

function checkOrder(range: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (!range.from || !range.to) return;
  if (range.from > range.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must be on or after the start date." });
    return;
  }
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: "Choose a range of ten years or less." });
}

/** The HTML date of a day in a zone, `daysBack` days before the one `now` falls on there. */
export function dateIn(timeZone: string, now = new Date(), daysBack = 0): string {
  return format(subDays(new TZDate(now.getTime(), timeZone), daysBack), "yyyy-MM-dd");
}

/** What the messages export covers when the address names no dates: the last 30 days, today included. */
export function defaultRange(timeZone: string, now = new Date()): DateRange {
  return { from: dateIn(timeZone, now, 29), to: dateIn(timeZone, now) };
}

/** Both dates required: a records export names its period. */
export const dateRangeSchema = z.strictObject({ from: dateField("start"), to: dateField("end") }).superRefine((range, ctx) => checkOrder(range, ctx));
export type DateRange = z.infer<typeof dateRangeSchema>;

export const eventArchiveSchema = z.strictObject({
  eventId: z.uuid({ error: "That event could not be found." }),
  includeAccommodations: z.boolean(),
});
export type EventArchiveInput = z.infer<typeof eventArchiveSchema>;

export const AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE = 2000;
export const AUDIT_FILTER_MAX = 200;

const filterText = (error: string) =>
  z
    .string()
    .trim()
    .max(AUDIT_FILTER_MAX, { error })
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: "Remove control characters." })
    .optional()
    .transform((value) => value || undefined);

/** The audit log's filters: each optional; dates are whole days in the admin's time zone. */
export const auditFilterSchema = z
  .strictObject({
    actor: z
      .string()
      .trim()
      .toLowerCase()
      .max(AUDIT_FILTER_MAX, { error: "Keep the email to 200 characters or fewer." })
      .refine((value) => value === "" || /^[^\s@]+@[^\s@]+$/.test(value), { error: "Enter a whole email address, such as name@agency.gov." })
      .optional()
      .transform((value) => value || undefined),
    action: z
      .string()
      .trim()
      .max(100, { error: "That action is not one the log records." })
      .refine((value) => value === "" || /^[a-z_]+\.[a-z_.]+$/.test(value), { error: "That action is not one the log records." })
      .optional()
      .transform((value) => value || undefined),
    targetType: filterText("Keep the target type to 200 characters or fewer."),
    targetId: filterText("Keep the target id to 200 characters or fewer."),
    from: optionalDate("start"),
    to: optionalDate("end"),
  })
  .superRefine((filters, ctx) => checkOrder(filters, ctx));
export type AuditFilters = Partial<z.infer<typeof auditFilterSchema>>;

/** The field errors of a refused parse, by field, for the form beside them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/** The audit filters' names, as the page's form and the CSV's address carry them. */
export const AUDIT_FILTER_FIELDS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];
