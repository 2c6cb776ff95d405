import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="grid-container usa-section usa-prose">
      <h1>You don&rsquo;t have access to this page</h1>
      <p className="usa-intro">This page is for community organizers and administrators.</p>
      <p>
        If you think you should have access, ask an administrator. Meanwhile, you can{" "}
        <Link href="/events" className="usa-link">
          browse events
        </Link>
        .
      </p>
    </div>
  );
}
