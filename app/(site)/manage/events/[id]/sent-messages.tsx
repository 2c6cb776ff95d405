import { listEventMessages } from "@/lib/notifications/messages";
import { audienceLabels } from "@/lib/notifications/audiences";
import { formatShortStart } from "@/lib/time";
import type { Viewer } from "@/lib/viewer";

/** Everything organizers wrote to attendees of this event, kept because it may be requested under FOIA. */
export async function SentMessages({ viewer, eventId, timeZone, justSent }: { viewer: Viewer; eventId: string; timeZone: string; justSent: number | null }) {
  const messages = await listEventMessages(viewer, eventId);
  return (
    <section aria-labelledby="messages-heading" className="margin-top-5 border-top-1px border-base-lighter padding-top-3">
      <h2 id="messages-heading">Messages to attendees</h2>
      {justSent !== null ? (
        <div className="usa-alert usa-alert--success usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Your message is on its way to {justSent} {justSent === 1 ? "person" : "people"}.
            </p>
          </div>
        </div>
      ) : null}
      {messages.length === 0 ? (
        <p>No messages have been sent about this event.</p>
      ) : (
        <ul className="usa-list usa-list--unstyled">
          {messages.map((message) => (
            <li key={message.id} className="margin-bottom-3">
              <h3 className="margin-bottom-05 font-heading-sm">{message.subject}</h3>
              <p className="margin-top-0 text-base-dark font-body-xs">
                <time dateTime={message.createdAt.toISOString()}>{formatShortStart(message.createdAt, timeZone)}</time>, by {message.senderEmail} to{" "}
                {audienceLabels[message.audience]} ({message.recipientCount} {message.recipientCount === 1 ? "person" : "people"})
              </p>
              <details>
                <summary>Show message</summary>
                <pre className="bg-base-lightest padding-2 radius-md font-body-sm" style={{ whiteSpace: "pre-wrap" }}>
                  {message.body}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
