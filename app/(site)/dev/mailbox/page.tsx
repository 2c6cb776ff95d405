import type { Metadata } from "next";
import { orNotFound } from "@/app/_components/or-not-found";
import { TextInput } from "@/components/forms";
import { listMailbox, splitTextOnUrls, type MailboxMessage } from "@/lib/mail";

// Always read the outbox afresh: a test or a person is waiting for the mail just sent.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DevMailboxPage({ searchParams }: Props) {
  const { to: toParam } = await searchParams;
  const to = (typeof toParam === "string" ? toParam : "").trim();

  const messages = await orNotFound(listMailbox({ to: to || undefined }));

  return (
    <div className="grid-container usa-section">
      <h1>Dev mailbox</h1>
      <p>
        Every message the app has sent or queued, newest first (at most 50), so sign-in links and invitations can be read without a mail server. This page is
        off in production unless DEV_MAILBOX=true.
      </p>

      <form className="usa-form" method="get" action="/dev/mailbox" role="search" aria-label="Filter messages">
        <TextInput id="mailbox-to" name="to" type="email" label="Recipient" optional="unmarked" defaultValue={to} />
        <button className="usa-button" type="submit">
          Filter
        </button>
      </form>

      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ul className="usa-list usa-list--unstyled margin-top-4" aria-label={to ? `Messages to ${to}` : "Messages"}>
          {messages.map((message) => (
            <MessageCard key={message.id} message={message} />
          ))}
        </ul>
      )}
    </div>
  );
}

function MessageCard({ message }: { message: MailboxMessage }) {
  const when = message.sentAt ?? message.createdAt;
  return (
    <li className="usa-card margin-bottom-3">
      <article className="usa-card__container" data-testid="mail-message" aria-labelledby={`mail-${message.id}`}>
        <div className="usa-card__header">
          <h2 className="usa-card__heading" id={`mail-${message.id}`}>
            {message.subject}
          </h2>
        </div>
        <div className="usa-card__body">
          <dl>
            <dt>To</dt>
            <dd data-testid="mail-to">{message.to}</dd>
            <dt>{message.sentAt ? "Sent" : "Queued"}</dt>
            <dd>
              <time dateTime={when.toISOString()}>{formatUtc(when)}</time>
            </dd>
            <dt>Kind</dt>
            <dd>{message.kind}</dd>
            <dt>Status</dt>
            <dd>{message.status}</dd>
            {message.calendarMethod ? (
              <>
                <dt>Calendar</dt>
                <dd>{message.calendarMethod === "CANCEL" ? "Cancellation (METHOD:CANCEL)" : "Invitation (METHOD:REQUEST)"}</dd>
              </>
            ) : null}
          </dl>
          <pre data-testid="mail-body" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {splitTextOnUrls(message.text).map((part, index) =>
              part.kind === "url" ? (
                <a key={index} className="usa-link" href={part.value}>
                  {part.value}
                </a>
              ) : (
                part.value
              ),
            )}
          </pre>
        </div>
      </article>
    </li>
  );
}

function formatUtc(date: Date) {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
