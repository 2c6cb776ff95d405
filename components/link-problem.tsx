import Link from "next/link";

/** A used, expired or broken sign-in link: say so, and offer a new one. */
export function LinkProblem({
  reason,
  organizersEmail,
}: {
  reason: "expired" | "used" | "denied" | "assurance" | "unverified" | "unregistered" | "other";
  /** Whom to ask when a domain is missing from the .gov registry. */
  organizersEmail?: string;
}) {
  const text = {
    expired: "This sign-in link has expired. Links work for 10 minutes.",
    used: "This sign-in link has already been used or is not valid. Each link works once.",
    denied: "This address can't sign in to the community. It may not be eligible, or the account may be disabled.",
    assurance: "Login.gov did not confirm the level of identity assurance this site asks for, so you are not signed in.",
    unverified:
      "Login.gov did not confirm that your email address is verified, so you are not signed in. Confirm it in your Login.gov account, or use a sign-in link.",
    unregistered: `Your address's domain is not in the official .gov registry that Convene checks addresses against, so we can't tell which government it belongs to. If it is your organization's address, write to the community organizers at ${organizersEmail ?? "the address on the About page"} and ask them to add it.`,
    other: "Something went wrong while signing you in.",
  }[reason];
  return (
    <div className="grid-container usa-section">
      <h1>We couldn&rsquo;t sign you in</h1>
      <div className="usa-alert usa-alert--warning" role="alert">
        <div className="usa-alert__body">
          <p className="usa-alert__text">{text}</p>
        </div>
      </div>
      <p className="margin-top-3">
        <Link href="/signin" className="usa-button">
          Get a new sign-in link
        </Link>
      </p>
    </div>
  );
}
