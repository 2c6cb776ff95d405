import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { events, outbox, rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { databaseSnapshot, formData } from "@/test/db-snapshot";
import { createEvent, createMember, eventInputOf, rsvpStatus, viewerOf } from "@/test/factories";
import { expectAppError } from "@/test/fixtures";
import { admits, audienceRefusal, describeAudience } from "./audience";
import { blankEventFormValues, eventFormSchema, eventFormValues } from "./event-schema";
import { updateEvent } from "./manage";
import { getViewerEventState } from "./queries";
import { cancelRsvp, rsvpToEvent } from "./rsvp";

const viewerNow = vi.hoisted(() => ({ current: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => viewerNow.current, getHeaderViewer: async () => null }));
vi.mock("next/cache", () => import("@/test/fixtures").then((fixtures) => fixtures.nextCacheStub));

const database = useTestDatabase();
const db = () => database.db;

const federalOnly = { audienceLevels: ["federal" as const], audienceDomains: [] };
const stateMember = () =>
  createMember(db(), { email: `state-${crypto.randomUUID().slice(0, 8)}@ca.gov`, organization: "State of California", governmentLevel: "state" });
const federalMember = () => createMember(db(), { governmentLevel: "federal" });

describe("who an event is for, in words and in rules", () => {
  it("says who may attend", () => {
    expect(describeAudience({ audienceLevels: [], audienceDomains: [] })).toBeNull();
    expect(describeAudience(federalOnly)).toBe("Open to federal employees");
    expect(describeAudience({ audienceLevels: ["tribal", "state"], audienceDomains: [] })).toBe("Open to state or territory and tribal government employees");
    expect(describeAudience({ audienceLevels: ["federal"], audienceDomains: ["ca.gov", "austintexas.gov"] })).toBe(
      "Open to federal employees and to members at ca.gov or austintexas.gov",
    );
    expect(describeAudience({ audienceLevels: [], audienceDomains: ["gsa.gov"] })).toBe("Open to members at gsa.gov");
  });

  it("admits a level listed or an address at a domain listed (subdomains too), nothing else", () => {
    const audience = { audienceLevels: ["state" as const], audienceDomains: ["gsa.gov"] };
    expect(admits(audience, { email: "a@ca.gov", governmentLevel: "state" })).toBe(true);
    expect(admits(audience, { email: "a@sub.gsa.gov", governmentLevel: "federal" })).toBe(true);
    expect(admits(audience, { email: "a@gsa.gov", governmentLevel: null })).toBe(true);
    expect(admits(audience, { email: "a@hhs.gov", governmentLevel: "federal" })).toBe(false);
    expect(admits(audience, { email: "a@notgsa.gov", governmentLevel: "federal" })).toBe(false);
    expect(admits({ audienceLevels: [], audienceDomains: [] }, { email: "a@x.gov", governmentLevel: null })).toBe(true);
  });

  it("tells a member with no level yet to sign in again or ask the organizers", () => {
    expect(audienceRefusal(federalOnly, { email: "a@hhs.gov", governmentLevel: null }, "org@agency.gov")).toBe(
      "This event is only for federal employees. We don't know your level of government yet: sign out and sign in again to have it set from your address, or write to the organizers at org@agency.gov.",
    );
  });
});

describe("the event form's who-may-attend section", () => {
  const base = {
    ...blankEventFormValues("America/New_York"),
    title: "T",
    date: "2030-12-03",
    startTime: "14:00",
    endTime: "15:00",
    joinUrl: "https://x.gov/j",
  };
  const fields = (extra: Record<string, string>) =>
    Object.fromEntries(
      Object.entries({ ...base, ...extra }).filter(([name, value]) => !(name.startsWith("audience") && name !== "audienceDomains" && value === "")),
    );

  it("saves ticked levels and listed domains, and shows them again for editing", () => {
    const parsed = eventFormSchema.parse(fields({ audienceFederal: "on", audienceTribal: "on", audienceDomains: "CA.gov, @austintexas.gov\nca.gov" }));
    expect(parsed).toMatchObject({ audienceLevels: ["federal", "tribal"], audienceDomains: ["ca.gov", "austintexas.gov"] });
    expect(eventFormValues(parsed)).toMatchObject({
      audienceFederal: "on",
      audienceState: "",
      audienceTribal: "on",
      audienceDomains: "ca.gov, austintexas.gov",
    });
    expect(eventFormSchema.parse(fields({}))).toMatchObject({ audienceLevels: [], audienceDomains: [] });
  });

  it.each([
    ["a subdomain-less word", "gsa", "is not a registered domain"],
    ["punycode", "xn--gs-jxa.gov", "is not a registered domain"],
    ["a URL", "https://gsa.gov", "is not a registered domain"],
    ["too many", Array.from({ length: 21 }, (_, i) => `d${i}.gov`).join(","), "no more than 20"],
  ])("refuses %s among the domains", (_label, audienceDomains, message) => {
    const result = eventFormSchema.safeParse(fields({ audienceDomains }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((issue) => issue.path[0] === "audienceDomains")?.message).toContain(message);
  });

  it("refuses a level box with a value a checkbox never sends", () => {
    expect(eventFormSchema.safeParse(fields({ audienceFederal: "yes" })).success).toBe(false);
  });
});

describe("RSVPs to an event limited to some members, refused in lib/", () => {
  it("a state member cannot RSVP to a federal-only event; nothing is written; a federal member can", async () => {
    const event = await createEvent(db(), federalOnly);
    const state = await stateMember();
    const before = await databaseSnapshot(db());
    const refused = await expectAppError(rsvpToEvent(viewerOf(state), { eventId: event.id }), "forbidden");
    expect(refused.message).toContain("This event is only for federal employees, so you can't RSVP");
    expect(refused.message).toContain("state or territory government");
    // Only the RSVP rate limit counted the attempt (databaseSnapshot leaves rate_limits out).
    expect(await databaseSnapshot(db())).toBe(before);

    const federal = await federalMember();
    expect(await rsvpToEvent(viewerOf(federal), { eventId: event.id })).toMatchObject({ status: "going", changed: true });
  });

  it("joining the waitlist of a full event is refused the same way", async () => {
    const event = await createEvent(db(), { ...federalOnly, capacity: 1 });
    await rsvpToEvent(viewerOf(await federalMember()), { eventId: event.id });
    const state = await stateMember();
    await expectAppError(rsvpToEvent(viewerOf(state), { eventId: event.id }), "forbidden");
    expect(await rsvpStatus(db(), event.id, state.id)).toBeUndefined();
    expect(await rsvpToEvent(viewerOf(await federalMember()), { eventId: event.id })).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
  });

  it("a member whose level is not known (older than the registry) is refused with the sign-in-again message", async () => {
    const event = await createEvent(db(), federalOnly);
    const legacy = await createMember(db(), { organization: null, governmentLevel: null });
    const refused = await expectAppError(rsvpToEvent(viewerOf(legacy), { eventId: event.id }), "forbidden");
    expect(refused.message).toContain("sign out and sign in again");
    // The same member may RSVP to an event open to everyone.
    expect(await rsvpToEvent(viewerOf(legacy), { eventId: (await createEvent(db())).id })).toMatchObject({ status: "going" });
  });

  it("an event for listed domains admits their subdomains whatever the level, and no one else", async () => {
    const event = await createEvent(db(), { audienceDomains: ["ca.gov"] });
    const atSub = await createMember(db(), { email: "pat@cdt.ca.gov", governmentLevel: null });
    expect(await rsvpToEvent(viewerOf(atSub), { eventId: event.id })).toMatchObject({ status: "going" });
    await expectAppError(rsvpToEvent(viewerOf(await federalMember()), { eventId: event.id }), "forbidden");
  });

  it("the RSVP action answers the refusal as the form's error, whatever the page showed", async () => {
    const event = await createEvent(db(), federalOnly);
    const state = await stateMember();
    viewerNow.current = viewerOf(state);
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    const answer = await changeRsvp({ status: "idle" }, formData({ eventId: event.id, intent: "going" }));
    expect(answer).toMatchObject({ status: "error", message: expect.stringContaining("only for federal employees") });
    expect(await rsvpStatus(db(), event.id, state.id)).toBeUndefined();
  });

  it("the page's state says why for a member outside the audience, and nothing for one inside", async () => {
    const event = await createEvent(db(), federalOnly);
    expect((await getViewerEventState({ eventId: event.id, viewer: viewerOf(await stateMember()) })).audienceRefusal).toContain("only for federal employees");
    expect((await getViewerEventState({ eventId: event.id, viewer: viewerOf(await federalMember()) })).audienceRefusal).toBeNull();
  });

  it("a waitlist is promoted only within the audience: someone who queued before it narrowed keeps their place, not a seat", async () => {
    const organizer = viewerOf(await createMember(db(), { role: "organizer" }));
    const event = await createEvent(db(), { capacity: 1 });
    const going = await federalMember();
    const early = await stateMember();
    const later = await federalMember();
    await rsvpToEvent(viewerOf(going), { eventId: event.id });
    await rsvpToEvent(viewerOf(early), { eventId: event.id });
    await rsvpToEvent(viewerOf(later), { eventId: event.id });

    const [row] = await db().select().from(events).where(eq(events.id, event.id));
    await updateEvent(organizer, event.id, eventInputOf(row!, { audienceLevels: ["federal"] }));
    await cancelRsvp(viewerOf(going), { eventId: event.id });
    expect(await rsvpStatus(db(), event.id, later.id)).toBe("going");
    expect(await rsvpStatus(db(), event.id, early.id)).toBe("waitlisted");
    const promotedMail = await db().select({ to: outbox.to }).from(outbox).where(eq(outbox.kind, "rsvp_promoted"));
    expect(promotedMail.map((mail) => mail.to)).toContain(later.email);
    expect(promotedMail.map((mail) => mail.to)).not.toContain(early.email);

    // Raising the capacity fills seats from the audience only, too.
    const [edited] = await db().select().from(events).where(eq(events.id, event.id));
    await updateEvent(organizer, event.id, eventInputOf(edited!, { capacity: 5 }));
    expect(await rsvpStatus(db(), event.id, early.id)).toBe("waitlisted");
    const seats = await db().select({ status: rsvps.status }).from(rsvps).where(eq(rsvps.eventId, event.id));
    expect(seats.filter((seat) => seat.status === "going")).toHaveLength(1);
  });

  it("a member already going keeps the seat when the audience narrows, and may still cancel", async () => {
    const organizer = viewerOf(await createMember(db(), { role: "organizer" }));
    const event = await createEvent(db());
    const state = await stateMember();
    await rsvpToEvent(viewerOf(state), { eventId: event.id });
    const [row] = await db().select().from(events).where(eq(events.id, event.id));
    await updateEvent(organizer, event.id, eventInputOf(row!, { audienceLevels: ["federal"] }));
    expect(await rsvpToEvent(viewerOf(state), { eventId: event.id })).toMatchObject({ status: "going", changed: false });
    expect(await cancelRsvp(viewerOf(state), { eventId: event.id })).toEqual({ changed: true, left: "going" });
    await expectAppError(rsvpToEvent(viewerOf(state), { eventId: event.id }), "forbidden");
  });
});
