import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { databaseSnapshot, formData } from "@/test/db-snapshot";
import { createEvent, createMember, VALID_EVENT_FORM, viewerOf } from "@/test/factories";
import { TAMPERED_MESSAGE } from "./state";

/**
 * Every form's action answers a tampered post (a field its form does not have) the
 * same way: one wording, nothing written. Before the shared wrapper there were four.
 */
const viewerNow = vi.hoisted(() => ({ current: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => viewerNow.current, getHeaderViewer: async () => null }));
vi.mock("next/cache", () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
  unstable_cache: <T>(read: T) => read,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.9" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));
vi.mock("@/auth", () => ({ auth: async () => null, signIn: async () => {}, signOut: async () => {} }));

const database = useTestDatabase();
const db = () => database.db;

type Call = (state: never, data: FormData) => Promise<unknown>;
type Ids = { eventId: string; userId: string };
type Case = { role: Viewer["role"]; load: (ids: Ids) => Promise<Call>; fields: (ids: Ids) => Record<string, string> };

const CASES: Record<string, Case> = {
  saveProfile: {
    role: "member",
    load: async () => (await import("@/app/(site)/account/actions")).saveProfile as Call,
    fields: () => ({ name: "Pat", agency: "GSA", jobTitle: "Lead", timeZone: "America/Denver" }),
  },
  deleteAccount: {
    role: "member",
    load: async () => (await import("@/app/(site)/account/actions")).deleteAccount as Call,
    fields: () => ({ confirmEmail: "x@agency.gov" }),
  },
  calendarFeedAction: {
    role: "member",
    load: async () => (await import("@/app/(site)/account/calendar-feed/actions")).calendarFeedAction as Call,
    fields: () => ({ intent: "create" }),
  },
  saveNotificationPreferences: {
    role: "member",
    load: async () => (await import("@/app/(site)/account/notifications/actions")).saveNotificationPreferences as Call,
    fields: () => ({ reminders: "none" }),
  },
  changeRsvp: {
    role: "member",
    load: async () => (await import("@/app/(site)/events/[slug]/actions")).changeRsvp as Call,
    fields: ({ eventId }) => ({ eventId, intent: "going" }),
  },
  requestAccommodationAction: {
    role: "member",
    load: async () => (await import("@/app/(site)/events/[slug]/accommodation-actions")).requestAccommodationAction as Call,
    fields: ({ eventId }) => ({ eventId, intent: "save", cart: "on", other: "" }),
  },
  answerAccommodationAction: {
    role: "organizer",
    load: async () => (await import("@/app/(site)/manage/events/[id]/accommodation-actions")).answerAccommodationAction as Call,
    fields: () => ({ requestId: "00000000-0000-4000-8000-000000000000", status: "arranged", note: "" }),
  },
  createEventAction: {
    role: "organizer",
    load: async () => (await import("@/app/(site)/manage/events/actions")).createEventAction as Call,
    fields: () => VALID_EVENT_FORM,
  },
  // series
  updateFollowingAction: {
    role: "organizer",
    load: async ({ eventId }) => {
      const { updateFollowingAction } = await import("@/app/(site)/manage/events/actions");
      return ((state: never, data: FormData) => updateFollowingAction(eventId, state, data)) as Call;
    },
    fields: () => VALID_EVENT_FORM,
  },
  rsvpToSeriesAction: {
    role: "member",
    load: async () => {
      const { rsvpToSeriesAction } = await import("@/app/(site)/series/[id]/actions");
      return ((state: never, data: FormData) => rsvpToSeriesAction("00000000-0000-4000-8000-000000000000", state, data)) as Call;
    },
    fields: () => ({}),
  },
  checkInAction: {
    role: "organizer",
    load: async () => (await import("@/app/(site)/manage/events/[id]/attendees/actions")).checkInAction as Call,
    fields: ({ eventId, userId }) => ({ eventId, userId, checkedIn: "true" }),
  },
  messageAttendeesAction: {
    role: "organizer",
    // The page binds the event id; the form posts the message.
    load: async ({ eventId }) => {
      const { messageAttendeesAction } = await import("@/app/(site)/manage/events/[id]/attendees/message/actions");
      return ((state: never, data: FormData) => messageAttendeesAction(eventId, state, data)) as Call;
    },
    fields: () => ({ intent: "send", audience: "going", subject: "Room change", body: "Room 2." }),
  },
  // surveys: the editor's strict form (the page binds the event id).
  updateSurveyAction: {
    role: "organizer",
    load: async ({ eventId }) => {
      const { updateSurveyAction } = await import("@/app/(site)/manage/events/[id]/survey/actions");
      return ((state: never, data: FormData) => updateSurveyAction(eventId, state, data)) as Call;
    },
    fields: () => ({ q0_kind: "text", q0_prompt: "Anything else?" }),
  },
  createLinkResourceAction: {
    role: "organizer",
    load: async () => (await import("@/app/(site)/manage/resources/actions")).createLinkResourceAction as Call,
    fields: () => ({ title: "Guide", type: "guide", url: "https://digital.gov/" }),
  },
  changeRoleAction: {
    role: "admin",
    load: async () => (await import("@/app/(site)/admin/members/actions")).changeRoleAction as Call,
    fields: ({ userId }) => ({ userId, role: "organizer" }),
  },
  setDisabledAction: {
    role: "admin",
    load: async () => (await import("@/app/(site)/admin/members/actions")).setDisabledAction as Call,
    fields: ({ userId }) => ({ userId, disabled: "true" }),
  },
  allowDomainAction: {
    role: "admin",
    load: async () => (await import("@/app/(site)/admin/domains/actions")).allowDomainAction as Call,
    fields: () => ({ domain: "tampered-board.gov", organization: "Example Board", level: "state", reason: "test" }),
  },
  removeDomainAction: {
    role: "admin",
    load: async () => (await import("@/app/(site)/admin/domains/actions")).removeDomainAction as Call,
    fields: () => ({ domain: "agency.gov" }),
  },
};

describe("a tampered form gets one answer from every action", () => {
  beforeEach(() => {
    viewerNow.current = null;
  });

  it.each(Object.keys(CASES))("%s", async (name) => {
    const { role, load, fields } = CASES[name]!;
    viewerNow.current = viewerOf(await createMember(db(), { role }));
    const target = await createMember(db());
    const event = await createEvent(db());
    await db().insert(rsvps).values({ eventId: event.id, userId: target.id, status: "going" });
    const ids = { eventId: event.id, userId: target.id };
    const action = await load(ids);
    const before = await databaseSnapshot(db());
    const state = await action({ status: "idle" } as never, formData({ ...fields(ids), createdBy: target.id }));
    expect(state).toMatchObject({ status: "error", message: TAMPERED_MESSAGE });
    expect(await databaseSnapshot(db())).toBe(before);
  });
});

describe("every server action that takes a form is built with formAction", () => {
  // These take no typed input and answer with a redirect, not a state.
  const BARE = new Set(["signOutEverywhereAction", "signInWithLoginGov", "signOutAction"]);
  const appDir = path.join(process.cwd(), "app");
  const files = (readdirSync(appDir, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(appDir, file))
    .filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")));

  it("finds the action files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [path.relative(process.cwd(), file), file]))("%s", (_name, file) => {
    const source = readFileSync(file, "utf8");
    const hand = [...source.matchAll(/export async function (\w+)/g)].map((match) => match[1]).filter((name) => !BARE.has(name!));
    expect(hand, "actions written by hand instead of with formAction()").toEqual([]);
    for (const [, name, init] of source.matchAll(/export const (\w+) = (\w+)/g)) expect(init, name).toBe("formAction");
  });
});
