import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CalendarSubscribe } from "@/components/calendar-subscribe";
import { compactUtc, googleCalendarUrl, googleSubscribeUrl, office365Url, outlookLiveUrl, webcalUrl } from "./links";

const event = {
  title: "Plain language & accessibility: Q&A",
  startsAt: new Date("2026-11-01T15:00:00Z"),
  endsAt: new Date("2026-11-01T16:30:00Z"),
  details: "Bring questions.\n\nEvent page: https://convene.example.gov/events/plain-language",
  location: "Online",
};

describe("add-to-calendar links", () => {
  it("gives Google its template with UTC times", () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(url.searchParams.get("action")).toBe("TEMPLATE");
    expect(url.searchParams.get("text")).toBe(event.title);
    expect(url.searchParams.get("dates")).toBe("20261101T150000Z/20261101T163000Z");
    expect(url.searchParams.get("details")).toBe(event.details);
    expect(url.searchParams.get("location")).toBe("Online");
  });

  it.each([
    ["Outlook.com", outlookLiveUrl, "https://outlook.live.com"],
    ["Office 365", office365Url, "https://outlook.office.com"],
  ])("gives %s its compose deep link", (_label, build, origin) => {
    const raw = build(event);
    // Spaces as %20: Outlook shows "+" literally.
    expect(raw).not.toContain("+");
    const url = new URL(raw);
    expect(url.origin).toBe(origin);
    expect(url.pathname).toBe("/calendar/0/deeplink/compose");
    expect(url.searchParams.get("subject")).toBe(event.title);
    expect(url.searchParams.get("startdt")).toBe("2026-11-01T15:00:00Z");
    expect(url.searchParams.get("enddt")).toBe("2026-11-01T16:30:00Z");
    expect(url.searchParams.get("body")).toBe(event.details);
    expect(url.searchParams.get("location")).toBe("Online");
    expect(url.searchParams.get("path")).toBe("/calendar/action/compose");
    expect(url.searchParams.get("rru")).toBe("addevent");
  });

  it("shortens long details so the link stays usable", () => {
    const url = new URL(googleCalendarUrl({ ...event, details: "x".repeat(5000) }));
    expect(url.searchParams.get("details")?.length).toBe(1000);
  });

  it("formats compact UTC without milliseconds", () => {
    expect(compactUtc(new Date("2027-03-14T07:30:00.250Z"))).toBe("20270314T073000Z");
  });
});

describe("subscribe links", () => {
  it("turns an https or http feed into webcal://", () => {
    expect(webcalUrl("https://convene.example.gov/calendar/community.ics")).toBe("webcal://convene.example.gov/calendar/community.ics");
    expect(webcalUrl("http://localhost:3000/calendar/feed/abc.ics")).toBe("webcal://localhost:3000/calendar/feed/abc.ics");
  });

  it("asks Google to add the feed by its https:// address, which Google fetches better than webcal://", () => {
    const url = new URL(googleSubscribeUrl("https://convene.example.gov/calendar/community.ics"));
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/r");
    expect(url.searchParams.get("cid")).toBe("https://convene.example.gov/calendar/community.ics");
    const fromWebcal = new URL(googleSubscribeUrl("webcal://convene.example.gov/calendar/feed/abc.ics"));
    expect(fromWebcal.searchParams.get("cid")).toBe("https://convene.example.gov/calendar/feed/abc.ics");
  });

  it("offers a personal feed as https:// to Google and webcal:// to Apple", () => {
    const feedUrl = "https://convene.example.gov/calendar/feed/AbC_123.ics";
    const html = renderToStaticMarkup(createElement(CalendarSubscribe, { feedUrl, calendarName: "your events feed" }));
    const links = [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>(.*?)<\/a>/g)].map(([, href, label]) => ({
      href: href!.replaceAll("&amp;", "&"),
      label: label!.replace(/<[^>]+>/g, ""),
    }));
    const apple = links.find((link) => link.label.startsWith("Subscribe in Apple Calendar"));
    const google = links.find((link) => link.label.startsWith("Add to Google Calendar"));
    expect(apple?.href).toBe("webcal://convene.example.gov/calendar/feed/AbC_123.ics");
    expect(new URL(google!.href).searchParams.get("cid")).toBe(feedUrl);
  });
});
