import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { outbox, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { Markdown } from "@/components/markdown";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { ELIGIBILITY_MESSAGE } from "@/lib/members/eligibility";
import { cleanText, escapeText, foldLine } from "@/lib/calendar/ics";
import { attendeesCsv } from "@/lib/events/attendees";
import { eventFormSchema } from "@/lib/events/event-schema";
import { listPublicEvents } from "@/lib/events/queries";
import { getPersonalFeed } from "@/lib/calendar/feeds";
import { rotateFeedToken } from "@/lib/calendar/feed-tokens";
import { openResourceDownload } from "@/lib/resources/download";
import { multipartBody, SAMPLES, uploadRequest, useUploadDir, type Part } from "@/lib/resources/test-samples";
import { receiveResourceUpload } from "@/lib/resources/upload";
import type { Viewer } from "@/lib/viewer";
import { databaseSnapshot, formData } from "@/test/db-snapshot";
import { createEvent, createMember, VALID_EVENT_FORM as VALID_EVENT, viewerOf } from "@/test/factories";

/**
 * Hostile input, case by case. Each case sends what an attacker or a confused
 * client would, through the same boundary a browser reaches (server actions,
 * lib functions behind route handlers), and asserts the safe answer: the refusal
 * and its message, and that nothing was stored or sent.
 */
const viewerNow = vi.hoisted(() => ({ current: null as Viewer | null, ip: "198.51.100.20" }));
const signInCalls = vi.hoisted(() => [] as unknown[][]);
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => viewerNow.current, getHeaderViewer: async () => null }));
vi.mock("next/cache", () => import("@/test/fixtures").then((fixtures) => fixtures.nextCacheStub));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": viewerNow.ip }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
}));
vi.mock("@/auth", () => ({
  auth: async () => null,
  signIn: async (...args: unknown[]) => {
    signInCalls.push(args);
  },
  signOut: async () => {},
}));

const database = useTestDatabase();
const uploads = useUploadDir();
const db = () => database.db;

let member: Viewer;
let organizer: Viewer;

beforeEach(async () => {
  signInCalls.length = 0;
  viewerNow.current = null;
  viewerNow.ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  uploads.clear();
  member = viewerOf(await createMember(db()));
  organizer = viewerOf(await createMember(db(), { role: "organizer" }));
});

async function expectUnchanged(work: () => Promise<unknown>) {
  const before = await databaseSnapshot(db());
  const outcome = await work().catch((error: unknown) => error);
  expect(await databaseSnapshot(db())).toBe(before);
  return outcome;
}

describe("look-alike and malformed email addresses get no link", () => {
  const hostile: [string, string][] = [
    ["a .gov look-alike second-level domain", "pat@agency.gov.com"],
    ["gov as a subdomain of another site", "pat@gov.evil.example"],
    ["a Cyrillic о in .gov", "pat@agency.gоv"],
    ["a full-width .ｇｏｖ", "pat@agency.ｇｏｖ"],
    ["CR/LF header injection", "pat@agency.gov\r\nBcc: all@evil.example"],
    ["two addresses in one", "pat@agency.gov, mallory@evil.example"],
    ["a doubled @", "pat@@agency.gov"],
    ["a quoted local part hiding another domain", '"pat@evil.example"@agency.gov.evil.example'],
    ["an address over 320 characters", `${"a".repeat(320)}@agency.gov`],
    ["markup instead of an address", "<script>alert(1)</script>@agency.gov.evil.example"],
    ["a bare domain", "agency.gov"],
    ["a .mil look-alike", "pat@army.mil.evil.example"],
    ["a punycode look-alike of agency.gov", "pat@xn--gency-3ve.gov"],
    ["a punycode look-alike in upper case", "PAT@XN--GENCY-3VE.GOV"],
  ];
  it.each(hostile)("%s", async (_label, email) => {
    const { requestSignInLink } = await import("@/app/(site)/signin/actions");
    const state = await expectUnchanged(() => requestSignInLink({ status: "idle" }, formData({ email })));
    expect(state).toMatchObject({ status: expect.stringMatching(/^(invalid|refused)$/) });
    expect((state as { message: string }).message.length).toBeGreaterThan(10);
    expect(signInCalls).toEqual([]);
  });

  it.each(["pat@xn--gency-3ve.gov", "pat@\u0430gency.gov"])("%j gets the same message as every other refusal", async (email) => {
    const { requestSignInLink } = await import("@/app/(site)/signin/actions");
    const state = await requestSignInLink({ status: "idle" }, formData({ email }));
    expect(state).toEqual({ status: "refused", email, message: ELIGIBILITY_MESSAGE });
    expect(signInCalls).toEqual([]);
  });

  it("control: a real government address does get a link", async () => {
    const { requestSignInLink } = await import("@/app/(site)/signin/actions");
    await requestSignInLink({ status: "idle" }, formData({ email: "pat@agency.gov" }));
    expect(signInCalls).toHaveLength(1);
  });

  it("a post with extra fields (mass assignment) is refused", async () => {
    const { requestSignInLink } = await import("@/app/(site)/signin/actions");
    const state = await requestSignInLink({ status: "idle" }, formData({ email: "pat@agency.gov", role: "admin" }));
    expect(state).toMatchObject({ status: "invalid", message: expect.stringContaining("fields it should not have") });
    expect(signInCalls).toEqual([]);
  });
});

describe("open redirects in callbackUrl become a path on this site", () => {
  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "http:evil.example",
    " https://evil.example",
    "/%09/evil.example/%2e%2e",
  ])("%j", (raw) => {
    const safe = safeCallbackPath(raw);
    expect(safe.startsWith("/")).toBe(true);
    expect(new URL(safe, "https://convene.gov").origin).toBe("https://convene.gov");
  });

  it("the sign-in action passes only a safe path on to Auth.js", async () => {
    const { requestSignInLink } = await import("@/app/(site)/signin/actions");
    await requestSignInLink({ status: "idle" }, formData({ email: "pat@agency.gov", callbackUrl: "//evil.example/steal" }));
    expect(signInCalls[0]?.[1]).toEqual({ email: "pat@agency.gov", redirectTo: "/join?next=%2F" });
  });
});

describe("mass assignment: fields a form does not have are refused, not ignored", () => {
  it.each([
    ["role on the profile", { role: "admin" }],
    ["guidelinesAcceptedAt on the profile", { guidelinesAcceptedAt: "2020-01-01" }],
    ["disabledAt on the profile", { disabledAt: "" }],
    ["email on the profile", { email: "mallory@agency.gov" }],
    ["id on the profile", { id: "00000000-0000-0000-0000-000000000000" }],
  ])("%s", async (_label, extra) => {
    viewerNow.current = member;
    const { saveProfile } = await import("@/app/(site)/account/actions");
    const fields = { name: "Pat", agency: "GSA", jobTitle: "Lead", timeZone: "America/Denver", ...extra };
    const state = await expectUnchanged(() => saveProfile({ status: "idle" }, formData(fields)));
    expect(state).toMatchObject({ status: "error", message: expect.stringContaining("fields it should not have") });
  });

  it.each([
    ["status on a new event", { status: "published" }],
    ["createdBy on a new event", { createdBy: "00000000-0000-0000-0000-000000000000" }],
    ["sequence on a new event", { sequence: "99" }],
  ])("%s", async (_label, extra) => {
    viewerNow.current = organizer;
    const { createEventAction } = await import("@/app/(site)/manage/events/actions");
    const state = await expectUnchanged(() => createEventAction({ status: "idle" }, formData({ ...VALID_EVENT, ...extra })));
    expect(state).toMatchObject({ status: "error", message: expect.stringContaining("fields it should not have") });
  });

  it.each([
    ["userId on an RSVP", { userId: "00000000-0000-0000-0000-000000000000" }],
    ["status on an RSVP", { status: "going" }],
  ])("%s", async (_label, extra) => {
    viewerNow.current = member;
    const event = await createEvent(db());
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    const state = await expectUnchanged(() => changeRsvp({ status: "idle" }, formData({ eventId: event.id, intent: "going", ...extra })));
    expect(state).toMatchObject({ status: "error" });
  });

  it("createdBy on a new link resource", async () => {
    viewerNow.current = organizer;
    const { createLinkResourceAction } = await import("@/app/(site)/manage/resources/actions");
    const fields = { title: "Guide", type: "guide", url: "https://digital.gov/", createdBy: member.id };
    const state = await expectUnchanged(() => createLinkResourceAction({ status: "idle" }, formData(fields)));
    expect(state).toMatchObject({ status: "error" });
  });
});

describe("CR/LF and markup in one-line text are refused with the field named", () => {
  it.each([
    ["title", { title: "Webinar\r\nBcc: all@evil.example" }, "title"],
    ["title with markup", { title: "<script>alert(1)</script>" }, "title"],
    ["summary", { summary: "One\nTwo" }, "summary"],
    ["location", { location: "Room 1\r\nX-Injected: yes", format: "in_person", joinUrl: "" }, "location"],
    ["host line with markup", { hosts: "<img src=x onerror=alert(1)>, Speaker" }, "hosts"],
    ["join URL with javascript:", { joinUrl: "javascript:alert(document.cookie)" }, "joinUrl"],
  ])("%s", async (_label, overrides, field) => {
    viewerNow.current = organizer;
    const { createEventAction } = await import("@/app/(site)/manage/events/actions");
    const state = await expectUnchanged(() => createEventAction({ status: "idle" }, formData({ ...VALID_EVENT, ...overrides })));
    expect(state).toMatchObject({ status: "error" });
    expect((state as { errors: Record<string, string[]> }).errors[field]?.[0]).toBeTruthy();
  });

  it.each([
    ["name with CR/LF", { name: "Pat\r\nBcc: all@evil.example" }, "name"],
    ["name with markup", { name: "<img src=x onerror=alert(1)>" }, "name"],
    ["agency with markup", { agency: "<script>alert(1)</script>" }, "agency"],
    ["job title with a right-to-left override", { jobTitle: "Lead\u202Etxt.exe" }, "jobTitle"],
  ])("%s", async (_label, overrides, field) => {
    viewerNow.current = member;
    const { saveProfile } = await import("@/app/(site)/account/actions");
    const fields = { name: "Pat", agency: "GSA", jobTitle: "Lead", timeZone: "America/Denver", ...overrides };
    const state = await expectUnchanged(() => saveProfile({ status: "idle" }, formData(fields)));
    expect((state as { errors: Record<string, string[]> }).errors[field]?.[0]).toBeTruthy();
  });

  it("a resource title with a line break", async () => {
    viewerNow.current = organizer;
    const { createLinkResourceAction } = await import("@/app/(site)/manage/resources/actions");
    const state = await expectUnchanged(() =>
      createLinkResourceAction({ status: "idle" }, formData({ title: "Guide\r\nBcc: x@evil.example", type: "guide", url: "https://digital.gov/" })),
    );
    expect((state as { errors: Record<string, string[]> }).errors.title?.[0]).toMatch(/line breaks/);
  });
});

describe("invalid dates and time zones", () => {
  it.each([
    ["February 30th", { date: "2027-02-30" }, "date"],
    ["hour 25", { startTime: "25:00" }, "startTime"],
    ["an unknown zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    ["a zone with path tricks", { timeZone: "../../etc/localtime" }, "timeZone"],
    ["a year with six digits", { date: "202612-01-01" }, "date"],
    ["ending before it starts", { endTime: "13:00" }, "endTime"],
    ["a wall-clock time that DST skips", { date: "2027-03-14", startTime: "02:30", endTime: "03:30" }, "startTime"],
  ])("%s", (_label, overrides, field) => {
    const result = eventFormSchema.safeParse({ ...VALID_EVENT, ...overrides });
    expect(result.success).toBe(false);
    const errors = result.success ? {} : (JSON.parse(JSON.stringify(result.error.issues)) as { path: string[] }[]);
    expect((errors as { path: string[] }[]).some((issue) => issue.path[0] === field)).toBe(true);
  });

  it("a member's time zone must be a real IANA zone", async () => {
    viewerNow.current = member;
    const { saveProfile } = await import("@/app/(site)/account/actions");
    const fields = { name: "Pat", agency: "GSA", jobTitle: "Lead", timeZone: "Not/AZone" };
    const state = await expectUnchanged(() => saveProfile({ status: "idle" }, formData(fields)));
    expect((state as { errors: Record<string, string[]> }).errors.timeZone?.[0]).toMatch(/time zone/);
  });
});

describe("huge, negative and malformed page numbers stay in bounds", () => {
  it.each([-5, 0, 1e12, Number.NaN, Number.POSITIVE_INFINITY, 2.5, Number.MAX_SAFE_INTEGER])("page %s", async (page) => {
    const result = await listPublicEvents({ when: "upcoming", page });
    expect(result.page).toBeGreaterThanOrEqual(1);
    expect(result.page).toBeLessThanOrEqual(1000);
    expect(Number.isInteger(result.page)).toBe(true);
  });
});

describe("IDOR: another member's things by id or token are not found", () => {
  it("a guessed feed token finds nothing", async () => {
    await rotateFeedToken(member);
    expect(await getPersonalFeed({ token: "A".repeat(43) })).toBeNull();
  });

  it("a feed token answers only for its owner's RSVPs", async () => {
    const other = viewerOf(await createMember(db()));
    const mine = await createEvent(db(), { title: "Mine" });
    const theirs = await createEvent(db(), { title: "Theirs only" });
    await db().insert(rsvps).values([
      { eventId: mine.id, userId: member.id, status: "going" },
      { eventId: theirs.id, userId: other.id, status: "going" },
    ]);
    const token = await rotateFeedToken(member);
    const feed = await getPersonalFeed({ token });
    expect(feed?.body).toContain("Mine");
    expect(feed?.body).not.toContain("Theirs only");
  });

  it("a member cannot delete someone else's account by typing their address", async () => {
    const other = await createMember(db());
    viewerNow.current = member;
    const { deleteAccount } = await import("@/app/(site)/account/actions");
    const state = await expectUnchanged(() => deleteAccount({ status: "idle" }, formData({ confirmEmail: other.email })));
    expect(state).toMatchObject({ status: "error" });
    expect(await db().select().from(users).where(eq(users.id, other.id))).toHaveLength(1);
  });

  it("a member cannot check someone in", async () => {
    const event = await createEvent(db());
    const other = await createMember(db());
    await db().insert(rsvps).values({ eventId: event.id, userId: other.id, status: "going" });
    viewerNow.current = member;
    const { checkInAction } = await import("@/app/(site)/manage/events/[id]/attendees/actions");
    const state = await expectUnchanged(() => checkInAction({ status: "idle" }, formData({ eventId: event.id, userId: other.id, checkedIn: "true" })));
    expect(state).toMatchObject({ status: "error" });
  });

  it("an organizer's check-in names an RSVP of that event only", async () => {
    const event = await createEvent(db());
    const elsewhere = await createEvent(db());
    await db().insert(rsvps).values({ eventId: elsewhere.id, userId: member.id, status: "going" });
    viewerNow.current = organizer;
    const { checkInAction } = await import("@/app/(site)/manage/events/[id]/attendees/actions");
    const state = await expectUnchanged(() => checkInAction({ status: "idle" }, formData({ eventId: event.id, userId: member.id, checkedIn: "true" })));
    expect(state).toMatchObject({ status: "error" });
  });

  it.each(["not-a-uuid", "../../etc/passwd", "00000000-0000-0000-0000-000000000000", "1 OR 1=1"])("resource download id %j is not found", async (id) => {
    const error = await openResourceDownload({ viewer: member, id, range: null, ifRange: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "not_found" });
  });

  it.each(["not-a-uuid", "00000000-0000-0000-0000-000000000000"])("attendee CSV for event id %j is not found", async (id) => {
    const error = await attendeesCsv(organizer, id).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "not_found" });
  });
});

describe("output is escaped for its context", () => {
  it.each([
    ["a script tag", "<script>alert(1)</script>", /<script/i],
    ["an inline handler", '<img src=x onerror="alert(1)">', /onerror/i],
    ["a javascript: link", "[click](javascript:alert(1))", /javascript:/i],
    ["a data: link", "[click](data:text/html;base64,PHNjcmlwdD4=)", /data:text/i],
    ["an iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ["a Markdown image beacon", "![x](https://evil.example/beacon.png)", /<img/i],
  ])("Markdown drops %s", (_label, source, forbidden) => {
    const html = renderToStaticMarkup(createElement(Markdown, { source }));
    expect(html).not.toMatch(forbidden);
  });

  it("CSV cells that start a formula are neutralized", async () => {
    const event = await createEvent(db());
    const attacker = await createMember(db(), { name: '=HYPERLINK("https://evil.example","Click")', agency: "+1+1", jobTitle: "@SUM(A1)" });
    await db().insert(rsvps).values({ eventId: event.id, userId: attacker.id, status: "going" });
    const { csv } = await attendeesCsv(organizer, event.id);
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain(`'+1+1`);
    expect(csv).toContain(`'@SUM(A1)`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("iCalendar text escapes line breaks, commas and semicolons so no property can be injected", () => {
    const escaped = escapeText(cleanText("Title\r\nATTENDEE:mailto:evil@example.com;x,y\rX-INJECTED:1\u2028"));
    expect(escaped).not.toMatch(/[\r\n]/);
    expect(escaped).toContain("\\n");
    expect(escaped).toContain("\\;");
    expect(escaped).toContain("\\,");
    expect(foldLine(`SUMMARY:${"é".repeat(80)}`).split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });
});

// Cross-site upload posts: lib/security/same-origin.test.ts; cross-site server-action posts: e2e/hostile.spec.ts.
describe("uploads: traversal, spoofed types and oversized bodies", () => {
  const details: Part[] = [
    { name: "title", value: "Slides" },
    { name: "type", value: "slides" },
  ];
  const file = (fileName: string, content: Buffer, contentType = "application/pdf"): Part => ({ name: "file", fileName, content, contentType });

  it.each([
    ["a path-traversal name", file("../../etc/passwd.pdf", SAMPLES.pdf)],
    ["a Windows path name", file("..\\..\\boot.ini.pdf", SAMPLES.pdf)],
    ["an HTML page named .pdf", file("slides.pdf", SAMPLES.html)],
    ["a Windows program named .pdf", file("slides.pdf", SAMPLES.exe)],
    ["a right-to-left override name", file("invoice\u202Efdp.exe", SAMPLES.pdf)],
    ["a dot file", file(".htaccess", SAMPLES.txt, "text/plain")],
  ])("%s is refused and nothing is kept", async (_label, part) => {
    const before = await databaseSnapshot(db());
    const error = await receiveResourceUpload({ viewer: organizer, request: uploadRequest(multipartBody([...details, part])) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: expect.any(Number) });
    expect((error as { status: number }).status).toBeGreaterThanOrEqual(400);
    expect(await databaseSnapshot(db())).toBe(before);
    expect(uploads.files()).toEqual([]);
  });

  it("a body over the limit is stopped with 413 and nothing is kept", async () => {
    const before = await databaseSnapshot(db());
    const error = await receiveResourceUpload({
      viewer: organizer,
      request: uploadRequest(multipartBody([...details, file("big.pdf", Buffer.concat([SAMPLES.pdf, Buffer.alloc(64 * 1024)]))])),
      maxBytes: 1024,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 413 });
    expect(await databaseSnapshot(db())).toBe(before);
    expect(uploads.files()).toEqual([]);
  });

});

describe("double submits do not double anything", () => {
  it("RSVPing twice keeps one RSVP and sends one confirmation", async () => {
    const event = await createEvent(db());
    viewerNow.current = member;
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    const fields = { eventId: event.id, intent: "going" };
    await Promise.all([changeRsvp({ status: "idle" }, formData(fields)), changeRsvp({ status: "idle" }, formData(fields))]);
    expect(await db().select().from(rsvps).where(eq(rsvps.eventId, event.id))).toHaveLength(1);
    const mail = await db().select().from(outbox).where(eq(outbox.to, member.email));
    expect(mail).toHaveLength(1);
  });

  it("cancelling twice sends one cancellation", async () => {
    const event = await createEvent(db());
    viewerNow.current = member;
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    await changeRsvp({ status: "idle" }, formData({ eventId: event.id, intent: "going" }));
    const cancel = { eventId: event.id, intent: "cancel-confirmed" };
    await changeRsvp({ status: "idle" }, formData(cancel));
    await changeRsvp({ status: "idle" }, formData(cancel));
    const mail = await db().select().from(outbox).where(eq(outbox.to, member.email));
    expect(mail).toHaveLength(2);
  });

  it("joining twice keeps the first acceptance time", async () => {
    const fresh = await createMember(db(), { guidelinesAcceptedAt: null });
    viewerNow.current = viewerOf(fresh);
    const { joinCommunity } = await import("@/app/(site)/join/actions");
    const fields = { name: "Pat", agency: "GSA", jobTitle: "Lead", timeZone: "America/Chicago", acceptGuidelines: "on", acknowledgeFoia: "on" };
    await joinCommunity({ status: "idle" }, formData(fields)).catch(() => null);
    const [first] = await db().select().from(users).where(eq(users.id, fresh.id));
    await joinCommunity({ status: "idle" }, formData(fields)).catch(() => null);
    const [second] = await db().select().from(users).where(eq(users.id, fresh.id));
    expect(second?.guidelinesAcceptedAt).toEqual(first?.guidelinesAcceptedAt);
  });
});
