import { z } from "zod";
import { blankEventFormValues, eventFormSchema } from "./event-schema";
import { MAX_OCCURRENCES, occurrenceDates, SERIES_FREQUENCIES, type MonthlyWeek, type SeriesRule } from "./series-rule";
import { parseDateInput } from "./wall-clock";

/**
 * The event form's "Repeats" section: how often, which week of the month, and how it ends.
 * Empty `repeats` means a single event, and then the other three must be empty too.
 */
export const seriesFields = {
  repeats: z
    .enum(["", ...SERIES_FREQUENCIES], { error: "Choose how often the event repeats." })
    .optional()
    .default(""),
  monthlyWeek: z.enum(["", "1", "2", "3", "4", "last"], { error: "Choose which week of the month." }).optional().default(""),
  repeatCount: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((value) => /^\d{0,3}$/.test(value), { error: `Enter the number of times as a whole number, like 6 (at most ${MAX_OCCURRENCES}).` }),
  repeatUntil: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((value) => value === "" || parseDateInput(value) !== null, { error: "Enter the last date as a real date, like 2027-06-30." }),
};

export type SeriesFormFields = { [K in keyof typeof seriesFields]: string };

export const BLANK_SERIES_FIELDS: SeriesFormFields = { repeats: "", monthlyWeek: "", repeatCount: "", repeatUntil: "" };

type Parsed = z.output<z.ZodObject<typeof seriesFields>>;

/** The rule the section names, or null for a single event. Its bounds are checked with the dates (series-rule.ts). */
export function ruleOf(value: Parsed): SeriesRule | null {
  if (value.repeats === "") return null;
  const week: MonthlyWeek | null =
    value.repeats !== "monthly" || value.monthlyWeek === "" ? null : value.monthlyWeek === "last" ? -1 : (Number(value.monthlyWeek) as MonthlyWeek);
  return {
    frequency: value.repeats,
    monthlyWeek: week,
    count: value.repeatCount === "" ? null : Number(value.repeatCount),
    until: value.repeatUntil === "" ? null : parseDateInput(value.repeatUntil),
  };
}

const eventKeys = new Set(Object.keys(blankEventFormValues("UTC")));
const seriesKeys = new Set(Object.keys(seriesFields));

/**
 * The create form: the event's fields (eventFormSchema, strict as ever) and the Repeats section,
 * parsed apart so the event schema stays the one every edit uses. `intent` (draft or publish) is the
 * action's business and is dropped here; any other field is a tampered form.
 */
export const createWithSeriesSchema = z.looseObject({}).transform((value, ctx) => {
  const event: Record<string, unknown> = {};
  const series: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (name === "intent") continue;
    if (seriesKeys.has(name)) series[name] = field;
    else if (eventKeys.has(name)) event[name] = field;
    else ctx.addIssue({ code: "unrecognized_keys", keys: [name], path: [], message: `Unrecognized key: ${name}` });
  }
  const parsedEvent = eventFormSchema.safeParse(event);
  const parsedSeries = z.strictObject(seriesFields).safeParse(series);
  for (const issue of [...(parsedEvent.error?.issues ?? []), ...(parsedSeries.error?.issues ?? [])])
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  const rule = parsedSeries.success ? ruleOf(parsedSeries.data) : null;
  if (parsedSeries.success && !rule && (parsedSeries.data.monthlyWeek || parsedSeries.data.repeatCount || parsedSeries.data.repeatUntil)) {
    ctx.addIssue({ code: "custom", path: ["repeats"], message: "Choose how often the event repeats, or clear the other Repeats fields." });
    return z.NEVER;
  }
  // The rule's own bounds are told with the event's errors, so every problem shows at once (lib/events/series.ts checks again).
  const first = typeof event.date === "string" ? parseDateInput(event.date.trim()) : null;
  if (rule && first) {
    const dates = occurrenceDates(first, rule);
    if (!dates.ok) ctx.addIssue({ code: "custom", path: [dates.field], message: dates.message });
  }
  if (!parsedEvent.success || !parsedSeries.success) return z.NEVER;
  return { event: parsedEvent.data, rule };
});
