import { NotFoundContent } from "@/components/not-found-content";

// Inside the cached visitor tree: must not read the session, or a cached 404 would turn dynamic.
export default function NotFound() {
  return <NotFoundContent />;
}
