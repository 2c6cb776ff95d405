/** The non-essential emails, each with its own switch on the account page and its own unsubscribe link. */
export const OPTIONAL_EMAIL_KINDS = ["reminder_day", "reminder_hour", "follow_up", "digest", "survey"] as const;
export type OptionalEmailKind = (typeof OPTIONAL_EMAIL_KINDS)[number];

/** The users column that turns each kind on or off. */
export const preferenceColumnOf = {
  reminder_day: "reminderDayBefore",
  reminder_hour: "reminderHourBefore",
  follow_up: "followUpEmails",
  digest: "weeklyDigest",
  // surveys: the feedback survey after an event is email after an event, like the recording and slides.
  survey: "followUpEmails",
} as const satisfies Record<OptionalEmailKind, string>;

/** How each kind is named to the person turning it off. */
export const kindLabels: Record<OptionalEmailKind, string> = {
  reminder_day: "reminders the day before events you’re going to",
  reminder_hour: "reminders an hour before events you’re going to",
  follow_up: "emails when recordings and slides of events you went to are available",
  digest: "the weekly digest of upcoming events and new resources",
  survey: "emails after events you went to: feedback surveys, and recordings and slides when they are available",
};
