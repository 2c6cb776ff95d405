import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getUnsubscribeState } from "@/lib/notifications/preferences";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

/**
 * Opened from an email, signed in or not. Showing the page changes nothing: mail
 * scanners open links, so only the button (a POST, see proxy.ts) unsubscribes.
 */
export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const state = await getUnsubscribeState(token);
  if (!state) notFound();
  return (
    <div className="grid-container usa-section usa-prose">
      <h1>Unsubscribe</h1>
      {state.subscribed ? (
        <>
          <p className="usa-intro">Stop getting {state.label}?</p>
          <p>Only this kind of email stops. Emails about your RSVPs and changes to events you&rsquo;re going to still come.</p>
          {/* A plain form, not a server action: the one-click handler serves both this button and mail providers. */}
          <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}`}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit" className="usa-button">
              Unsubscribe
            </button>
          </form>
        </>
      ) : (
        <div className="usa-alert usa-alert--success" role="status">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">You&rsquo;re unsubscribed</h2>
            <p className="usa-alert__text">You won&rsquo;t get {state.label} any more.</p>
          </div>
        </div>
      )}
      <p>
        You can choose which emails you get on{" "}
        <Link href="/account" className="usa-link">
          your account page
        </Link>{" "}
        (you&rsquo;ll need to sign in).
      </p>
    </div>
  );
}
