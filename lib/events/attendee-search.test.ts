import { describe, expect, it } from "vitest";
import { ATTENDEE_QUERY_MAX, attendeeQuerySchema, matchesAttendee } from "./attendee-search";

const ana = { name: "Ana José Ruiz", email: "ana.ruiz@gsa.gov" };
const noName = { name: null, email: "sam.lee@usda.gov" };

describe("matchesAttendee", () => {
  it("finds people by part of their name or email, ignoring case and accents", () => {
    expect(matchesAttendee(ana, "ruiz")).toBe(true);
    expect(matchesAttendee(ana, "JOSE")).toBe(true);
    expect(matchesAttendee(ana, "gsa.gov")).toBe(true);
    expect(matchesAttendee(noName, "sam")).toBe(true);
    expect(matchesAttendee(ana, "sam")).toBe(false);
  });

  it("needs every word, in any order", () => {
    expect(matchesAttendee(ana, "ruiz  ana")).toBe(true);
    expect(matchesAttendee(ana, "ana lee")).toBe(false);
  });

  it("matches everyone when the query is empty or blank", () => {
    expect(matchesAttendee(noName, "")).toBe(true);
    expect(matchesAttendee(noName, "   ")).toBe(true);
  });
});

describe("attendeeQuerySchema", () => {
  it("takes ?q= as typed, trimmed, the first of repeats, capped in length", () => {
    expect(attendeeQuerySchema.parse(undefined)).toBe("");
    expect(attendeeQuerySchema.parse("  ana ")).toBe("ana");
    expect(attendeeQuerySchema.parse(["ana", "sam"])).toBe("ana");
    expect(attendeeQuerySchema.parse("x".repeat(500))).toHaveLength(ATTENDEE_QUERY_MAX);
  });
});
