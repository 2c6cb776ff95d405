import { describe, expect, it } from "vitest";
import { z } from "zod";
import { blankEventFormValues, eventFormSchema, eventFormValues, normalizeTopics, parseHosts } from "./event-schema";

const valid = {
  title: "Plain Language for Social Media",
  summary: "Short posts people understand on the first read.",
  body: "## Agenda\n\n- Why plain language\n- Practice",
  kind: "workshop",
  format: "hybrid",
  date: "2026-12-03",
  startTime: "14:00",
  endTime: "15:30",
  timeZone: "America/New_York",
  location: "GSA Headquarters, 1800 F Street NW, Washington, DC",
  joinUrl: "https://gsa.zoomgov.com/j/1612345678",
  capacity: "50",
  rsvpDeadlineDate: "2026-12-01",
  rsvpDeadlineTime: "17:00",
  topics: "Plain Language, Accessibility",
  hosts: "Ana Ruiz, Moderator, General Services Administration\nBo Li, Speaker",
};

type Form = Partial<Record<keyof typeof valid | string, string>>;

function parse(overrides: Form = {}) {
  return eventFormSchema.safeParse({ ...valid, ...overrides });
}

function fieldErrors(overrides: Form) {
  const result = parse(overrides);
  expect(result.success, "expected the form to be refused").toBe(false);
  return z.flattenError(result.error!).fieldErrors as Record<string, string[] | undefined>;
}

function ok(overrides: Form = {}) {
  const result = parse(overrides);
  if (!result.success) throw new Error(JSON.stringify(z.flattenError(result.error).fieldErrors));
  return result.data;
}

describe("a valid event form", () => {
  it("becomes typed input with times in the event's zone", () => {
    const event = ok();
    expect(event).toMatchObject({
      title: "Plain Language for Social Media",
      kind: "workshop",
      format: "hybrid",
      timeZone: "America/New_York",
      capacity: 50,
      tags: ["plain-language", "accessibility"],
      hosts: [
        { name: "Ana Ruiz", role: "Moderator", agency: "General Services Administration" },
        { name: "Bo Li", role: "Speaker" },
      ],
    });
    expect(event.startsAt.toISOString()).toBe("2026-12-03T19:00:00.000Z");
    expect(event.endsAt.toISOString()).toBe("2026-12-03T20:30:00.000Z");
    expect(event.rsvpDeadline?.toISOString()).toBe("2026-12-01T22:00:00.000Z");
  });

  it("defaults the zone to America/New_York, and leaves capacity and deadline empty when not given", () => {
    const event = ok({ timeZone: "", capacity: "", rsvpDeadlineDate: "", rsvpDeadlineTime: "" });
    expect(event.timeZone).toBe("America/New_York");
    expect(event.capacity).toBeNull();
    expect(event.rsvpDeadline).toBeNull();
    const { timeZone: _zone, ...withoutZone } = valid;
    void _zone;
    const missing = eventFormSchema.safeParse(withoutZone);
    expect(missing.success && missing.data.timeZone).toBe("America/New_York");
  });

  it("accepts a time with seconds, as some browsers send", () => {
    expect(ok({ startTime: "14:00:00" }).startsAt.toISOString()).toBe("2026-12-03T19:00:00.000Z");
  });

  it("round-trips through the values an edit form shows", () => {
    const event = ok();
    const again = ok(eventFormValues(event));
    expect(again).toEqual(event);
  });

  it("starts a new event's form with every field the form has, empty but kind, format and the organizer's zone", () => {
    const blank = blankEventFormValues("America/Denver");
    expect(Object.keys(blank).sort()).toEqual(Object.keys(eventFormValues(ok())).sort());
    expect(Object.entries(blank).filter(([, value]) => value !== "")).toEqual([
      ["kind", "educational"],
      ["format", "virtual"],
      ["timeZone", "America/Denver"],
    ]);
  });

  it("fills a new event's date and times from the default slot when given one", () => {
    const blank = blankEventFormValues("America/Denver", { date: "2026-12-02", startTime: "14:00", endTime: "15:00" });
    expect(blank).toMatchObject({ date: "2026-12-02", startTime: "14:00", endTime: "15:00", format: "virtual", timeZone: "America/Denver" });
    // The defaults parse as they stand once a title is typed (the join link is the one place a virtual event needs).
    const parsed = eventFormSchema.safeParse({ ...blank, title: "Office hours", joinUrl: "https://gsa.zoomgov.com/j/1" });
    expect(parsed.success).toBe(true);
  });

  it("keeps location or join link only as given, as null when empty", () => {
    const virtual = ok({ format: "virtual", location: "" });
    expect(virtual.location).toBeNull();
    const inPerson = ok({ format: "in_person", joinUrl: "" });
    expect(inPerson.joinUrl).toBeNull();
  });
});

describe("text fields", () => {
  it("requires a title of 1 to 200 characters", () => {
    expect(fieldErrors({ title: "   " }).title).toEqual(["Enter a title."]);
    expect(fieldErrors({ title: "x".repeat(201) }).title?.[0]).toMatch(/200 characters or fewer/);
    expect(ok({ title: "x".repeat(200) }).title).toHaveLength(200);
    const { title: _title, ...withoutTitle } = valid;
    void _title;
    expect(eventFormSchema.safeParse(withoutTitle).success).toBe(false);
  });

  it("refuses header injection and markup in the title", () => {
    expect(fieldErrors({ title: "Webinar\r\nBCC: everyone@agency.gov" }).title?.[0]).toMatch(/line breaks and control characters/);
    expect(fieldErrors({ title: "Webinar\nSubject: spoofed" }).title).toBeDefined();
    expect(fieldErrors({ title: "Tab\there" }).title).toBeDefined();
    expect(fieldErrors({ title: "<script>alert(1)</script>" }).title).toEqual(["Remove the < and > characters from a title."]);
    expect(fieldErrors({ title: "Right\u202eto left" }).title).toBeDefined();
  });

  it("limits the summary to 500 characters without control characters", () => {
    expect(fieldErrors({ summary: "y".repeat(501) }).summary?.[0]).toMatch(/500 characters/);
    expect(fieldErrors({ summary: "one\r\nBCC: x@y.gov" }).summary).toBeDefined();
    expect(ok({ summary: "" }).summary).toBe("");
  });

  it("keeps Markdown line breaks in the body, up to 20,000 characters, and refuses NUL", () => {
    expect(ok({ body: "# Hi\r\n\r\n\tcode" }).body).toBe("# Hi\r\n\r\n\tcode");
    expect(fieldErrors({ body: "z".repeat(20_001) }).body?.[0]).toMatch(/20,000/);
    expect(fieldErrors({ body: "bad\u0000byte" }).body).toBeDefined();
  });
});

describe("kind and format", () => {
  it("accepts only the known values", () => {
    for (const kind of ["educational", "networking", "workshop", "office_hours"]) expect(ok({ kind }).kind).toBe(kind);
    expect(fieldErrors({ kind: "party" }).kind).toEqual(["Choose the kind of event."]);
    expect(fieldErrors({ format: "telepathy" }).format).toEqual(["Choose virtual, in person or hybrid."]);
  });

  it("requires a location for in-person and hybrid events, and a join link for virtual and hybrid ones", () => {
    expect(fieldErrors({ format: "in_person", location: "" }).location).toEqual(["Enter the location for an in-person or hybrid event."]);
    const hybrid = fieldErrors({ format: "hybrid", location: "", joinUrl: "" });
    expect(hybrid.location).toBeDefined();
    expect(hybrid.joinUrl).toEqual(["Enter the join link for a virtual or hybrid event."]);
    expect(fieldErrors({ format: "virtual", joinUrl: " " }).joinUrl).toBeDefined();
  });
});

describe("join link", () => {
  it.each([
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://gsa.zoomgov.com/j/1",
    "https://",
    "not a url",
    "https://user:pass@evil.example/",
    "https://gsa.zoomgov.com/j/1 onclick=x",
  ])("refuses %s", (joinUrl) => {
    expect(fieldErrors({ joinUrl }).joinUrl?.[0]).toMatch(/starts with https:\/\//);
  });

  it("accepts an https link", () => {
    expect(ok({ joinUrl: "  https://meet.google.com/abc-defg-hij  " }).joinUrl).toBe("https://meet.google.com/abc-defg-hij");
  });
});

describe("capacity", () => {
  it.each(["0", "-5", "2.5", "abc", "1e3", "0x10", "100001"])("refuses %s", (capacity) => {
    expect(fieldErrors({ capacity }).capacity).toHaveLength(1);
  });

  it("accepts whole numbers up to 100,000", () => {
    expect(ok({ capacity: "1" }).capacity).toBe(1);
    expect(ok({ capacity: " 100000 " }).capacity).toBe(100_000);
  });
});

describe("dates and times", () => {
  it("refuses dates and times that are not real", () => {
    expect(fieldErrors({ date: "2026-02-30" }).date?.[0]).toMatch(/real date/);
    expect(fieldErrors({ date: "12/03/2026" }).date).toBeDefined();
    expect(fieldErrors({ date: "" }).date).toEqual(["Enter the date."]);
    expect(fieldErrors({ startTime: "25:00" }).startTime?.[0]).toMatch(/like 14:00/);
    expect(fieldErrors({ endTime: "" }).endTime).toEqual(["Enter the end time."]);
  });

  it("needs the end after the start, on the same day", () => {
    expect(fieldErrors({ startTime: "15:00", endTime: "14:00" }).endTime).toEqual(["End time must be after the start time"]);
    expect(fieldErrors({ startTime: "15:00", endTime: "15:00" }).endTime).toEqual(["End time must be after the start time"]);
    // 23:00 to 01:00 would cross midnight, which this form does not allow.
    expect(fieldErrors({ startTime: "23:00", endTime: "01:00" }).endTime).toBeDefined();
  });

  it("names the reason when the start time is skipped by a spring-forward", () => {
    const errors = fieldErrors({ date: "2027-03-14", startTime: "02:30", endTime: "04:00", rsvpDeadlineDate: "", rsvpDeadlineTime: "" });
    expect(errors.startTime).toEqual(["2:30 AM doesn't exist on March 14, 2027 in this time zone: clocks spring forward"]);
  });

  it("flags an end time in the gap too", () => {
    const errors = fieldErrors({ date: "2027-03-14", startTime: "01:00", endTime: "02:15", rsvpDeadlineDate: "", rsvpDeadlineTime: "" });
    expect(errors.endTime?.[0]).toMatch(/^2:15 AM doesn't exist on March 14, 2027/);
  });

  it("has no gap in Honolulu, which keeps standard time all year", () => {
    const event = ok({ date: "2027-03-14", startTime: "02:30", endTime: "03:30", timeZone: "Pacific/Honolulu", rsvpDeadlineDate: "", rsvpDeadlineTime: "" });
    expect(event.startsAt.toISOString()).toBe("2027-03-14T12:30:00.000Z");
  });

  it("puts Guam a day ahead of Washington", () => {
    const event = ok({ date: "2026-12-03", startTime: "09:00", endTime: "10:00", timeZone: "Pacific/Guam", rsvpDeadlineDate: "", rsvpDeadlineTime: "" });
    expect(event.startsAt.toISOString()).toBe("2026-12-02T23:00:00.000Z");
  });

  it("takes the first 1:30 AM when clocks fall back and the hour happens twice", () => {
    const base = { date: "2026-11-01", rsvpDeadlineDate: "", rsvpDeadlineTime: "" };
    const newYork = ok({ ...base, startTime: "01:30", endTime: "01:45" });
    expect(newYork.startsAt.toISOString()).toBe("2026-11-01T05:30:00.000Z"); // still EDT, UTC-4
    expect(newYork.endsAt.toISOString()).toBe("2026-11-01T05:45:00.000Z");
    const london = ok({ date: "2026-10-25", startTime: "01:30", endTime: "01:45", timeZone: "Europe/London", rsvpDeadlineDate: "", rsvpDeadlineTime: "" });
    expect(london.startsAt.toISOString()).toBe("2026-10-25T00:30:00.000Z"); // still BST, UTC+1
  });

  it("accepts any valid IANA zone and refuses made-up ones", () => {
    expect(ok({ timeZone: "Europe/Berlin" }).startsAt.toISOString()).toBe("2026-12-03T13:00:00.000Z");
    expect(fieldErrors({ timeZone: "Mars/Olympus_Mons" }).timeZone).toEqual(["Choose a valid time zone."]);
    expect(fieldErrors({ timeZone: "+05:00" }).timeZone).toBeDefined();
  });
});

describe("RSVP deadline", () => {
  it("must be before the start", () => {
    expect(fieldErrors({ rsvpDeadlineDate: "2026-12-03", rsvpDeadlineTime: "14:00" }).rsvpDeadlineDate).toEqual([
      "The RSVP deadline must be before the event starts.",
    ]);
    expect(ok({ rsvpDeadlineDate: "2026-12-03", rsvpDeadlineTime: "13:59" }).rsvpDeadline?.toISOString()).toBe("2026-12-03T18:59:00.000Z");
  });

  it("needs both parts or neither", () => {
    expect(fieldErrors({ rsvpDeadlineTime: "" }).rsvpDeadlineTime?.[0]).toMatch(/both a date and a time/);
    expect(fieldErrors({ rsvpDeadlineDate: "" }).rsvpDeadlineDate?.[0]).toMatch(/both a date and a time/);
  });

  it("is read in the event's zone and can fall in a gap", () => {
    const errors = fieldErrors({ date: "2027-03-20", rsvpDeadlineDate: "2027-03-14", rsvpDeadlineTime: "02:10" });
    expect(errors.rsvpDeadlineTime?.[0]).toMatch(/^2:10 AM doesn't exist on March 14, 2027/);
  });
});

describe("topics", () => {
  it("are normalized to lowercase kebab words, without duplicates", () => {
    expect(normalizeTopics(" Plain Language ,ACCESSIBILITY, , crisis_comms, Café Talk, plain-language")).toEqual([
      "plain-language",
      "accessibility",
      "crisis-comms",
      "cafe-talk",
    ]);
  });

  it("allow at most 10", () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `topic ${i}`).join(",");
    expect(fieldErrors({ topics: eleven }).topics).toEqual(["Enter no more than 10 topics."]);
    expect(ok({ topics: eleven.split(",").slice(0, 10).join(",") }).tags).toHaveLength(10);
  });
});

describe("hosts", () => {
  it("read one per line as Name, Role, Agency, where the agency may contain commas", () => {
    expect(parseHosts("\n Miguel Santos , Panelist , U.S. Department of Agriculture, Forest Service \r\n\r\n").hosts).toEqual([
      { name: "Miguel Santos", role: "Panelist", agency: "U.S. Department of Agriculture, Forest Service" },
    ]);
  });

  it("explain which line is wrong", () => {
    expect(fieldErrors({ hosts: "Ana Ruiz, Moderator\nJust a name" }).hosts).toEqual(['Line 2: write each host as "Name, Role, Agency" (agency optional).']);
    expect(fieldErrors({ hosts: "<b>Ana</b>, Host" }).hosts?.[0]).toMatch(/Line 1/);
  });

  it("allow at most 20", () => {
    const lines = Array.from({ length: 21 }, (_, i) => `Person ${i}, Speaker`).join("\n");
    expect(fieldErrors({ hosts: lines }).hosts?.[0]).toBe("List no more than 20 hosts.");
    expect(ok({ hosts: lines.split("\n").slice(0, 20).join("\n") }).hosts).toHaveLength(20);
  });
});

describe("tampering", () => {
  it.each(["status", "createdBy", "sequence", "slug", "publishedAt"])("refuses an unexpected %s field", (field) => {
    const result = parse({ [field]: "published" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.code === "unrecognized_keys")).toBe(true);
  });

  it("refuses a file where text belongs", () => {
    const result = eventFormSchema.safeParse({ ...valid, title: new Blob(["x"]) });
    expect(result.success).toBe(false);
  });

  it("reports every field error at once, cross-field ones included", () => {
    const errors = fieldErrors({ title: "", kind: "nope", startTime: "15:00", endTime: "14:00", format: "in_person", location: "" });
    expect(Object.keys(errors).sort()).toEqual(["endTime", "kind", "location", "title"]);
  });
});
