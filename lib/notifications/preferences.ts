import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertMember } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { kindLabels, preferenceColumnOf, type OptionalEmailKind } from "./kinds";
import { syncReminders } from "./reminders";
import { readUnsubscribeToken } from "./unsubscribe-tokens";

export const REMINDER_CHOICES = ["none", "day", "hour", "both"] as const;
export type ReminderChoice = (typeof REMINDER_CHOICES)[number];

export const notificationPreferencesSchema = z.strictObject({
  reminders: z.enum(REMINDER_CHOICES, { error: "Choose which reminders you want." }),
  followUpEmails: z.boolean(),
  weeklyDigest: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

function reminderChoice(day: boolean, hour: boolean): ReminderChoice {
  return day && hour ? "both" : day ? "day" : hour ? "hour" : "none";
}

export async function getNotificationPreferences(viewer: Viewer | null): Promise<NotificationPreferences> {
  assertMember(viewer);
  const db = await getDb();
  const [row] = await db
    .select({
      day: users.reminderDayBefore,
      hour: users.reminderHourBefore,
      followUpEmails: users.followUpEmails,
      weeklyDigest: users.weeklyDigest,
    })
    .from(users)
    .where(eq(users.id, viewer.id));
  if (!row) throw new AppError("not_found", "Your account could not be found.");
  return { reminders: reminderChoice(row.day, row.hour), followUpEmails: row.followUpEmails, weeklyDigest: row.weeklyDigest };
}

/** Saves the viewer's own choices; reminders already scheduled are added or removed to match. */
export async function updateNotificationPreferences(viewer: Viewer | null, input: NotificationPreferences, now = new Date()): Promise<void> {
  assertMember(viewer);
  const { reminders, followUpEmails, weeklyDigest } = notificationPreferencesSchema.parse(input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        reminderDayBefore: reminders === "day" || reminders === "both",
        reminderHourBefore: reminders === "hour" || reminders === "both",
        followUpEmails,
        weeklyDigest,
      })
      .where(eq(users.id, viewer.id))
      .returning({ id: users.id });
    if (!row) throw new AppError("not_found", "Your account could not be found.");
    await syncReminders(tx, { userId: viewer.id, now });
  });
}

/**
 * What an unsubscribe page shows before anyone confirms: which email the link turns off
 * and whether it is still on. Null for a token this server did not sign, or whose
 * account is gone. Reading it changes nothing (link scanners open every URL they see).
 */
export async function getUnsubscribeState(token: string): Promise<{ kind: OptionalEmailKind; label: string; subscribed: boolean } | null> {
  const parsed = readUnsubscribeToken(token);
  if (!parsed) return null;
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, parsed.userId));
  if (!row) return null;
  return { kind: parsed.kind, label: kindLabels[parsed.kind], subscribed: row[preferenceColumnOf[parsed.kind]] };
}

/**
 * One-click unsubscribe: the token is the whole authorization (no session, no Origin
 * check, since mail providers post it from their own servers), and it turns off
 * exactly one kind of email. Returns null, changing nothing, for a token that is not valid.
 */
export async function unsubscribeWithToken(token: string, now = new Date()): Promise<{ kind: OptionalEmailKind; label: string } | null> {
  const parsed = readUnsubscribeToken(token);
  if (!parsed) return null;
  const db = await getDb();
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ [preferenceColumnOf[parsed.kind]]: false })
      .where(eq(users.id, parsed.userId))
      .returning({ id: users.id });
    if (!row) return false;
    if (parsed.kind === "reminder_day" || parsed.kind === "reminder_hour") await syncReminders(tx, { userId: row.id, now });
    await recordAudit(tx, {
      actorId: row.id,
      action: "member.unsubscribed",
      targetType: "user",
      targetId: row.id,
      detail: { kind: parsed.kind, via: "unsubscribe link" },
    });
    return true;
  });
  return done ? { kind: parsed.kind, label: kindLabels[parsed.kind] } : null;
}
