import type { Metadata } from "next";

export const metadata: Metadata = { title: "Community guidelines" };

export default function GuidelinesPage() {
  return (
    <div className="grid-container usa-section usa-prose">
      <h1>Community guidelines</h1>
      <p className="usa-intro">These guidelines keep the community useful and safe for everyone. Joining means you agree to follow them.</p>
      <ol>
        <li>
          <strong>Be respectful.</strong> Disagree with ideas, never with people. Harassment and discrimination are not tolerated.
        </li>
        <li>
          <strong>Share in the open.</strong> Everything here is a government record and may be released under the Freedom of Information Act (FOIA).
        </li>
        <li>
          <strong>Protect information.</strong> Do not share personally identifiable, sensitive, pre-decisional or classified information.
        </li>
        <li>
          <strong>No endorsements or selling.</strong> Mentioning a product is fine; promoting or endorsing a vendor is not.
        </li>
        <li>
          <strong>Speak for yourself.</strong> Your views are your own unless your agency has authorized you to speak for it.
        </li>
        <li>
          <strong>Make it accessible.</strong> Caption videos, describe images and use plain language in what you share.
        </li>
      </ol>
      <p>Organizers may remove content or disable accounts that break these guidelines.</p>
    </div>
  );
}
