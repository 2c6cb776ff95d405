import { z } from "zod";
import type { SurveyQuestion } from "@/db/schema";

export type { SurveyQuestion };

/**
 * What a survey may hold and what an answer may say: the editor's form, lib/'s writes and the
 * answer page share these. Client-safe (no data access), so forms can show the same limits.
 */
export const QUESTIONS_MAX = 10;
export const OPTIONS_MAX = 8;
export const PROMPT_MAX = 200;
export const OPTION_MAX = 80;
export const ANSWER_TEXT_MAX = 2000;
export const RATING_MIN = 1;
export const RATING_MAX = 5;

export const QUESTION_KINDS = ["rating", "choice", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const questionKindLabels: Record<QuestionKind, string> = {
  rating: `Rating, ${RATING_MIN} to ${RATING_MAX}`,
  choice: `Multiple choice (one answer, up to ${OPTIONS_MAX} options)`,
  text: `Free text (up to ${ANSWER_TEXT_MAX.toLocaleString("en-US")} characters)`,
};

/** The words beside each rating. */
export const ratingLabels: Record<number, string> = { 1: "1, not useful", 2: "2", 3: "3", 4: "4", 5: "5, very useful" };

/** A question before it is saved (lib/surveys/manage.ts gives each an id). */
export type EditedQuestion = SurveyQuestion extends infer Q ? (Q extends SurveyQuestion ? Omit<Q, "id"> : never) : never;

/** What an organizer attaches in one click, and edits from there. */
export const DEFAULT_QUESTIONS: EditedQuestion[] = [
  { kind: "rating", prompt: "How useful was this session?", required: true },
  { kind: "choice", prompt: "How did you hear about it?", required: false, options: ["Email", "The community calendar", "A colleague", "Somewhere else"] },
  { kind: "text", prompt: "What should we cover next?", required: false },
];

// Line breaks only where text may have them; other control characters hide text or confuse spreadsheets.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK = /[\r\n]/;

export const questionIdPattern = /^[0-9a-f]{8}$/;

const promptSchema = z
  .string()
  .trim()
  .min(1, { error: "Write the question." })
  .max(PROMPT_MAX, { error: `Keep the question to ${PROMPT_MAX} characters or fewer.` })
  .refine((value) => !CONTROL.test(value) && !LINE_BREAK.test(value), { error: "Write the question on one line, without control characters." });

const optionSchema = z
  .string()
  .trim()
  .min(1)
  .max(OPTION_MAX, { error: `Keep each option to ${OPTION_MAX} characters or fewer.` })
  .refine((value) => !CONTROL.test(value), { error: "Remove control characters from the options." });

/** One question as lib/ stores it. */
export const questionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ id: z.string().regex(questionIdPattern), kind: z.literal("rating"), prompt: promptSchema, required: z.boolean() }),
  z.strictObject({
    id: z.string().regex(questionIdPattern),
    kind: z.literal("choice"),
    prompt: promptSchema,
    required: z.boolean(),
    options: z
      .array(optionSchema)
      .min(2, { error: "Give at least two options, one per line." })
      .max(OPTIONS_MAX, { error: `Give at most ${OPTIONS_MAX} options.` })
      .refine((options) => new Set(options.map((o) => o.toLowerCase())).size === options.length, { error: "Give each option once." }),
  }),
  z.strictObject({ id: z.string().regex(questionIdPattern), kind: z.literal("text"), prompt: promptSchema, required: z.boolean() }),
]);

export const questionsSchema = z
  .array(questionSchema)
  .min(1, { error: "Keep at least one question." })
  .max(QUESTIONS_MAX, { error: `A survey has at most ${QUESTIONS_MAX} questions.` });

/** The editor's fields for question slot `i`: q{i}_kind, q{i}_prompt, q{i}_options (one per line), q{i}_required, q{i}_remove. */
export const slotField = (i: number, part: "kind" | "prompt" | "options" | "required" | "remove") => `q${i}_${part}`;

const slotShape = Object.fromEntries(
  Array.from({ length: QUESTIONS_MAX }, (_, i) => [
    [slotField(i, "kind"), z.string().max(20).optional()],
    [
      slotField(i, "prompt"),
      z
        .string()
        .max(PROMPT_MAX * 4)
        .optional(),
    ],
    [
      slotField(i, "options"),
      z
        .string()
        .max(OPTIONS_MAX * (OPTION_MAX + 2) * 2)
        .optional(),
    ],
    [slotField(i, "required"), z.literal("on").optional()],
    [slotField(i, "remove"), z.literal("on").optional()],
  ]).flat(),
) as Record<string, z.ZodOptional<z.ZodString | z.ZodLiteral<"on">>>;

/**
 * The editor's form: up to QUESTIONS_MAX slots, read in order; a slot left blank or ticked
 * "Remove" is dropped. Each problem is reported on the slot's own field.
 */
export const surveyEditorSchema = z.strictObject(slotShape).transform((fields, context): EditedQuestion[] => {
  const questions: EditedQuestion[] = [];
  for (let i = 0; i < QUESTIONS_MAX; i++) {
    const get = (part: Parameters<typeof slotField>[1]) => fields[slotField(i, part)];
    const prompt = (get("prompt") ?? "").trim();
    const optionsText = get("options") ?? "";
    if (get("remove") === "on" || (!prompt && !optionsText.trim())) continue;
    const kind = get("kind");
    if (!(QUESTION_KINDS as readonly string[]).includes(kind ?? "")) {
      context.addIssue({ code: "custom", path: [slotField(i, "kind")], message: "Choose the kind of question." });
      continue;
    }
    const options = optionsText
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const candidate =
      kind === "choice"
        ? { id: "00000000", kind, prompt, required: get("required") === "on", options }
        : { id: "00000000", kind: kind as "rating" | "text", prompt, required: get("required") === "on" };
    const parsed = questionSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "options" ? slotField(i, "options") : slotField(i, "prompt");
        context.addIssue({ code: "custom", path: [field], message: issue.message });
      }
      continue;
    }
    const { id: _id, ...question } = parsed.data;
    void _id;
    questions.push(question);
  }
  if (questions.length === 0 && context.issues.length === 0) {
    context.addIssue({ code: "custom", path: [slotField(0, "prompt")], message: "Keep at least one question." });
  }
  return questions;
});

/** The answer form's field for a question, and the share box. */
export const answerField = (questionId: string) => `a_${questionId}`;
export const SHARE_NAME_FIELD = "shareName";

/** The answer form as posted: only fields of the answer form's shape; lib/ checks them against the survey itself. */
export const surveyAnswerFormSchema = z.record(
  z.string().regex(/^(a_[0-9a-f]{8}|shareName)$/, { error: "The form sent fields it should not have." }),
  z.string().max(ANSWER_TEXT_MAX * 4),
);
export type SurveyAnswerForm = z.infer<typeof surveyAnswerFormSchema>;
