import Link from "next/link";

/** For organizers and admins on the library page. */
export function ManageResourcesLink() {
  return (
    <p>
      <Link href="/manage/resources" className="usa-link">
        Add, edit or remove resources
      </Link>
    </p>
  );
}
