import { googleCalendarUrl, office365Url, outlookLiveUrl, type CalendarLinkEvent } from "@/lib/calendar/links";
import { siteUrl } from "@/lib/site";
import { WebCalendarLinks } from "@/app/_components/rsvp-panel";

/** What anyone may see of an event: no join link, which only people going get. */
export type AddToCalendarEvent = {
  slug: string;
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  format: string;
  status?: string;
};

/**
 * "Add to calendar": a native disclosure, so it opens with Enter or Space and works
 * before (or without) any JavaScript. Drafts and cancelled events get nothing to add.
 * The .ics file is the member's own copy when they RSVPed (app/(site)/events/[slug]/calendar.ics);
 * someone whose calendar already holds our invite is told so instead of being offered Google or
 * Outlook links (WebCalendarLinks, which reads the RSVP: render this inside an RsvpProvider).
 */
export function AddToCalendar({ event }: { event: AddToCalendarEvent }) {
  if (event.status === "draft" || event.status === "cancelled") return null;
  const path = `/events/${encodeURIComponent(event.slug)}`;
  const linkEvent: CalendarLinkEvent = {
    title: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    details: [event.summary.trim(), `Event page: ${siteUrl(path)}`].filter(Boolean).join("\n\n"),
    location: event.location?.trim() || (event.format === "in_person" ? "" : "Online"),
  };
  const web = [
    { label: "Google Calendar", href: googleCalendarUrl(linkEvent) },
    { label: "Outlook.com", href: outlookLiveUrl(linkEvent) },
    { label: "Office 365", href: office365Url(linkEvent) },
  ];

  return (
    <details className="add-to-calendar margin-y-2">
      <summary className="usa-button usa-button--outline">
        Add to calendar<span aria-hidden="true"> ▾</span>
      </summary>
      <div className="border-1px border-base-lighter radius-md bg-white padding-2 margin-top-1 maxw-mobile-lg">
        <ul className="usa-list usa-list--unstyled">
          <li className="margin-bottom-1">
            <a className="usa-link" href={`${path}/calendar.ics`} download={`${event.slug}.ics`}>
              Download .ics file
            </a>{" "}
            <span className="font-body-2xs text-base">(Apple Calendar, Outlook desktop and most others)</span>
          </li>
          <WebCalendarLinks links={web} />
        </ul>
        <p className="usa-hint font-body-2xs margin-bottom-0">
          Using Outlook on a government network (GCC High or DoD)? Download the .ics file and open it. The Outlook links above go to commercial Microsoft 365,
          not to government clouds.
        </p>
      </div>
    </details>
  );
}
