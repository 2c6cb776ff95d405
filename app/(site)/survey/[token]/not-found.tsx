export default function SurveyLinkNotFound() {
  return (
    <div className="grid-container usa-section usa-prose">
      <h1>This survey link isn&rsquo;t valid</h1>
      <p className="usa-intro">Nothing was recorded.</p>
      <p>
        The link may be incomplete: some email programs break long links across lines. Try copying the whole link from the email. Each link belongs to one
        person and one event; if the organizers sent you a newer email, use the link in that one.
      </p>
    </div>
  );
}
