import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import nodeIcal from "node-ical";
import { expect } from "vitest";
import type { Db } from "@/db";
import { events } from "@/db/schema";
import { useEnv } from "@/test/fixtures";
import type { InviteEvent } from "./types";

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

/**
 * Checks the framing every calendar must have (CRLF only, no physical line over
 * 75 octets) and parses it with ical.js, a parser that shares no code with `ics`.
 */
export function parseCalendar(text: string): Component {
  expect(text.endsWith("\r\n"), "ends with CRLF").toBe(true);
  expect(text.replace(/\r\n/g, ""), "no bare CR or LF").not.toMatch(/[\r\n]/);
  const tooLong = text
    .split("\r\n")
    .filter((line) => Buffer.byteLength(line, "utf8") > 75)
    .map((line) => `${Buffer.byteLength(line, "utf8")}: ${line}`);
  expect(tooLong, "lines over 75 octets").toEqual([]);
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  return calendar;
}

export function vevents(calendar: Component): Component[] {
  return calendar.getAllSubcomponents("vevent");
}

export function onlyEvent(calendar: Component): Component {
  const list = vevents(calendar);
  expect(list).toHaveLength(1);
  return list[0]!;
}

export function textOf(component: Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return value === null ? null : String(value);
}

export function dateOf(component: Component, name: string): Date {
  const value = component.getFirstPropertyValue(name) as Time | null;
  if (!value) throw new Error(`no ${name}`);
  return value.toJSDate();
}

export function paramOf(component: Component, property: string, parameter: string): string | undefined {
  const value = component.getFirstProperty(property)?.getParameter(parameter);
  return Array.isArray(value) ? value.join(",") : value;
}

export function byUid(calendar: Component): Map<string, Component> {
  return new Map(vevents(calendar).map((event) => [textOf(event, "uid")!, event]));
}

export function inviteEvent(overrides: Partial<InviteEvent> = {}): InviteEvent {
  return {
    id: "0d5f3c2a-8b1e-4c7d-9a6f-2e4b8c1d7f30",
    slug: "plain-language-clinic",
    title: "Plain language clinic",
    summary: "Bring a post you are drafting; we edit it together.",
    status: "published",
    startsAt: new Date("2030-01-15T19:00:00Z"),
    endsAt: new Date("2030-01-15T20:00:00Z"),
    timeZone: "America/New_York",
    location: null,
    joinUrl: "https://meet.example.gov/j/123456?pwd=secret",
    format: "virtual",
    sequence: 0,
    updatedAt: new Date("2029-12-01T12:00:00Z"),
    ...overrides,
  };
}

type NewEvent = typeof events.$inferInsert;

export async function insertEvent(db: Db, overrides: Partial<NewEvent> = {}) {
  const id = overrides.id ?? randomUUID();
  const startsAt = overrides.startsAt ?? new Date("2030-01-15T19:00:00Z");
  const [row] = await db
    .insert(events)
    .values({
      id,
      slug: `event-${id.slice(0, 8)}`,
      title: `Event ${id.slice(0, 8)}`,
      summary: "A community event.",
      status: "published",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
      joinUrl: `https://meet.example.gov/j/${id.slice(0, 8)}`,
      updatedAt: new Date("2029-12-01T12:00:00Z"),
      ...overrides,
    })
    .returning();
  return row!;
}

/** Points siteUrl and the organizer at fixed values for the calling test file, and puts them back after. */
export function useCalendarEnv() {
  useEnv(() => ({
    AUTH_URL: SITE,
    // Reply addresses are signed; a fixed secret keeps tests from writing a development one into .data/.
    AUTH_SECRET: process.env.AUTH_SECRET ?? "test-secret-for-calendar-invites-0123456789",
    MAIL_FROM: `Social Media Community of Practice <${ORGANIZER_EMAIL}>`,
  }));
}

export const SITE = "https://convene.example.gov";
export const ORGANIZER_EMAIL = "events@convene.example.gov";

/** What a member's calendar reads from one iTIP message. */
export type ReadInvite = {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  organizer: string;
  start: number;
};

/**
 * Reads a REQUEST or CANCEL with two parsers that share no code, ical.js (Mozilla's, with
 * the framing checks above) and node-ical, and expects them to agree on every field.
 */
export function readInvite(text: string): ReadInvite {
  const calendar = parseCalendar(text);
  const event = onlyEvent(calendar);
  const first: ReadInvite = {
    method: textOf(calendar, "method")!,
    uid: textOf(event, "uid")!,
    sequence: Number(textOf(event, "sequence")),
    status: textOf(event, "status")!,
    summary: textOf(event, "summary")!,
    description: textOf(event, "description")!,
    organizer: textOf(event, "organizer")!
      .replace(/^mailto:/i, "")
      .toLowerCase(),
    start: dateOf(event, "dtstart").getTime(),
  };
  const parsed = nodeIcal.sync.parseICS(text);
  const list = Object.values(parsed).filter((item) => item.type === "VEVENT") as nodeIcal.VEvent[];
  expect(list, "node-ical: one VEVENT").toHaveLength(1);
  const other = list[0]!;
  const organizer = other.organizer as unknown as { val: string } | string;
  const second: ReadInvite = {
    method: String((parsed.vcalendar as unknown as { method?: string } | undefined)?.method),
    uid: other.uid,
    sequence: Number(other.sequence),
    status: String(other.status),
    summary: String(other.summary),
    description: String(other.description),
    organizer: (typeof organizer === "string" ? organizer : organizer.val).replace(/^mailto:/i, "").toLowerCase(),
    start: new Date(other.start).getTime(),
  };
  expect(second, "node-ical reads what ical.js reads").toEqual(first);
  return first;
}
