import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "About" };

export default function AboutPage() {
  return (
    <div className="grid-container usa-section usa-prose">
      <h1>About the community</h1>
      <p className="usa-intro">
        The Social Media Community of Practice brings together about 1,500 government digital managers and specialists who run social media for their agencies.
        It is run by the Technology Transformation Services of the U.S. General Services Administration.
      </p>

      <h2>What we do</h2>
      <ul>
        <li>Educational sessions on accessibility, plain language, analytics, crisis communications and platform policy.</li>
        <li>Networking events, virtual and in person, to meet peers across agencies.</li>
        <li>A shared library of slides, recordings, toolkits, guides and templates.</li>
      </ul>

      <h2>Who may join</h2>
      <p>
        Government employees and contractors with an official <strong>.gov</strong> or <strong>.mil</strong> email address. You sign in with a link sent to that
        address; there is no password to remember.{" "}
        <Link href="/signin" className="usa-link">
          Join or sign in
        </Link>
        .
      </p>

      <h2>Community conduct</h2>
      <p>
        Members treat each other with respect, share what they can, and keep non-public information out of community spaces. Read the{" "}
        <Link href="/guidelines" className="usa-link">
          community guidelines
        </Link>
        .
      </p>

      <h2>Records and the Freedom of Information Act</h2>
      <p>
        What you share here, including registrations, messages and resources, is a government record and may be released under the Freedom of Information Act
        (FOIA). Do not post sensitive, personal or classified information.
      </p>
    </div>
  );
}
