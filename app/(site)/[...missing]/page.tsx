import { notFound } from "next/navigation";

// Any address no other route matches: the 404 renders inside the site layout, with the viewer's header.
export default function MissingPage() {
  notFound();
}
