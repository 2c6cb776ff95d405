import Link from "next/link";

/** What a missing page says, inside whichever frame the tree around it draws. */
export function NotFoundContent() {
  return (
    <div className="grid-container usa-section usa-prose">
      <h1>Page not found</h1>
      <p className="usa-intro">We can&rsquo;t find the page you&rsquo;re looking for.</p>
      <p>It may have been moved or removed, or the address may be mistyped. You can:</p>
      <ul>
        <li>
          Go to the{" "}
          <Link href="/" className="usa-link">
            home page
          </Link>
        </li>
        <li>
          Browse{" "}
          <Link href="/events" className="usa-link">
            upcoming events
          </Link>
        </li>
      </ul>
    </div>
  );
}
