import { PerRequestReload } from "@/app/_components/per-request-reload";

/**
 * An address the cached signed-in tree has no page for: an unknown event, or one only some may see (an
 * organizer's draft). The per-request page decides, so the browser is sent there at once.
 */
export default function SignedInNotFound() {
  return (
    <div className="grid-container usa-section">
      <PerRequestReload />
      <p role="status">Loading this page…</p>
    </div>
  );
}
