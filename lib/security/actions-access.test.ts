import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { accommodationRequests, allowedDomains, eventSeries, resources, rsvps, sessions, surveys } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { databaseSnapshot, formData as form } from "@/test/db-snapshot";
import { createEvent, createMember, VALID_EVENT_FORM as VALID_EVENT, viewerOf } from "@/test/factories";
import { ACCESS_INVENTORY, type Access } from "./access-inventory";

/**
 * The server-action half of the access walk: every action the inventory limits to
 * some people is called, with input that is valid, as each kind of person below
 * that level. The database must be byte-for-byte unchanged afterwards. The same
 * call by the least person allowed must change it, so a refusal caused by bad
 * test input cannot pass for authorization.
 */
const viewerNow = vi.hoisted(() => ({ current: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({
  getViewer: async () => viewerNow.current,
  getHeaderViewer: async () => null,
}));
vi.mock("next/cache", () => import("@/test/fixtures").then((fixtures) => fixtures.nextCacheStub));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));
vi.mock("@/auth", () => ({
  auth: async () => null,
  signIn: async () => {},
  // Auth.js's signOut deletes the caller's session by its cookie; the test has none, so it only counts the call.
  signOut: async () => {},
}));

const { db } = (() => {
  const database = useTestDatabase();
  return { db: () => database.db };
})();

type Person = "visitor" | "not-joined" | "member" | "organizer" | "admin";
const LADDER: Person[] = ["visitor", "not-joined", "member", "organizer", "admin"];
const LEVEL: Record<Exclude<Access, "token" | "dev-mailbox">, number> = { public: 0, "signed-in": 1, member: 2, organizer: 3, admin: 4 };

type Scene = { people: Record<Exclude<Person, "visitor">, Viewer>; call: () => Promise<unknown> };

async function people() {
  const [notJoined, member, organizer, admin] = await Promise.all([
    createMember(db(), { guidelinesAcceptedAt: null }),
    createMember(db()),
    createMember(db(), { role: "organizer" }),
    createMember(db(), { role: "admin" }),
  ]);
  return {
    users: { notJoined, member, organizer, admin },
    people: { "not-joined": viewerOf(notJoined), member: viewerOf(member), organizer: viewerOf(organizer), admin: viewerOf(admin) },
  };
}

async function linkResource(eventId?: string) {
  const [row] = await db()
    .insert(resources)
    .values({ title: "Style guide", kind: "link", type: "guide", url: "https://digital.gov/guides/", eventId })
    .returning();
  return row!;
}

/** For each action: the people, and one call with valid input. Each scene builds its own rows. */
const SCENES: Record<string, () => Promise<Scene>> = {
  "app/(site)/join/actions.ts#joinCommunity": async () => {
    const { people: p } = await people();
    const { joinCommunity } = await import("@/app/(site)/join/actions");
    const fields = { name: "Pat Example", agency: "GSA", jobTitle: "Specialist", timeZone: "America/Chicago", acceptGuidelines: "on", acknowledgeFoia: "on" };
    return { people: p, call: () => joinCommunity({ status: "idle" }, form(fields)) };
  },
  "app/(site)/account/actions.ts#saveProfile": async () => {
    const { people: p } = await people();
    const { saveProfile } = await import("@/app/(site)/account/actions");
    const fields = { name: "Renamed Person", agency: "GSA", jobTitle: "Lead", timeZone: "America/Denver", directoryOptIn: "on" };
    return { people: p, call: () => saveProfile({ status: "idle" }, form(fields)) };
  },
  "app/(site)/account/actions.ts#signOutEverywhereAction": async () => {
    const { people: p, users } = await people();
    for (const user of Object.values(users)) {
      await db().insert(sessions).values({ sessionToken: randomUUID(), userId: user.id, expires: new Date(Date.now() + 86_400_000) });
    }
    const { signOutEverywhereAction } = await import("@/app/(site)/account/actions");
    return { people: p, call: () => signOutEverywhereAction() };
  },
  "app/(site)/account/actions.ts#deleteAccount": async () => {
    const { people: p } = await people();
    const { deleteAccount } = await import("@/app/(site)/account/actions");
    // Each person confirms with their own address, as the form asks.
    return { people: p, call: () => deleteAccount({ status: "idle" }, form({ confirmEmail: viewerNow.current?.email ?? "someone@agency.gov" })) };
  },
  "app/(site)/account/calendar-feed/actions.ts#calendarFeedAction": async () => {
    const { people: p } = await people();
    const { calendarFeedAction } = await import("@/app/(site)/account/calendar-feed/actions");
    return { people: p, call: () => calendarFeedAction({ status: "idle" } as never, form({ intent: "create" })) };
  },
  "app/(site)/account/notifications/actions.ts#saveNotificationPreferences": async () => {
    const { people: p } = await people();
    const { saveNotificationPreferences } = await import("@/app/(site)/account/notifications/actions");
    return { people: p, call: () => saveNotificationPreferences({ status: "idle" }, form({ reminders: "none", weeklyDigest: "on" })) };
  },
  "app/(site)/manage/events/[id]/attendees/message/actions.ts#messageAttendeesAction": async () => {
    const { people: p, users } = await people();
    const event = await createEvent(db());
    await db().insert(rsvps).values({ eventId: event.id, userId: users.member.id, status: "going" });
    const { messageAttendeesAction } = await import("@/app/(site)/manage/events/[id]/attendees/message/actions");
    const fields = { intent: "send", audience: "going", subject: "Room change", body: "We moved to room 2." };
    return { people: p, call: () => messageAttendeesAction(event.id, { step: "edit", values: { audience: "", subject: "", body: "" } }, form(fields)) };
  },
  "app/(site)/events/[slug]/actions.ts#changeRsvp": async () => {
    const { people: p } = await people();
    const event = await createEvent(db());
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    return { people: p, call: () => changeRsvp({ status: "idle" }, form({ eventId: event.id, intent: "going" })) };
  },
  "app/(site)/events/[slug]/accommodation-actions.ts#requestAccommodationAction": async () => {
    const { people: p, users } = await people();
    const event = await createEvent(db());
    for (const user of Object.values(users)) await db().insert(rsvps).values({ eventId: event.id, userId: user.id, status: "going" });
    const { requestAccommodationAction } = await import("@/app/(site)/events/[slug]/accommodation-actions");
    return { people: p, call: () => requestAccommodationAction({ status: "idle" }, form({ eventId: event.id, intent: "save", cart: "on", other: "" })) };
  },
  "app/(site)/manage/events/[id]/accommodation-actions.ts#answerAccommodationAction": async () => {
    const { people: p, users } = await people();
    const event = await createEvent(db(), { createdBy: users.organizer.id });
    await db().insert(rsvps).values({ eventId: event.id, userId: users.member.id, status: "going" });
    const [request] = await db().insert(accommodationRequests).values({ eventId: event.id, userId: users.member.id, needs: ["cart"] }).returning();
    const { answerAccommodationAction } = await import("@/app/(site)/manage/events/[id]/accommodation-actions");
    return { people: p, call: () => answerAccommodationAction({ status: "idle" }, form({ requestId: request!.id, status: "arranged", note: "Booked." })) };
  },
  "app/(site)/manage/events/actions.ts#createEventAction": async () => {
    const { people: p } = await people();
    const { createEventAction } = await import("@/app/(site)/manage/events/actions");
    return { people: p, call: () => createEventAction({ status: "idle" }, form(VALID_EVENT)) };
  },
  "app/(site)/manage/events/actions.ts#updateEventAction": async () => {
    const { people: p } = await people();
    const event = await createEvent(db(), { status: "draft", publishedAt: null });
    const { updateEventAction } = await import("@/app/(site)/manage/events/actions");
    return { people: p, call: () => updateEventAction(event.id, { status: "idle" }, form({ ...VALID_EVENT, title: "Changed title" })) };
  },
  // series
  "app/(site)/manage/events/actions.ts#updateFollowingAction": async () => {
    const { people: p } = await people();
    const [series] = await db()
      .insert(eventSeries)
      .values({ frequency: "weekly", timeZone: "America/New_York", firstDate: "2030-12-03", occurrenceCount: 2 })
      .returning();
    const event = await createEvent(db(), { status: "draft", publishedAt: null, seriesId: series!.id });
    await createEvent(db(), { status: "draft", publishedAt: null, seriesId: series!.id, startsAt: new Date(event.startsAt.getTime() + 7 * 86_400_000) });
    const { updateFollowingAction } = await import("@/app/(site)/manage/events/actions");
    return { people: p, call: () => updateFollowingAction(event.id, { status: "idle" }, form({ ...VALID_EVENT, title: "Changed title" })) };
  },
  "app/(site)/series/[id]/actions.ts#rsvpToSeriesAction": async () => {
    const { people: p } = await people();
    const [series] = await db()
      .insert(eventSeries)
      .values({ frequency: "weekly", timeZone: "America/New_York", firstDate: "2030-12-03", occurrenceCount: 2 })
      .returning();
    await createEvent(db(), { seriesId: series!.id });
    await createEvent(db(), { seriesId: series!.id, startsAt: new Date(Date.now() + 14 * 86_400_000) });
    const { rsvpToSeriesAction } = await import("@/app/(site)/series/[id]/actions");
    return { people: p, call: () => rsvpToSeriesAction(series!.id, { status: "idle" }, form({})) };
  },
  "app/(site)/manage/events/actions.ts#publishEventAction": async () => {
    const { people: p } = await people();
    const event = await createEvent(db(), { status: "draft", publishedAt: null });
    const { publishEventAction } = await import("@/app/(site)/manage/events/actions");
    return { people: p, call: () => publishEventAction(event.id) };
  },
  "app/(site)/manage/events/actions.ts#unpublishEventAction": async () => {
    const { people: p } = await people();
    const event = await createEvent(db());
    const { unpublishEventAction } = await import("@/app/(site)/manage/events/actions");
    return { people: p, call: () => unpublishEventAction(event.id) };
  },
  "app/(site)/manage/events/actions.ts#duplicateEventAction": async () => {
    const { people: p } = await people();
    const event = await createEvent(db());
    const { duplicateEventAction } = await import("@/app/(site)/manage/events/actions");
    return { people: p, call: () => duplicateEventAction(event.id) };
  },
  "app/(site)/manage/events/actions.ts#cancelEventAction": async () => {
    const { people: p } = await people();
    const event = await createEvent(db());
    const { cancelEventAction } = await import("@/app/(site)/manage/events/actions");
    return { people: p, call: () => cancelEventAction(event.id, { status: "idle" }, form({ message: "Rescheduling." })) };
  },
  "app/(site)/manage/events/[id]/attendees/actions.ts#checkInAction": async () => {
    const { people: p, users } = await people();
    const event = await createEvent(db());
    await db().insert(rsvps).values({ eventId: event.id, userId: users.member.id, status: "going" });
    const { checkInAction } = await import("@/app/(site)/manage/events/[id]/attendees/actions");
    return { people: p, call: () => checkInAction({ status: "idle" }, form({ eventId: event.id, userId: users.member.id, checkedIn: "true" })) };
  },
  // surveys
  "app/(site)/manage/events/[id]/survey/actions.ts#attachDefaultSurveyAction": async () => {
    const { people: p } = await people();
    const event = await createEvent(db());
    const { attachDefaultSurveyAction } = await import("@/app/(site)/manage/events/[id]/survey/actions");
    return { people: p, call: () => attachDefaultSurveyAction(event.id) };
  },
  "app/(site)/manage/events/[id]/survey/actions.ts#updateSurveyAction": async () => {
    const { people: p } = await people();
    const event = await createEvent(db());
    await db().insert(surveys).values({ eventId: event.id, questions: [{ id: "0000abcd", kind: "text", prompt: "Anything else?", required: false }] });
    const { updateSurveyAction } = await import("@/app/(site)/manage/events/[id]/survey/actions");
    return { people: p, call: () => updateSurveyAction(event.id, { status: "idle" }, form({ q0_kind: "rating", q0_prompt: "How useful was it?", q0_required: "on" })) };
  },
  "app/(site)/manage/events/[id]/survey/actions.ts#removeSurveyAction": async () => {
    const { people: p } = await people();
    const event = await createEvent(db());
    await db().insert(surveys).values({ eventId: event.id, questions: [{ id: "0000abcd", kind: "text", prompt: "Anything else?", required: false }] });
    const { removeSurveyAction } = await import("@/app/(site)/manage/events/[id]/survey/actions");
    return { people: p, call: () => removeSurveyAction(event.id) };
  },
  "app/(site)/manage/resources/actions.ts#createLinkResourceAction": async () => {
    const { people: p } = await people();
    const { createLinkResourceAction } = await import("@/app/(site)/manage/resources/actions");
    return { people: p, call: () => createLinkResourceAction({ status: "idle" }, form({ title: "Guide", type: "guide", url: "https://digital.gov/" })) };
  },
  "app/(site)/manage/resources/actions.ts#updateResourceAction": async () => {
    const { people: p } = await people();
    const resource = await linkResource();
    const { updateResourceAction } = await import("@/app/(site)/manage/resources/actions");
    return { people: p, call: () => updateResourceAction(resource.id, { status: "idle" }, form({ title: "Renamed", type: "guide", url: "https://digital.gov/" })) };
  },
  "app/(site)/manage/resources/actions.ts#removeResourceAction": async () => {
    const { people: p } = await people();
    const resource = await linkResource();
    const { removeResourceAction } = await import("@/app/(site)/manage/resources/actions");
    return { people: p, call: () => removeResourceAction(resource.id, { status: "idle" }, form({})) };
  },
  "app/(site)/admin/members/actions.ts#changeRoleAction": async () => {
    const { people: p } = await people();
    const target = await createMember(db());
    const { changeRoleAction } = await import("@/app/(site)/admin/members/actions");
    return { people: p, call: () => changeRoleAction({ status: "idle" }, form({ userId: target.id, role: "organizer" })) };
  },
  "app/(site)/admin/members/actions.ts#setDisabledAction": async () => {
    const { people: p } = await people();
    const target = await createMember(db());
    const { setDisabledAction } = await import("@/app/(site)/admin/members/actions");
    return { people: p, call: () => setDisabledAction({ status: "idle" }, form({ userId: target.id, disabled: "true" })) };
  },
  "app/(site)/admin/domains/actions.ts#allowDomainAction": async () => {
    const { people: p } = await people();
    const { allowDomainAction } = await import("@/app/(site)/admin/domains/actions");
    const fields = { domain: `allowed-${randomUUID().slice(0, 8)}.gov`, organization: "Example Board", level: "state", reason: "access test" };
    return { people: p, call: () => allowDomainAction({ status: "idle" }, form(fields)) };
  },
  "app/(site)/admin/domains/actions.ts#removeDomainAction": async () => {
    const { people: p } = await people();
    const domain = `removed-${randomUUID().slice(0, 8)}.gov`;
    await db().insert(allowedDomains).values({ domain, organization: "Example Board", level: "local", reason: "access test" });
    const { removeDomainAction } = await import("@/app/(site)/admin/domains/actions");
    return { people: p, call: () => removeDomainAction({ status: "idle" }, form({ domain })) };
  },
};

async function attempt(scene: Scene, person: Person) {
  viewerNow.current = person === "visitor" ? null : scene.people[person];
  try {
    return await scene.call();
  } catch (error) {
    // redirect() and forbidden() throw; what matters is what was written.
    return error;
  }
}

// A "token" action has no ladder: the signed link it is bound to is the credential, and its own tests refuse forged,
// foreign, expired and spent links (lib/surveys/surveys.test.ts).
const limited = ACCESS_INVENTORY.filter((e) => e.kind === "action" && e.access !== "public" && e.access !== "token");

describe("server actions refuse everyone below their access level", () => {
  beforeEach(() => {
    viewerNow.current = null;
  });

  it("has a scene for every limited action in the inventory", () => {
    expect(limited.map((e) => e.id).filter((id) => !SCENES[id])).toEqual([]);
  });

  for (const entry of limited) {
    const level = LEVEL[entry.access as keyof typeof LEVEL];
    const refused = LADDER.filter((person) => LADDER.indexOf(person) < level);
    const leastAllowed = LADDER[level]!;

    it(`${entry.id} (${entry.access}): ${refused.join(", ")} change nothing; ${leastAllowed} succeeds`, async () => {
      const scene = await SCENES[entry.id]!();
      for (const person of refused) {
        const before = await databaseSnapshot(db());
        await attempt(scene, person);
        expect(await databaseSnapshot(db()), `${person} calling ${entry.id}`).toBe(before);
      }
      const before = await databaseSnapshot(db());
      await attempt(scene, leastAllowed);
      expect(await databaseSnapshot(db()), `${leastAllowed} calling ${entry.id} with the same input should change something`).not.toBe(before);
    });
  }
});
