"use client";

/** Last resort when the root layout itself fails (for example the database is down); keeps to plain HTML. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "2rem", maxWidth: "40rem" }}>
        <h1>Something went wrong</h1>
        <p>The Social Media Community of Practice site could not load this page. Please try again in a few minutes.</p>
        {error.digest ? <p>Reference: {error.digest}</p> : null}
        <p>
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full reload is the point after the app itself failed */}
          <a href="/">Go to the home page</a>
        </p>
      </body>
    </html>
  );
}
