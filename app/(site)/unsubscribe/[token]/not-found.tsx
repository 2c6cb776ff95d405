import Link from "next/link";

export default function UnsubscribeLinkNotFound() {
  return (
    <div className="grid-container usa-section usa-prose">
      <h1>This unsubscribe link isn&rsquo;t valid</h1>
      <p className="usa-intro">Nothing was changed.</p>
      <p>
        The link may be incomplete: some email programs break long links across lines. Try copying the whole link from the email, or choose which emails you get
        on{" "}
        <Link href="/account" className="usa-link">
          your account page
        </Link>
        .
      </p>
    </div>
  );
}
