// Not server-only: these are pure string builders that presentational components,
// client ones included, call to make links.

export type CalendarLinkEvent = {
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** Plain text: the summary and the event page address. Never the join link. */
  details: string;
  location: string;
};

// Google's template links and browsers cut long URLs; the page link at the end must survive.
const MAX_DETAILS = 1000;

/** 20261101T140000Z, the form Google's `dates` parameter wants. */
export function compactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// Percent-encoding, not URLSearchParams' "+" for spaces, which Outlook shows as plus signs.
function query(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
}

function trimDetails(details: string) {
  return details.length > MAX_DETAILS ? `${details.slice(0, MAX_DETAILS - 1)}…` : details;
}

export function googleCalendarUrl(event: CalendarLinkEvent): string {
  const params = query({
    action: "TEMPLATE",
    text: event.title,
    dates: `${compactUtc(event.startsAt)}/${compactUtc(event.endsAt)}`,
    details: trimDetails(event.details),
    location: event.location,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

function outlookUrl(origin: string, event: CalendarLinkEvent): string {
  const params = query({
    subject: event.title,
    startdt: isoUtc(event.startsAt),
    enddt: isoUtc(event.endsAt),
    body: trimDetails(event.details),
    location: event.location,
    path: "/calendar/action/compose",
    rru: "addevent",
  });
  return `${origin}/calendar/0/deeplink/compose?${params}`;
}

/** Outlook.com, for personal Microsoft accounts. */
export function outlookLiveUrl(event: CalendarLinkEvent): string {
  return outlookUrl("https://outlook.live.com", event);
}

/** Commercial Microsoft 365; GCC High and DoD tenants live elsewhere and need the .ics file. */
export function office365Url(event: CalendarLinkEvent): string {
  return outlookUrl("https://outlook.office.com", event);
}

/** The same feed for apps that subscribe by scheme (Apple Calendar, Outlook desktop). */
export function webcalUrl(feedUrl: string): string {
  return feedUrl.replace(/^(https?|webcal):\/\//i, "webcal://");
}

/** The feed as Google should fetch it: https://, since Google reads webcal:// addresses poorly. */
export function httpsFeedUrl(feedUrl: string): string {
  return feedUrl.replace(/^webcal:\/\//i, "https://");
}

/** Google's "add by URL"; Google fetches the feed from its own servers, so it must be public. */
export function googleSubscribeUrl(feedUrl: string): string {
  return `https://calendar.google.com/calendar/r?${query({ cid: httpsFeedUrl(feedUrl) })}`;
}
