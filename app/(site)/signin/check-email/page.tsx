import type { Metadata } from "next";
import Link from "next/link";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email" };
export const dynamic = "force-dynamic";

export default function CheckEmailPage() {
  const mailbox = getEnv().devMailboxEnabled && !getEnv().SMTP_URL;
  return (
    <div className="grid-container usa-section usa-prose">
      <h1>Check your email</h1>
      <p className="usa-intro">If your address can join, a sign-in link is on its way.</p>
      <p>
        Open the email from the Social Media Community of Practice and select the link. It works once and expires in 10 minutes. If nothing arrives in a few
        minutes, check your junk folder or{" "}
        <Link href="/signin" className="usa-link">
          ask for a new link
        </Link>
        .
      </p>
      {mailbox ? (
        <div className="usa-alert usa-alert--info usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              No mail server is configured, so messages are kept in the{" "}
              <Link href="/dev/mailbox" className="usa-link">
                dev mailbox
              </Link>
              .
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
