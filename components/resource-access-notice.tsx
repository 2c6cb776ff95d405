import Link from "next/link";

/** Tells visitors, and people who signed in but haven't joined, how to open the resources they can see listed. */
export function ResourceAccessNotice({ signedIn, returnTo }: { signedIn: boolean; returnTo: string }) {
  const target = encodeURIComponent(returnTo);
  return (
    <div className="usa-alert usa-alert--info margin-bottom-3">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading">Resources are for community members</h2>
        <p className="usa-alert__text">
          Anyone can see what the community has shared. To open links and download files,{" "}
          {signedIn ? (
            <Link href={`/join?next=${target}`} className="usa-link">
              finish joining the community
            </Link>
          ) : (
            <>
              <Link href={`/signin?callbackUrl=${target}`} className="usa-link">
                sign in
              </Link>{" "}
              with your .gov or .mil email address, or{" "}
              <Link href="/about" className="usa-link">
                learn how to join
              </Link>
            </>
          )}
          .
        </p>
      </div>
    </div>
  );
}
