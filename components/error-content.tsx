"use client";

/** Never shows the error itself: its message may carry SQL or file paths. The digest lets support find the log line. */
export function ErrorContent({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="grid-container usa-section">
      <div className="usa-alert usa-alert--error" role="alert">
        <div className="usa-alert__body">
          <h1 className="usa-alert__heading">Something went wrong</h1>
          <p className="usa-alert__text">We couldn&rsquo;t complete your request. Nothing you entered was lost. Please try again in a moment.</p>
          {error.digest ? <p className="usa-alert__text font-body-2xs">Reference: {error.digest}</p> : null}
        </div>
      </div>
      <button type="button" className="usa-button margin-top-2" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
