import { TZDate } from "@date-fns/tz";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCalendar, cleanText, eventUid, foldLine, organizerFromMailFrom, unfold } from "./ics";
import { dateOf, inviteEvent, onlyEvent, ORGANIZER_EMAIL, paramOf, parseCalendar, SITE, textOf, useCalendarEnv, vevents } from "./test-helpers";

useCalendarEnv();

const attendee = { email: "priya.raman@hhs.gov", name: "Priya Raman" };
const sentAt = new Date("2029-12-02T15:30:00Z");

const goldenRequest = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "CALSCALE:GREGORIAN",
  "PRODID:-//Convene//Community events//EN",
  "METHOD:REQUEST",
  "BEGIN:VEVENT",
  "UID:0d5f3c2a-8b1e-4c7d-9a6f-2e4b8c1d7f30@convene.example.gov",
  "SUMMARY:Plain language clinic",
  "DTSTAMP:20291202T153000Z",
  "DTSTART:20300115T190000Z",
  "DTEND:20300115T200000Z",
  "SEQUENCE:0",
  "DESCRIPTION:Bring a post you are drafting\\; we edit it together.\\n\\nJoin on",
  " line: https://meet.example.gov/j/123456?pwd=secret\\n\\nEvent page: https://",
  " convene.example.gov/events/plain-language-clinic",
  "URL:https://convene.example.gov/events/plain-language-clinic",
  "LOCATION:https://meet.example.gov/j/123456?pwd=secret",
  "STATUS:CONFIRMED",
  'ORGANIZER;CN="Social Media Community of Practice":MAILTO:events@convene.exa',
  " mple.gov",
  "LAST-MODIFIED:20291201T120000Z",
  'ATTENDEE;CN="Priya Raman";RSVP=FALSE;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT',
  " ;CUTYPE=INDIVIDUAL:mailto:priya.raman@hhs.gov",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("an invitation's life: REQUEST, update, CANCEL", () => {
  const original = inviteEvent();
  const moved = inviteEvent({
    startsAt: new Date("2030-01-16T19:00:00Z"),
    endsAt: new Date("2030-01-16T20:30:00Z"),
    sequence: 1,
    updatedAt: new Date("2029-12-05T09:00:00Z"),
  });
  const cancelled = { ...moved, status: "cancelled" as const, sequence: 2, updatedAt: new Date("2029-12-09T09:00:00Z") };

  // Built inside the tests, after useCalendarEnv has set the site address.
  let request = "";
  let update = "";
  let cancel = "";
  beforeAll(() => {
    request = buildCalendar({ method: "REQUEST", events: [original], attendee, now: sentAt });
    update = buildCalendar({ method: "REQUEST", events: [moved], attendee, now: new Date("2029-12-05T09:00:01Z") });
    cancel = buildCalendar({ method: "CANCEL", events: [cancelled], attendee, now: new Date("2029-12-09T09:00:01Z") });
  });

  it("writes the first REQUEST exactly as expected", () => {
    expect(request).toBe(goldenRequest);
  });

  it("keeps one UID and raises SEQUENCE through the update and the cancellation", () => {
    const parsed = [request, update, cancel].map((text) => parseCalendar(text));
    const [first, second, third] = parsed.map(onlyEvent);
    expect(parsed.map((calendar) => textOf(calendar, "method"))).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    for (const event of [first!, second!, third!]) {
      expect(textOf(event, "uid")).toBe(`${original.id}@convene.example.gov`);
      expect(paramOf(event, "attendee", "partstat")).toBe("ACCEPTED");
      expect(paramOf(event, "attendee", "rsvp")).toBe("FALSE");
      expect(paramOf(event, "attendee", "cn")).toBe("Priya Raman");
      expect(textOf(event, "attendee")).toBe("mailto:priya.raman@hhs.gov");
      expect(textOf(event, "organizer")?.toLowerCase()).toBe(`mailto:${ORGANIZER_EMAIL}`);
      expect(paramOf(event, "organizer", "cn")).toBe("Social Media Community of Practice");
    }
    expect([first, second, third].map((event) => Number(textOf(event!, "sequence")))).toEqual([0, 1, 2]);
    expect([first, second, third].map((event) => textOf(event!, "status"))).toEqual(["CONFIRMED", "CONFIRMED", "CANCELLED"]);
    expect(dateOf(second!, "dtstart").toISOString()).toBe("2030-01-16T19:00:00.000Z");
    expect(dateOf(second!, "dtend").toISOString()).toBe("2030-01-16T20:30:00.000Z");
    expect(dateOf(second!, "dtstamp").toISOString()).toBe("2029-12-05T09:00:01.000Z");
  });

  it("tells the attendee how to join, except in the cancellation", () => {
    expect(unfold(update).join("")).toContain(original.joinUrl!);
    expect(unfold(cancel).join("")).not.toContain(original.joinUrl!);
    const description = textOf(onlyEvent(parseCalendar(cancel)), "description");
    expect(description).toMatch(/^This event has been cancelled\./);
    expect(description).toContain(`Event page: ${SITE}/events/plain-language-clinic`);
  });

  it("marks any event cancelled in a CANCEL, even one the row still calls published", () => {
    const text = buildCalendar({ method: "CANCEL", events: [moved], attendee, now: sentAt });
    expect(textOf(onlyEvent(parseCalendar(text)), "status")).toBe("CANCELLED");
  });

  it("gives the same UID whatever else changes", () => {
    expect(eventUid(original.id)).toBe(`${original.id}@convene.example.gov`);
    const again = buildCalendar({ method: "REQUEST", events: [original], attendee, now: sentAt });
    expect(again).toBe(request);
  });
});

describe("PUBLISH files", () => {
  it("never carries the join link or an attendee, and says how to get the link", () => {
    const text = buildCalendar({ method: "PUBLISH", events: [inviteEvent()] });
    const event = onlyEvent(parseCalendar(text));
    expect(text).not.toContain("meet.example.gov");
    expect(event.getFirstProperty("attendee")).toBeNull();
    expect(textOf(event, "location")).toBe("Online");
    expect(textOf(event, "description")).toContain("Members who RSVP get the link to join online.");
    expect(textOf(event, "url")).toBe(`${SITE}/events/plain-language-clinic`);
    expect(textOf(event, "organizer")?.toLowerCase()).toBe(`mailto:${ORGANIZER_EMAIL}`);
  });

  it("uses the event's update time as DTSTAMP, so the same event gives the same bytes", () => {
    const event = inviteEvent();
    const first = buildCalendar({ method: "PUBLISH", events: [event] });
    const second = buildCalendar({ method: "PUBLISH", events: [event], now: new Date("2031-01-01T00:00:00Z") });
    expect(second).toBe(first);
    expect(dateOf(onlyEvent(parseCalendar(first)), "dtstamp").toISOString()).toBe("2029-12-01T12:00:00.000Z");
  });

  it("shows the join link and status of a personal feed entry when asked", () => {
    const going = inviteEvent({ location: "GSA headquarters, 1800 F St NW", format: "hybrid" });
    const waiting = inviteEvent({ id: "9e0c1f4b-5a2d-4e8f-b7c6-3d1a2b4c5e6f", slug: "full-event" });
    const text = buildCalendar({
      method: "PUBLISH",
      events: [
        { event: going, showJoinUrl: true },
        { event: waiting, status: "TENTATIVE" },
      ],
    });
    const [first, second] = vevents(parseCalendar(text));
    expect(textOf(first!, "status")).toBe("CONFIRMED");
    expect(textOf(first!, "location")).toBe("GSA headquarters, 1800 F St NW");
    expect(textOf(first!, "description")).toContain(`Join online: ${going.joinUrl}`);
    expect(textOf(second!, "status")).toBe("TENTATIVE");
    expect(textOf(second!, "description")).not.toContain("meet.example.gov");
  });

  it("shows a cancelled event as CANCELLED", () => {
    const text = buildCalendar({ method: "PUBLISH", events: [inviteEvent({ status: "cancelled" })] });
    expect(textOf(onlyEvent(parseCalendar(text)), "status")).toBe("CANCELLED");
  });

  it("names the calendar and asks for hourly refreshes, replacing the TTL `ics` hard-codes", () => {
    const text = buildCalendar({ method: "PUBLISH", events: [], name: "Community events", refreshMinutes: 60 });
    const calendar = parseCalendar(text);
    expect(vevents(calendar)).toHaveLength(0);
    expect(textOf(calendar, "x-wr-calname")).toBe("Community events");
    expect(textOf(calendar, "name")).toBe("Community events");
    // ical.js leaves both as raw text, so the TEXT escaping is checked on the line itself.
    expect(buildCalendar({ method: "PUBLISH", events: [], name: "Events, all; here" })).toContain("\r\nX-WR-CALNAME:Events\\, all\\; here\r\n");
    expect(textOf(calendar, "refresh-interval")).toBe("PT1H");
    expect(calendar.getFirstProperty("refresh-interval")?.type).toBe("duration");
    expect(calendar.getAllProperties("x-published-ttl").map((p) => String(p.getFirstValue()))).toEqual(["PT1H"]);
    expect(textOf(calendar, "method")).toBe("PUBLISH");

    const short = buildCalendar({ method: "PUBLISH", events: [], refreshMinutes: 15 });
    expect(short).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\nX-PUBLISHED-TTL:PT15M\r\n");
    const plain = buildCalendar({ method: "PUBLISH", events: [inviteEvent()] });
    expect(plain).not.toMatch(/X-PUBLISHED-TTL|REFRESH-INTERVAL/);
  });
});

describe("refusals", () => {
  it("will not build an invitation without its attendee, nor a PUBLISH with one", () => {
    expect(() => buildCalendar({ method: "REQUEST", events: [inviteEvent()] })).toThrow(/attendee/);
    expect(() => buildCalendar({ method: "CANCEL", events: [inviteEvent(), inviteEvent()], attendee })).toThrow(/one event/);
    expect(() => buildCalendar({ method: "PUBLISH", events: [inviteEvent()], attendee })).toThrow(/PUBLISH/);
  });

  it("refuses an attendee address that could break out of the line", () => {
    expect(() => buildCalendar({ method: "REQUEST", events: [inviteEvent()], attendee: { email: "a@b.gov\r\nX:y", name: null } })).toThrow(/address/);
  });
});

describe("folding and escaping", () => {
  it("folds a long accented title at 75 octets and unfolds it back unchanged", () => {
    const title = "Réunion d’équipe : stratégie numérique, accessibilité et café ☕ — édition spéciale 🎉 ".repeat(4).trim();
    const text = buildCalendar({ method: "REQUEST", events: [inviteEvent({ title })], attendee, now: sentAt });
    const lines = text.split("\r\n");
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(textOf(onlyEvent(parseCalendar(text)), "summary")).toBe(title);
  });

  it("never splits a multi-octet character across lines", () => {
    for (const filler of ["é", "☕", "🎉", "a🎉", "ab€"]) {
      const line = `SUMMARY:${filler.repeat(60)}`;
      const folded = foldLine(line);
      for (const physical of folded.split("\r\n")) {
        expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(75);
        expect(physical).not.toContain("\uFFFD");
        expect(Buffer.from(physical, "utf8").toString("utf8")).toBe(physical);
      }
      expect(unfold(`${folded}\r\n`)).toEqual([line]);
    }
  });

  it("uses CRLF for every line break and nothing else", () => {
    const text = buildCalendar({
      method: "PUBLISH",
      events: [inviteEvent({ summary: "First line\nsecond line\r\nthird\rfourth" })],
    });
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(textOf(onlyEvent(parseCalendar(text)), "description")).toContain("First line\nsecond line\nthird\nfourth");
  });

  it.each([
    ["CRLF", "Title\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Injected\r\nEND:VEVENT"],
    ["LF", "Title\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT"],
    ["a lone CR", "Title\rBEGIN:VEVENT\rUID:evil\rEND:VEVENT"],
    ["a Unicode line separator", "Title\u2028BEGIN:VEVENT\u2028UID:evil\u2028END:VEVENT"],
  ])("keeps a title with %s to one property of one VEVENT", (_label, title) => {
    const text = buildCalendar({
      method: "REQUEST",
      events: [inviteEvent({ title, location: "Room 1\r\nATTENDEE:mailto:eve@evil.example" })],
      attendee: { email: "priya.raman@hhs.gov", name: 'Priya "PR"\r\nATTENDEE:mailto:eve@evil.example' },
      now: sentAt,
    });
    expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
    expect(text.match(/^UID:/gm)).toHaveLength(1);
    expect(text.match(/^ATTENDEE/gm)).toHaveLength(1);
    const event = onlyEvent(parseCalendar(text));
    expect(textOf(event, "uid")).toBe(`${inviteEvent().id}@convene.example.gov`);
    expect(textOf(event, "summary")).toBe(cleanText(title));
    expect(event.getAllProperties("attendee")).toHaveLength(1);
    expect(paramOf(event, "attendee", "cn")).toBe("Priya 'PR' ATTENDEE:mailto:eve@evil.example");
  });

  it("escapes commas, semicolons and backslashes in text", () => {
    const title = "Data, analytics; and C:\\reports";
    const text = buildCalendar({ method: "PUBLISH", events: [inviteEvent({ title })] });
    expect(text).toContain("SUMMARY:Data\\, analytics\\; and C:\\\\reports\r\n");
    expect(textOf(onlyEvent(parseCalendar(text)), "summary")).toBe(title);
  });
});

describe("time zones", () => {
  // The wall-clock times an organizer would type, and the UTC instant each must become.
  const cases: Array<[string, TZDate, string]> = [
    ["the day before US spring-forward", new TZDate(2027, 2, 13, 10, 0, 0, "America/New_York"), "20270313T150000Z"],
    ["the day of US spring-forward", new TZDate(2027, 2, 14, 10, 0, 0, "America/New_York"), "20270314T140000Z"],
    ["the day before US fall-back", new TZDate(2026, 9, 31, 10, 0, 0, "America/New_York"), "20261031T140000Z"],
    ["the day of US fall-back", new TZDate(2026, 10, 1, 10, 0, 0, "America/New_York"), "20261101T150000Z"],
    ["Honolulu, which keeps no daylight time", new TZDate(2027, 2, 14, 10, 0, 0, "Pacific/Honolulu"), "20270314T200000Z"],
    ["Guam, a day ahead of UTC", new TZDate(2026, 10, 1, 9, 0, 0, "Pacific/Guam"), "20261031T230000Z"],
    ["Los Angeles after fall-back", new TZDate(2026, 10, 1, 9, 0, 0, "America/Los_Angeles"), "20261101T170000Z"],
  ];

  it.each(["UTC", "America/New_York", "Pacific/Guam", "Pacific/Honolulu"])("writes the right UTC DTSTART whatever the server's zone (%s)", (serverZone) => {
    const previous = process.env.TZ;
    process.env.TZ = serverZone;
    try {
      for (const [label, startsAt, expected] of cases) {
        const start = new Date(startsAt.getTime());
        const text = buildCalendar({
          method: "PUBLISH",
          events: [inviteEvent({ startsAt: start, endsAt: new Date(start.getTime() + 3600_000) })],
        });
        expect(text, label).toContain(`\r\nDTSTART:${expected}\r\n`);
        expect(dateOf(onlyEvent(parseCalendar(text)), "dtstart").toISOString(), label).toBe(start.toISOString());
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it("keeps an event that spans the clock change its real length", () => {
    // 1:30 CST to 3:30 CDT on spring-forward night is one hour, not two.
    const startsAt = new Date(new TZDate(2027, 2, 14, 1, 30, 0, "America/Chicago").getTime());
    const endsAt = new Date(new TZDate(2027, 2, 14, 3, 30, 0, "America/Chicago").getTime());
    const event = onlyEvent(parseCalendar(buildCalendar({ method: "PUBLISH", events: [inviteEvent({ startsAt, endsAt })] })));
    expect(textOf(event, "dtstart")).toBe("2027-03-14T07:30:00Z");
    expect(dateOf(event, "dtend").getTime() - dateOf(event, "dtstart").getTime()).toBe(3600_000);
  });
});

describe("organizerFromMailFrom", () => {
  it("reads the name and address MAIL_FROM allows", () => {
    expect(organizerFromMailFrom("Convene <events@agency.gov>")).toEqual({ name: "Convene", email: "events@agency.gov" });
    expect(organizerFromMailFrom('"Social Media CoP" <cop@gsa.gov>')).toEqual({ name: "Social Media CoP", email: "cop@gsa.gov" });
    expect(organizerFromMailFrom("cop@gsa.gov").email).toBe("cop@gsa.gov");
  });
});
