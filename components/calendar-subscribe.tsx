import { googleSubscribeUrl, webcalUrl } from "@/lib/calendar/links";

/**
 * Ways to subscribe to a calendar feed: webcal:// for Apple Calendar (and the other
 * apps that register the scheme), Google's add-by-URL page with the https:// address
 * (Google fetches webcal:// poorly), and the address itself for anything else. No
 * hooks and no server imports, so client components can render it too.
 */
export function CalendarSubscribe({ feedUrl, calendarName }: { feedUrl: string; calendarName?: string }) {
  const about = calendarName ? ` to ${calendarName}` : "";
  return (
    <div className="calendar-subscribe">
      <ul className="usa-button-group">
        <li className="usa-button-group__item">
          <a className="usa-button" href={webcalUrl(feedUrl)}>
            Subscribe in Apple Calendar<span className="usa-sr-only">{about}</span>
          </a>
        </li>
        <li className="usa-button-group__item">
          <a className="usa-button usa-button--outline" href={googleSubscribeUrl(feedUrl)} target="_blank" rel="noopener noreferrer">
            Add to Google Calendar<span className="usa-sr-only">{about} (opens in a new tab)</span>
          </a>
        </li>
      </ul>
      <p className="margin-bottom-05">For Outlook or any other app, subscribe from the web (an &ldquo;internet calendar&rdquo;) with this address:</p>
      <p className="margin-top-0">
        <code className="font-mono-2xs" style={{ wordBreak: "break-all" }}>
          {feedUrl}
        </code>
      </p>
      <p className="font-body-2xs">Calendar apps check the feed about once an hour, and Google can take longer, so changes may take a while to show.</p>
    </div>
  );
}
